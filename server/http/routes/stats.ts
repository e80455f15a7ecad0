import { Router } from 'express';
import type { Knex } from 'knex';
import { requireRole } from '../../auth/principal.js';
import type { Stats } from '../../../contracts/api.js';
import { instanceCounts, stuckRunning } from '../../db/instanceCounts.js';

const HOUR = 3_600_000;

/** The dashboard's figures, aggregated by the database (the console never counts rows itself). */
export async function computeStats(db: Knex, now = Date.now()): Promise<Stats> {
  const nowIso = new Date(now).toISOString();
  const dayAhead = new Date(now + 24 * HOUR).toISOString();
  const firstHour = Math.floor(now / HOUR) * HOUR - 23 * HOUR;
  const running = () => db('instances').where({ status: 'running' });
  const count = async (q: Knex.QueryBuilder) =>
    Number(((await q.count<{ n: number | string }[]>({ n: '*' }).first()) ?? { n: 0 }).n);

  // All statuses: the console links each count to the instance list filtered by machine and state
  // only. Counts and hours are kept by triggers (migration 091), so none of this counts rows.
  const byMachineState = (await instanceCounts(db)
    .select('machine', 'state')
    .sum({ count: 'n' })
    .groupBy('machine', 'state')
    .havingRaw('sum(??) > 0', ['n'])
    .orderBy([{ column: 'machine' }, { column: 'state' }])) as Array<{
    machine: string;
    state: string;
    count: number | string;
  }>;
  // ISO strings of one format sort like the instants they name, so ranges are plain comparisons.
  const hours = (await db('transitionHours')
    .where('hour', '>=', new Date(firstHour).toISOString().slice(0, 13))
    .select('hour', { count: 'n' })) as Array<{ hour: string; count: number | string }>;
  const perHour = new Map(hours.map((h) => [h.hour, Number(h.count)]));

  return {
    byMachineState: byMachineState.map((r) => ({ machine: r.machine, state: r.state, count: Number(r.count) })),
    stuck: await stuckRunning(db),
    timersDue24h: await count(running().where('nextTimerAt', '>=', nowIso).where('nextTimerAt', '<', dayAhead)),
    // The same terms, literally, as the partial index that serves it (migration 091).
    failingActivities: await count(running().whereNotNull('lastError').whereRaw("?? <> ''", ['lastError'])),
    invoicingBlocked: await count(db('companies').where({ invoicingBlocked: true })),
    // Every one of the last 24 hours, including the quiet ones, so the chart has no gaps.
    transitionsPerHour: Array.from({ length: 24 }, (_, i) => {
      const hour = new Date(firstHour + i * HOUR).toISOString();
      return { hour, count: perHour.get(hour.slice(0, 13)) ?? 0 };
    }),
  };
}

export function statsRouter(db: Knex): Router {
  const router = Router();
  router.get('/stats', requireRole('admin', 'operator', 'auditor'), async (_req, res) => {
    res.json(await computeStats(db));
  });
  return router;
}
