import { Router } from 'express';
import type { Knex } from 'knex';
import { backlog } from '../../../domain/events/queue.js';

export interface HealthDeps {
  db: Knex;
  temporalOk: () => Promise<boolean>;
  version: string;
}

const RELAY_BEHIND_SECONDS = 60;

/** Liveness of the parts the service needs: 503 names the one that is down. */
export function healthRouter(deps: HealthDeps): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const [database, temporal] = await Promise.all([
      deps.db.raw('select 1').then(
        () => 'ok',
        () => 'unreachable',
      ),
      deps.temporalOk().then(
        (ok) => (ok ? 'ok' : 'unreachable'),
        () => 'unreachable',
      ),
    ]);
    const queued = database === 'ok' ? await backlog(deps.db).catch(() => undefined) : undefined;
    // Events waiting longer than a minute mean the relay cannot reach Temporal (or a worker).
    const relay = !queued ? 'unknown' : queued.oldestPendingSeconds > RELAY_BEHIND_SECONDS ? 'behind' : 'ok';
    const ok = database === 'ok' && temporal === 'ok' && relay === 'ok';
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'degraded',
      temporal,
      database,
      relay,
      ...(queued ? { queuedEvents: queued } : {}),
      version: deps.version,
    });
  });
  return router;
}
