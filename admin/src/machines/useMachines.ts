import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { VinculoDataProvider } from '../dataProvider';
import type { MachineDescription } from '../types';

/** The machine descriptions rarely change while the console is open, so they are fetched once. */
export function useMachines() {
  const dataProvider = useDataProvider<VinculoDataProvider>();
  return useQuery({
    queryKey: ['vinculo', 'machines'],
    queryFn: () => dataProvider.getMachines(),
    staleTime: 5 * 60_000,
  });
}

/** The description matching an instance's machine, preferring its exact version. */
export function findMachine(
  machines: MachineDescription[] | undefined,
  id: string | undefined,
  version?: number,
): MachineDescription | undefined {
  if (!machines || !id) return undefined;
  const sameId = machines.filter((m) => m.id === id);
  return sameId.find((m) => m.version === version) ?? sameId.sort((a, b) => b.version - a.version)[0];
}
