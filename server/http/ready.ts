import http from 'node:http';
import { Router } from 'express';
import type { Knex } from 'knex';
import { within } from './routes/health.js';

export interface ReadinessDeps {
  db: Knex;
  temporalOk: () => Promise<boolean>;
  /** Present in a process that runs a worker: true once it polls its task queue. */
  workerPolling?: () => boolean;
  /** How long each check may take. */
  timeoutMs?: number;
}

export interface Readiness {
  ready: boolean;
  database: 'ok' | 'unreachable';
  temporal: 'ok' | 'unreachable';
  worker?: 'polling' | 'not polling';
}

/** Whether this process should receive traffic (or, for a worker, counts as serving its task queue). */
export async function readiness(deps: ReadinessDeps): Promise<Readiness> {
  const ms = deps.timeoutMs ?? 2_000;
  const [database, temporal] = await Promise.all([
    within(deps.db.raw('select 1'), ms),
    within(
      deps.temporalOk().then((ok) => {
        if (!ok) throw new Error('Temporal does not answer');
      }),
      ms,
    ),
  ]);
  const worker = deps.workerPolling ? (deps.workerPolling() ? 'polling' : 'not polling') : undefined;
  return {
    ready: database === 'ok' && temporal === 'ok' && worker !== 'not polling',
    database,
    temporal,
    ...(worker ? { worker } : {}),
  };
}

/** GET /ready: 200 when ready, 503 naming what is not (a load balancer's readiness probe). */
export function readyRouter(deps: ReadinessDeps): Router {
  const router = Router();
  router.get('/ready', async (_req, res) => {
    const state = await readiness(deps);
    res
      .status(state.ready ? 200 : 503)
      .setHeader('Cache-Control', 'no-store')
      .json(state);
  });
  return router;
}

/**
 * A worker process has no HTTP server: with WORKER_HEALTH_PORT it gets this small listener, with
 * /health (the process is alive) and /ready (database, Temporal, and its worker polling).
 */
export async function listenWorkerHealth(port: number, host: string, deps: ReadinessDeps): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && req.url === '/health') return send(200, { status: 'ok' });
    if (req.method === 'GET' && req.url === '/ready') {
      readiness(deps).then(
        (state) => send(state.ready ? 200 : 503, state),
        () => send(503, { ready: false }),
      );
      return;
    }
    send(404, { message: 'Only /health and /ready here.' });
  });
  server.listen(port, host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  return server;
}
