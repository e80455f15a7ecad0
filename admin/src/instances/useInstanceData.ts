import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useGetList, type Identifier } from 'react-admin';
import type { VinculoDataProvider } from '../dataProvider';
import { activePaths } from '../machines/graph';

/** The live snapshot of a process, refetched with react-admin's refresh button and after a nudge. */
export function useSnapshot(id: Identifier | undefined) {
  const dataProvider = useDataProvider<VinculoDataProvider>();
  return useQuery({
    queryKey: ['instances', 'snapshot', id],
    queryFn: () => dataProvider.getSnapshot(id as Identifier),
    enabled: id !== undefined,
  });
}

/** The raw Temporal history, only fetched once someone opens it: it can be large. */
export function useHistory(id: Identifier | undefined, enabled: boolean) {
  const dataProvider = useDataProvider<VinculoDataProvider>();
  return useQuery({
    queryKey: ['instances', 'history', id],
    queryFn: () => dataProvider.getHistory(id as Identifier),
    enabled: enabled && id !== undefined,
  });
}

// A process goes through tens of transitions, not thousands; one page covers its whole life.
const VISITED_PAGE = 1000;

/** Every state (and its ancestors) the process has been in, read from its transition rows. */
export function useVisitedStates(id: Identifier | undefined): Set<string> {
  const { data = [] } = useGetList(
    'transitions',
    {
      filter: { instanceId: id },
      pagination: { page: 1, perPage: VISITED_PAGE },
      sort: { field: 'seq', order: 'ASC' },
    },
    { enabled: id !== undefined },
  );
  // A stable Set: the statechart re-renders only when the rows change.
  return useMemo(() => {
    const visited = new Set<string>();
    for (const row of data) {
      for (const path of activePaths(row.from as string | null)) visited.add(path);
      for (const path of activePaths(row.to as string | null)) visited.add(path);
    }
    return visited;
  }, [data]);
}
