import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import { registry } from '../machines/index.js';
import { loadConfig, projectRoot, type Config } from './config.js';
import { migrate, openDb } from './db/index.js';
import { createApp } from './http/app.js';
import { gracefulServer } from './http/graceful.js';
import { consoleAccess } from './auth/consoleAccess.js';
import { announceFirstAdmin, ensureFirstAdmin } from './auth/firstAdmin.js';
import { connectClient, connectWorker } from './temporal/connection.js';
import { payloadCodecFor } from './temporal/payloadCodec.js';
import { missingCliMessage, provisionTemporalCli } from './temporal/cli.js';
import { startDevServer, temporalAnswers, type RunningDevServer } from './temporal/devServer.js';
import { InstanceService } from './temporal/instances.js';
import { createWorker } from './temporal/worker.js';
import { AuditLog } from './audit/auditLog.js';
import { agentHeartbeatRouter } from './http/directory/agents.js';
import { directoryRouters } from './http/directory/index.js';
import { integrationRouter } from './http/accounts/accounts.js';
import { relayNotifier } from './temporal/notify.js';
import { hiringPortalRouter } from './portal/hiring.js';
import { portalWithConnections } from './portal/connections.js';
import { portalAccountRouter } from './portal/account.js';
import { portalAccountsRouter } from './portal/officeAccounts.js';
import { EventRelay } from './temporal/relay.js';
import { resolveTokenSecret } from './tokenSecret.js';
import { certificateRoutersFor, certificateStoreFor } from './certificates.js';

type Mode = 'all' | 'server' | 'worker' | 'provision';
const version = (JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string })
  .version;
const stops: Array<() => Promise<void>> = [];

async function ensureTemporal(config: Config, mode: Mode): Promise<RunningDevServer | undefined> {
  if (!config.temporal.embedded || mode !== 'all') return undefined;
  const dev = config.temporal.devServer;
  console.log(`Starting the Temporal dev server on ${config.temporal.address} (data in ${dev.dbFile})…`);
  fs.mkdirSync(config.dataDir, { recursive: true });
  const server = await startDevServer({
    port: dev.port,
    uiPort: dev.uiPort,
    dbFile: dev.dbFile,
    namespace: config.temporal.namespace,
    cliPath: config.temporal.cliPath,
    logFile: path.join(config.dataDir, 'temporal.log'),
  });
  console.log(`Temporal ready at ${server.address} (${server.source}); its UI at ${server.uiUrl}.`);
  return server;
}

async function runWorker(config: Config, db: ReturnType<typeof openDb>) {
  const connection = await connectWorker(config.temporal);
  // Activities that wake other processes (a manager's link wakes waiting staff) signal through a client.
  const notifyClient = await connectClient(config.temporal, payloadCodecFor(config));
  // A relay here too: queued events reach their processes even while no HTTP server runs.
  const relay = new EventRelay({ db, client: notifyClient, pollMs: config.relayPollMs });
  const worker = await createWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    db,
    payloadCodec: payloadCodecFor(config),
    shutdownGraceMs: config.shutdownGraceMs,
    activityDeps: {
      mail: config.mail,
      tokenSecret: resolveTokenSecret(config.tokenSecret, config.dataDir),
      tokenTtlMs: config.tokenTtlMs,
      notify: relayNotifier(relay),
      agentOnlineWindowMs: config.processes.agentOnlineWindowMs,
      certificates: certificateStoreFor(config, db),
    },
  });
  const running = worker.run();
  relay.start();
  console.log(`Worker polling task queue "${config.temporal.taskQueue}".`);
  stops.unshift(async () => {
    // The SDK already reacts to SIGINT/SIGTERM itself; shut down only what is still running.
    await relay.stop();
    if (worker.getState() === 'RUNNING') worker.shutdown();
    // Bounded by shutdownGraceTime: activities still running then are cancelled and retried elsewhere.
    await running.catch(() => {});
    await connection.close();
    await notifyClient.connection.close();
  });
  running.catch((err) => {
    console.error('The worker stopped with an error:', err);
    process.exitCode = 1;
  });
}

