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

/**
 * The description of a machine's version: exactly the one a process runs when given, else the
 * latest (the one new processes start on). The API lists every registered version.
 */
export function findMachine(
  machines: MachineDescription[] | undefined,
  id: string | undefined,
  version?: number,
): MachineDescription | undefined {
  if (!machines || !id) return undefined;
  const sameId = machines.filter((m) => m.id === id);
  // A process's own version or nothing: another version's diagram would show states it never had.
  if (version !== undefined) return sameId.find((m) => m.version === version);
  return sameId.find((m) => m.latest) ?? sameId[sameId.length - 1];
}
