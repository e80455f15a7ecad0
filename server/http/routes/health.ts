import { Router } from 'express';
import type { Knex } from 'knex';

export interface HealthDeps {
  db: Knex;
  temporalOk: () => Promise<boolean>;
  version: string;
}

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
    const ok = database === 'ok' && temporal === 'ok';
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', temporal, database, version: deps.version });
  });
  return router;
}
