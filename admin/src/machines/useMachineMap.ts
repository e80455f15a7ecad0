import { useQuery } from '@tanstack/react-query';
import type { MachineMap } from '../../../contracts/api';
import { apiUrl, httpClient } from '../httpClient';
import type { StateCount } from './Statechart';

/** How often the live map asks again while its page is open. */
export const MAP_REFRESH_MS = 5_000;

/** Where a machine's running processes stand, refreshed while the page is open. */
export function useMachineMap(machine: string | undefined) {
  return useQuery({
    queryKey: ['vinculo', 'machineMap', machine],
    enabled: !!machine,
    queryFn: async () =>
      (await httpClient(`${apiUrl}/machines/${encodeURIComponent(machine ?? '')}/map`)).json as MachineMap,
    refetchInterval: () => (document.visibilityState === 'visible' ? MAP_REFRESH_MS : false),
  });
}

/** The map's rows by state path, as the statechart draws them. */
export const countsByState = (map: MachineMap | undefined): Map<string, StateCount> =>
  new Map((map?.states ?? []).map((s) => [s.state, { running: s.running, stuck: s.stuck }]));
