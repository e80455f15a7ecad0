import express, { type RequestHandler, type Router } from 'express';
import type { ActivityDeps } from '../activities/index.js';
import type { Notify } from '../domain/ports.js';
import { domainServices, type DomainServices } from '../domain/services/index.js';
import type { MachineRegistry } from '../machines/definition.js';
import { consoleAccess } from './auth/consoleAccess.js';
import type { Config } from './config.js';
import { integrationRouter } from './http/accounts/accounts.js';
import { createApp } from './http/app.js';
import { certificatesRouter } from './http/certificates/index.js';
import { agentHeartbeatRouter } from './http/directory/agents.js';
import type { RouterDeps, ServerParts } from './http/directory/deps.js';
import { directoryRouters } from './http/directory/index.js';
import { portalAccountRouter } from './portal/account.js';
import { portalCertificateRouter } from './portal/certificates.js';
import { portalWithConnections } from './portal/connections.js';
import { hiringPortalRouter } from './portal/hiring.js';
import { portalAccountsRouter } from './portal/officeAccounts.js';

// The composition root: the one place the domain's services are built from a process's
// configuration and adapters, and the routers and activities are handed what they use.
// server/main.ts calls it for the server and the worker; the test stacks call it too.

export type { RouterDeps, ServerParts } from './http/directory/deps.js';

/** The domain's services over a server's parts, with the settings the configuration resolved. */
export function composeServices(parts: ServerParts): DomainServices {
  const { config } = parts;
  return domainServices({
    db: parts.db,
    audit: parts.audit,
    instances: parts.instances,
    delivery: parts.relay,
    certificates: parts.certificates,
    tokenSecret: parts.tokenSecret,
    timing: config.processes,
    mail: config.mail,
    portalStepWaitMs: config.portalStepWaitMs,
    passwordResetTtlMs: config.passwordResetTtlMs,
    log: parts.log,
    stopping: parts.stopping,
  });
}

/** What differs between the apps built over the same parts: the process's own surroundings. */
export interface AppOptions {
  registry: MachineRegistry;
  version: string;
  temporalOk: () => Promise<boolean>;
  /** Who may use /api: the console's sessions unless given (a test opens it with openAccess). */
  authenticate?: RequestHandler;
  /** The clock of console sessions and the log-in throttle; tests move it instead of waiting. */
  now?: () => number;
  /** Routers reachable without a session besides the log-in and the agents' heartbeat (readiness). */
  publicRouters?: Router[];
  /** The built console, served under /admin. */
  adminDist?: string;
  /** The payload codec the Temporal UI calls (/api/codec). */
  codec?: Router;
  requestMetrics?: RequestHandler;
  metrics?: RequestHandler;
}

/**
 * The HTTP app of a server process: the console's API, the portal and the integration API, every
 * router over the one set of services composeServices built.
 */
export function composeApp(deps: RouterDeps, o: AppOptions) {
  const { config, db } = deps;
  const access = o.authenticate
    ? { authenticate: o.authenticate, publicRouters: [] }
    : consoleAccess({
        db,
        sessionTtlMs: config.http.sessionTtlMs,
        failedLoginWindowMs: config.http.failedLoginWindowMs,
        now: o.now,
      });
  return createApp({
    db,
    registry: o.registry,
    instances: deps.instances,
    services: deps.services,
    audit: deps.audit,
    version: o.version,
    temporalOk: o.temporalOk,
    log: deps.log,
    requestMetrics: o.requestMetrics,
    metrics: o.metrics,
    authenticate: access.authenticate,
    publicRouters: [...(o.publicRouters ?? []), ...access.publicRouters, agentHeartbeatRouter(deps)],
    trustProxy: config.http.trustProxy,
    adminDist: o.adminDist,
    codec: o.codec,
    routers: [...directoryRouters(deps), certificatesRouter(deps)],
    integration: integrationRouter(deps),
    portal: express
      .Router()
      .use(
        hiringPortalRouter(deps),
        portalWithConnections(deps),
        portalCertificateRouter(deps),
        portalAccountsRouter(deps),
        portalAccountRouter(deps),
      ),
    allowedOrigins: [config.mail.publicUrl],
  });
}

/**
 * The app of a server process, for gracefulServer (server/http/graceful.ts) to build over its
 * shutdown signal: the routers and the services hand `stopping` to every wait for a process, so a
 * shutdown answers a waiting request at once instead of leaving it to be cut.
 */
export function composeServerApp(parts: ServerParts, o: AppOptions) {
  return (stopping: AbortSignal) => {
    const withStopping = { ...parts, stopping };
    return composeApp({ ...withStopping, services: composeServices(withStopping) }, o);
  };
}

/** What a worker's activities run on: the configuration's settings and the worker's adapters. */
export function composeActivityDeps(
  config: Config,
  adapters: Pick<ServerParts, 'tokenSecret' | 'certificates'> & { notify: Notify },
): Omit<ActivityDeps, 'db'> {
  return {
    mail: config.mail,
    tokenTtlMs: config.tokenTtlMs,
    agentOnlineWindowMs: config.processes.agentOnlineWindowMs,
    ...adapters,
  };
}
