import { useCallback, useState } from 'react';
import { useDataProvider, useNotify, useRefresh, type Identifier } from 'react-admin';
import type { VinculoDataProvider } from '../../dataProvider';
import type { BulkResult, SendEventParams } from '../../types';

// Applying in small batches lets the dialog show real progress and keeps each request short.
const BATCH = 10;

export type BulkRequest = SendEventParams;

export type BulkPhase = 'idle' | 'dryRunning' | 'dryRun' | 'applying' | 'applied';

/** Dry run for all ids at once, then apply to those the dry run accepted, batch by batch. */
export function useBulkNudge(ids: Identifier[]) {
  const dataProvider = useDataProvider<VinculoDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [phase, setPhase] = useState<BulkPhase>('idle');
  const [results, setResults] = useState<BulkResult[]>([]);
  const [done, setDone] = useState(0);
  const [total, setTotal] = useState(0);

  const fail = (error: unknown, back: BulkPhase) => {
    notify(error instanceof Error ? error.message : String(error), { type: 'error' });
    setPhase(back);
  };

  const dryRun = async (request: BulkRequest) => {
    setPhase('dryRunning');
    try {
      const { results: found } = await dataProvider.bulkEvents({ ...request, ids, dryRun: true });
      setResults(found);
      setPhase('dryRun');
    } catch (error) {
      fail(error, 'idle');
    }
  };

  const apply = async (request: BulkRequest) => {
    const accepted = results.filter((r) => r.ok).map((r) => r.id);
    // Processes the dry run refused are not sent, but stay listed with their reason.
    const refused = results.filter((r) => !r.ok);
    setPhase('applying');
    setTotal(accepted.length);
    setDone(0);
    const applied: BulkResult[] = [];
    try {
      for (let start = 0; start < accepted.length; start += BATCH) {
        const batch = accepted.slice(start, start + BATCH);
        const { results: found } = await dataProvider.bulkEvents({ ...request, ids: batch, dryRun: false });
        applied.push(...found);
        setDone(start + batch.length);
        setResults([...applied, ...refused]);
      }
      setPhase('applied');
    } catch (error) {
      fail(error, applied.length > 0 ? 'applied' : 'dryRun');
    } finally {
      refresh();
    }
  };

  // Stable, since the payload editor calls it from an effect.
  const reset = useCallback(() => {
    setPhase('idle');
    setResults([]);
  }, []);

  return { phase, results, done, total, dryRun, apply, reset };
}