async function runServer(config: Config, db: ReturnType<typeof openDb>) {
  const codec = payloadCodecFor(config);
  const client = await connectClient(config.temporal, codec);
  const instances = new InstanceService({
    client,
    registry,
    taskQueue: config.temporal.taskQueue,
    namespace: config.temporal.namespace,
    uiUrl: config.temporal.uiUrl,
    codec,
  });
  const tokenSecret = resolveTokenSecret(config.tokenSecret, config.dataDir);
  const relay = new EventRelay({ db, client, pollMs: config.relayPollMs });
  const timing = {
    onboarding: config.processes.onboarding,
    officeLink: config.processes.officeLink,
    contract: config.processes.contract,
    hiring: config.processes.hiring,
    keyRotation: config.processes.keyRotation,
    connection: config.processes.connection,
  };
  const access = consoleAccess({ db, sessionTtlMs: config.http.sessionTtlMs });
  const directory = { db, instances, timing, tokenSecret, audit: new AuditLog(db), mail: config.mail };
  const certificates = certificateRoutersFor(config, directory);
  const app = createApp({
    db,
    registry,
    instances,
    version,
    authenticate: access.authenticate,
    publicRouters: [...access.publicRouters, agentHeartbeatRouter(directory)],
    trustProxy: config.http.trustProxy,
    temporalOk: () => temporalAnswers(config.temporal.address, 2000),
    adminDist: path.join(projectRoot, 'admin', 'dist'),
    routers: [...directoryRouters(directory), certificates.api],
    integration: integrationRouter(directory),
    portal: express.Router().use(
      hiringPortalRouter(directory),
      portalWithConnections({ ...directory, relay, stepWaitMs: config.portalStepWaitMs }),
      certificates.portal,
      portalAccountsRouter({ ...directory, portalSessionTtlMs: config.http.sessionTtlMs }),
      portalAccountRouter(directory, {
        sessionTtlMs: config.http.sessionTtlMs,
        resetTtlMs: config.passwordResetTtlMs,
      }),
    ),
    allowedOrigins: [config.mail.publicUrl],
    processTiming: timing,
  });
  const { server, shutdown } = gracefulServer(app);
  server.listen(config.http.port, config.http.host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  console.log(`HTTP server on http://${config.http.host}:${config.http.port} (API under /api, console under /admin).`);
  relay.start();
  stops.unshift(async () => {
    await shutdown(config.shutdownGraceMs);
    await relay.stop();
    await client.connection.close();
  });
}

async function provisionOnly(config: Config) {
  const cli = await provisionTemporalCli(config.temporal.cliPath);
  if (!cli) throw new Error(missingCliMessage);
  console.log(`Temporal CLI: ${cli.path} (${cli.source})`);
}

let stopping = false;

/**
 * Stops in order: HTTP first (in-flight requests finish within SHUTDOWN_GRACE_SECONDS), then the
 * worker drains, then storage and Temporal. A second signal (npm and a terminal both deliver
 * Ctrl-C) changes nothing: the first one is already being honoured.
 */
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal} received: stopping…`);
  for (const stop of stops.splice(0)) {
    await stop().catch((err) => {
      console.error('While stopping:', err);
      process.exitCode = 1;
    });
  }
  process.exit();
}

async function main() {
  const mode = (process.argv[2] ?? 'all') as Mode;
  if (!['all', 'server', 'worker', 'provision'].includes(mode))
    throw new Error(`Unknown mode "${mode}": use all, server, worker or provision.`);
  const config = loadConfig();
  if (mode === 'provision') return provisionOnly(config);
  // The Temporal SDK logs worker state and activity failures; LOG_LEVEL decides how much.
  Runtime.install({ logger: new DefaultLogger(config.logLevel.toUpperCase() as LogLevel) });
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  const temporal = await ensureTemporal(config, mode);
  if (temporal) stops.unshift(() => temporal.stop());
  const db = openDb(config.database);
  stops.unshift(() => db.destroy());
  await migrate(db);
  if (mode === 'all' || mode === 'worker') await runWorker(config, db);
  // Only the embedded local default bootstraps an admin; deployments use `npm run create-operator`.
  const firstAdmin = mode === 'all' && config.temporal.embedded ? await ensureFirstAdmin(db) : undefined;
  if (mode === 'all' || mode === 'server') await runServer(config, db);
  if (firstAdmin) announceFirstAdmin(firstAdmin, config.http.publicUrl, { dataDir: config.dataDir });
}

main().catch(async (err: Error) => {
  console.error(err.message);
  for (const stop of stops.splice(0)) await stop().catch(() => {});
  process.exit(1);
});
