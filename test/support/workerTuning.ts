import type { WorkerTuning } from '../../server/temporal/worker.js';

/**
 * The test workers' sticky cache, as production reads it (WORKER_MAX_CACHED_WORKFLOWS). CI runs the
 * workflow and server suites once more with 0: every workflow task is then a replay from the start,
 * so code that decides differently live and on replay fails there.
 */
export function testWorkerTuning(tuning: WorkerTuning = {}): WorkerTuning {
  const cached = process.env.WORKER_MAX_CACHED_WORKFLOWS;
  if (cached === undefined || cached === '' || tuning.maxCachedWorkflows !== undefined) return tuning;
  return { ...tuning, maxCachedWorkflows: Number(cached) };
}
