import { Router } from 'express';
import type { Knex } from 'knex';
import { backlog } from '../../../domain/events/queue.js';
import { isPostgres } from '../../db/index.js';
import { taskFailingRunning } from '../../db/instanceCounts.js';

export interface HealthDeps {
  db: Knex;
  temporalOk: () => Promise<boolean>;
  version: string;
  /** How long the database may take to answer before health calls it unreachable. */
  databaseTimeoutMs?: number;
}

const RELAY_BEHIND_SECONDS = 60;
const DATABASE_TIMEOUT_MS = 2_000;

/** Resolves 'ok' when the promise settles well in time, 'unreachable' when it fails or takes too long. */
export function within<T>(work: Promise<T>, ms: number): Promise<'ok' | 'unreachable'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'unreachable'>((resolve) => {
    timer = setTimeout(() => resolve('unreachable'), ms);
  });
  const done = work.then(
    () => 'ok' as const,
    () => 'unreachable' as const,
  );
  return Promise.race([done, late]).finally(() => clearTimeout(timer));
}

/** The value, or undefined when the work fails or takes longer than `ms`. */
async function orUndefinedAfter<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([work.catch(() => undefined), late]).finally(() => clearTimeout(timer));
}

/** Liveness of the parts the service needs: 503 names the one that is down. */
export function healthRouter(deps: HealthDeps): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    // A read of a real table (`select 1` touches no file); on SQLite inside a transaction, which
    // begins immediate and so needs the write lock: another process holding the file locked shows.
    const probe = isPostgres(deps.db)
      ? deps.db('knex_migrations').count({ n: '*' })
      : deps.db.transaction((trx) => trx('knex_migrations').count({ n: '*' }));
    const [database, temporal] = await Promise.all([
      within(probe, deps.databaseTimeoutMs ?? DATABASE_TIMEOUT_MS),
      deps.temporalOk().then(
        (ok) => (ok ? 'ok' : 'unreachable'),
        () => 'unreachable',
      ),
    ]);
    const dbWithin = deps.databaseTimeoutMs ?? DATABASE_TIMEOUT_MS;
    // Processes that cannot move are counted, not made a failure of the service: it is alive.
    const [queued, taskFailing] =
      database === 'ok'
        ? await Promise.all([
            orUndefinedAfter(backlog(deps.db), dbWithin),
            orUndefinedAfter(taskFailingRunning(deps.db), dbWithin),
          ])
        : [undefined, undefined];
    // Events waiting longer than a minute mean the relay cannot reach Temporal (or a worker).
    const relay = !queued ? 'unknown' : queued.oldestPendingSeconds > RELAY_BEHIND_SECONDS ? 'behind' : 'ok';
    const ok = database === 'ok' && temporal === 'ok' && relay === 'ok';
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'degraded',
      temporal,
      database,
      ...(database === 'ok' ? {} : { message: 'The database is not answering: requests that need it answer 503.' }),
      relay,
      ...(queued ? { queuedEvents: queued } : {}),
      ...(taskFailing !== undefined ? { processes: { taskFailing } } : {}),
      version: deps.version,
    });
  });
  return router;
}
