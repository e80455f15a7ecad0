import fs from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler } from 'express';
import type { Knex } from 'knex';
import type { MachineRegistry } from '../../machines/definition.js';
import type { InstanceService } from '../temporal/instances.js';
import { errorHandler, unknownRoute } from './errors.js';
import { healthRouter } from './routes/health.js';
import { instancesRouter } from './routes/instances.js';
import { machinesRouter } from './routes/machines.js';
import { transitionsRouter } from './routes/transitions.js';

export interface AppDeps {
  db: Knex;
  registry: MachineRegistry;
  instances: InstanceService;
  temporalOk: () => Promise<boolean>;
  version: string;
  /** Sets req.principal; the only door into /api besides health. */
  authenticate: RequestHandler;
  /** Extra routers mounted under /api after authentication (resources of later processes). */
  routers?: express.Router[];
  /** End users' pages and their JSON API, mounted at /portal without console authentication. */
  portal?: express.Router;
  adminDist?: string;
  log?: (msg: string, err?: unknown) => void;
}

/** Builds the express app; listening is the caller's business, so tests use it directly. */
export function createApp(deps: AppDeps) {
  const log = deps.log ?? ((msg: string, err?: unknown) => console.error(msg, err));
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(express.json({ limit: '256kb' }));

  const api = express.Router();
  api.use((_req, res, next) => {
    res.setHeader('Access-Control-Expose-Headers', 'Content-Range');
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.use(healthRouter({ db: deps.db, temporalOk: deps.temporalOk, version: deps.version }));
  api.use(deps.authenticate);
  api.use(machinesRouter(deps.registry));
  api.use(instancesRouter({ db: deps.db, instances: deps.instances }));
  api.use(transitionsRouter(deps.db));
  for (const router of deps.routers ?? []) api.use(router);
  api.use(unknownRoute);
  app.use('/api', api);
  if (deps.portal) app.use('/portal', deps.portal);

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
