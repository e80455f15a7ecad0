import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { VinculoDataProvider } from '../dataProvider';

/** The server's aggregates for the dashboard, refreshed every minute while it is open. */
export function useStats() {
  const dataProvider = useDataProvider<VinculoDataProvider>();
  return useQuery({
    queryKey: ['vinculo', 'stats'],
    queryFn: () => dataProvider.getStats(),
    refetchInterval: 60_000,
  });
}

/** A link to the instance list with filters, as react-admin reads them from the URL. */
export function instancesFilteredBy(filter: Record<string, unknown>) {
  return { pathname: '/instances', search: `?filter=${encodeURIComponent(JSON.stringify(filter))}` };
}
