import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Knex } from 'knex';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { backlog } from '../../domain/events/queue.js';
import { log, logFormat } from '../log.js';
import { instanceCounts, stuckRunning, taskFailingRunning } from '../db/instanceCounts.js';

// Prometheus metrics of one HTTP process: requests by route, and figures read from the database at
// each scrape (the outbox, queued events, processes by machine and state, stuck processes), so every
// server process reports the same totals. The Temporal SDK's own task metrics are exported by the
// SDK's runtime on TEMPORAL_METRICS_BIND (see server/main.ts).

const count = (row: unknown) => Number((row as { n?: number | string } | undefined)?.n ?? 0);

export interface Metrics {
  registry: Registry;
  /** Times and logs every request under an X-Request-Id; mount it first. */
  requests: RequestHandler;
  /** Answers a scrape; with a token, only to `Authorization: Bearer <token>`. */
  scrape(token?: string): RequestHandler;
}

/**
 * The route a response answered, as declared (`/api/instances/:id`), never the raw path with ids in
 * it. Express has left the mounting routers by the time an async handler answers (req.baseUrl is
 * back to ''), so the mount prefix is the original path's leading segments the route does not cover.
 */
function routeOf(req: Parameters<RequestHandler>[0]): string {
  const route = (req as { route?: { path?: unknown } }).route;
  if (!route) return 'unmatched';
  if (typeof route.path !== 'string') return 'pattern';
  const declared = route.path.split('/').filter(Boolean);
  const actual = (req.originalUrl.split('?')[0] ?? '').split('/').filter(Boolean);
  const prefix = actual.slice(0, Math.max(0, actual.length - declared.length));
  return `/${[...prefix, ...declared].join('/')}`;
}

const REQUEST_ID = /^[\w.:-]{1,100}$/;

export function createMetrics(db: Knex): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'vinculo_' });
  const duration = new Histogram({
    name: 'vinculo_http_request_duration_seconds',
    help: 'HTTP requests by method, declared route and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
    registers: [registry],
  });
  const gauge = (name: string, help: string, collect: (g: Gauge) => Promise<void>, labelNames: string[] = []) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        await collect(this);
      },
    });
  gauge('vinculo_outbox_backlog', 'E-mails composed and not yet handed to the SMTP server.', async (g) => {
    g.set(count(await db('outbox').whereNotIn('status', ['sent', 'captured']).count({ n: '*' }).first()));
  });
  gauge('vinculo_outbox_failures', 'E-mails whose last sending attempt failed (retried by Temporal).', async (g) => {
    g.set(count(await db('outbox').where({ status: 'failed' }).count({ n: '*' }).first()));
  });
  const events = async () => backlog(db);
  gauge('vinculo_queued_events_pending', 'Events recorded and not yet delivered to their process.', async (g) => {
    g.set((await events()).pending);
  });
  gauge('vinculo_queued_events_oldest_seconds', 'Age of the oldest undelivered event.', async (g) => {
    g.set((await events()).oldestPendingSeconds);
  });
  gauge('vinculo_queued_events_refused', 'Events their process refused.', async (g) => {
    g.set((await events()).refused);
  });
  gauge(
    'vinculo_processes',
    'Processes by machine, state and status.',
    async (g) => {
      g.reset();
      const rows = (await instanceCounts(db)
        .select('machine', 'state', 'status')
        .sum({ n: 'n' })
        .groupBy('machine', 'state', 'status')
        .havingRaw('sum(??) > 0', ['n'])) as Array<{ machine: string; state: string; status: string }>;
      for (const r of rows) g.set({ machine: r.machine, state: r.state, status: r.status }, count(r));
    },
    ['machine', 'state', 'status'],
  );
  gauge('vinculo_processes_stuck', 'Running processes marked stuck (an activity keeps failing).', async (g) => {
    g.set(await stuckRunning(db));
  });
  gauge(
    'vinculo_processes_task_failing',
    'Running processes whose workflow task keeps failing: they cannot move until fixed and reset.',
    async (g) => {
      g.set(await taskFailingRunning(db));
    },
  );

  const requests: RequestHandler = (req, res, next) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    // The route is known while the handler answers; by 'finish' express has left the router.
    let route = 'unmatched';
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => typeof res;
    res.writeHead = ((...args: unknown[]) => {
      route = routeOf(req);
      return writeHead(...args);
    }) as typeof res.writeHead;
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const status = String(res.statusCode);
      duration.observe({ method: req.method, route, status }, seconds);
      (logFormat() === 'json' ? log.info : log.debug)('http request', {
        requestId,
        method: req.method,
        route,
        status: res.statusCode,
        ms: Math.round(seconds * 1000),
      });
    });
    next();
  };

  const scrape =
    (token?: string): RequestHandler =>
    async (req, res) => {
      if (token !== undefined) {
        const given = Buffer.from(req.get('authorization') ?? '');
        const wanted = Buffer.from(`Bearer ${token}`);
        if (given.length !== wanted.length || !crypto.timingSafeEqual(given, wanted)) {
          res
            .status(401)
            .setHeader('WWW-Authenticate', 'Bearer')
            .json({ message: 'Metrics need METRICS_TOKEN as a bearer token.' });
          return;
        }
      }
      res.setHeader('Content-Type', registry.contentType);
      res.setHeader('Cache-Control', 'no-store');
      res.send(await registry.metrics());
    };

  return { registry, requests, scrape };
}
