import fs from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler } from 'express';
import type { Knex } from 'knex';
import { AuditLog } from '../audit/auditLog.js';
import { auditorsReadOnly } from '../auth/auditorsReadOnly.js';
import type { MachineRegistry } from '../../machines/definition.js';
import type { DomainServices } from '../../domain/services/index.js';
import type { InstanceService } from '../temporal/instances.js';
import { errorHandler, unknownRoute } from './errors.js';
import { guardBody } from './safeKeys.js';
import { hstsOverHttps, sameOrigin, securityHeaders } from './security.js';
import { accountRouter } from './routes/account.js';
import { alertsRouter } from './routes/alerts.js';
import { auditRouter } from './routes/audit.js';
import { healthRouter } from './routes/health.js';
import { instanceExportRouter } from './routes/instanceExport.js';
import { instancesRouter } from './routes/instances.js';
import { machinesRouter } from './routes/machines.js';
import { operatorsRouter } from './routes/operators.js';
import { statsRouter } from './routes/stats.js';
import { transitionsRouter } from './routes/transitions.js';

export interface AppDeps {
  db: Knex;
  registry: MachineRegistry;
  instances: InstanceService;
  /** The domain's services, built once for the app (server/compose.ts). */
  services: DomainServices;
  temporalOk: () => Promise<boolean>;
  version: string;
  /** Sets req.principal; the only door into /api besides health. */
  authenticate: RequestHandler;
  /** Routers reachable without a session (the console's log-in), mounted before `authenticate`. */
  publicRouters?: express.Router[];
  /** Express "trust proxy" (TRUST_PROXY): lets req.secure and req.ip see through a TLS-terminating proxy. */
  trustProxy?: boolean | number | string;
  /** Where operator actions are recorded; by default the audit log in `db`. */
  audit?: AuditLog;
  /** Extra routers mounted under /api after authentication (resources of later processes). */
  routers?: express.Router[];
  /** The integration API client applications call with their key, mounted at /integration. */
  integration?: express.Router;
  /** End users' pages and their JSON API, mounted at /portal without console authentication. */
  portal?: express.Router;
  adminDist?: string;
  /** The payload codec the Temporal UI calls, mounted at /api/codec (routes/codec.ts). */
  codec?: express.Router;
  /** Origins besides the server's own that may send state-changing requests (PUBLIC_URL). */
  allowedOrigins?: string[];
  log?: (msg: string, err?: unknown) => void;
  /** Times and logs every request (server/http/metrics.ts); mounted before anything else. */
  requestMetrics?: RequestHandler;
  /** GET /metrics on this app (protected by its own token check), when not on a port of its own. */
  metrics?: RequestHandler;
}

/** Builds the express app; listening is the caller's business, so tests use it directly. */
export function createApp(deps: AppDeps) {
  const log = deps.log ?? ((msg: string, err?: unknown) => console.error(msg, err));
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', deps.trustProxy ?? false);
  if (deps.requestMetrics) app.use(deps.requestMetrics);
  if (deps.metrics) app.get('/metrics', deps.metrics);
  const audit = deps.audit ?? new AuditLog(deps.db);
  app.use(securityHeaders, hstsOverHttps);
  // Before the same-origin check: the Temporal UI's origin calls it, by CORS (routes/codec.ts).
  if (deps.codec) app.use('/api/codec', deps.codec);
  app.use(sameOrigin(deps.allowedOrigins));
  app.use(express.json({ limit: '256kb' }));
  app.use(guardBody);

  const api = express.Router();
  api.use((_req, res, next) => {
    res.setHeader('Access-Control-Expose-Headers', 'Content-Range');
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.use(healthRouter({ db: deps.db, temporalOk: deps.temporalOk, version: deps.version }));
  for (const router of deps.publicRouters ?? []) api.use(router);
  api.use(deps.authenticate);
  api.use(auditorsReadOnly);
  api.use(accountRouter(deps.db, audit));
  api.use(machinesRouter(deps.registry, deps.db));
  api.use(instancesRouter({ db: deps.db, instances: deps.instances, services: deps.services }));
  api.use(instanceExportRouter({ db: deps.db, instances: deps.instances, audit }));
  api.use(transitionsRouter(deps.db));
  api.use(statsRouter(deps.db));
  api.use(auditRouter(deps.db, audit));
  api.use(operatorsRouter(deps.db, audit));
  api.use(alertsRouter(deps.db, audit));
  for (const router of deps.routers ?? []) api.use(router);
  api.use(unknownRoute);
  app.use('/api', api);
  if (deps.portal) app.use('/portal', deps.portal);
  if (deps.integration) app.use('/integration', deps.integration);

  if (deps.adminDist && fs.existsSync(path.join(deps.adminDist, 'index.html'))) {
    const index = path.join(deps.adminDist, 'index.html');
    app.use('/admin', express.static(deps.adminDist, { index: false }));
    app.get(/^\/admin(\/.*)?$/, (_req, res) => res.sendFile(index));
    app.get('/', (_req, res) => res.redirect('/admin/'));
  }
  app.use(unknownRoute);
  app.use(errorHandler(log));
  return app;
}
