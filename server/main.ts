import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import { DefaultLogger, Runtime, type LogEntry, type LogLevel } from '@temporalio/worker';
import { registry } from '../machines/index.js';
import { loadConfig, projectRoot, type Config } from './config.js';
import { checkDatabaseReachable, migrate, openDb } from './db/index.js';
import { configureLog, errorFields, log, logFormat } from './log.js';
import { createMetrics } from './http/metrics.js';
import { listenWorkerHealth, readyRouter } from './http/ready.js';
import { checkTemporal } from './temporal/startupChecks.js';
import { gracefulServer } from './http/graceful.js';
import { codecRouter } from './http/routes/codec.js';
import { announceFirstAdmin, ensureFirstAdmin } from './auth/firstAdmin.js';
import { connectClient, connectWorker } from './temporal/connection.js';
import { payloadCodecFor } from './temporal/payloadCodec.js';
import { missingCliMessage, provisionTemporalCli } from './temporal/cli.js';
import { startDevServer, temporalAnswers, type RunningDevServer } from './temporal/devServer.js';
import { InstanceService } from './temporal/instances.js';
import { createWorker } from './temporal/worker.js';
import { ObservedSdkLogger, TaskFailureRecorder, sdkLogging } from './temporal/taskFailures.js';
import { AuditLog } from './audit/auditLog.js';
import { AlertWatcher } from '../domain/alerts/watcher.js';
import { relayNotifier } from './temporal/notify.js';
import { EventRelay } from './temporal/relay.js';
import { resolveTokenSecret } from './tokenSecret.js';
import { certificateStoreFor } from './certificates.js';
import { composeActivityDeps, composeServerApp } from './compose.js';
import type { CertificateStore } from '../domain/certificates/store.js';

type Mode = 'all' | 'server' | 'worker' | 'provision' | 'migrate';
const version = (JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string })
  .version;
const stops: Array<() => Promise<void>> = [];

async function ensureTemporal(config: Config, mode: Mode): Promise<RunningDevServer | undefined> {
  if (!config.temporal.embedded || mode !== 'all') return undefined;
  const dev = config.temporal.devServer;
  log.notice(`Starting the Temporal dev server on ${config.temporal.address} (data in ${dev.dbFile})…`);
  fs.mkdirSync(config.dataDir, { recursive: true });
  const server = await startDevServer({
    port: dev.port,
    uiPort: dev.uiPort,
    uiCodecEndpoint: `${config.http.publicUrl}/api/codec`,
    dbFile: dev.dbFile,
    namespace: config.temporal.namespace,
    cliPath: config.temporal.cliPath,
    logFile: path.join(config.dataDir, 'temporal.log'),
  });
  log.notice(`Temporal ready at ${server.address} (${server.source}); its UI at ${server.uiUrl}.`);
  return server;
}

/** The worker's state, for readiness: polling once run() has started it, until it stops. */
let workerPolling: (() => boolean) | undefined;

/** What the server and the worker of one process share: the link-signing secret and the certificate store. */
interface Shared {
  tokenSecret: string;
  certificates: CertificateStore;
}

async function runWorker(config: Config, db: ReturnType<typeof openDb>, mode: Mode, shared: Shared) {
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
    tuning: config.workerTuning,
    activityDeps: composeActivityDeps(config, { ...shared, notify: relayNotifier(relay) }),
  });
  // The processes whose workflow task this worker keeps failing are marked stuck, with the failure.
  const taskFailures = new TaskFailureRecorder({
    db,
    client: notifyClient,
    log: (msg, err) => log.error(msg, errorFields(err)),
  });
  taskFailures.start();
  const running = worker.run();
  workerPolling = () => worker.getState() === 'RUNNING';
  relay.start();
  if (mode === 'worker' && config.workerHealthPort !== undefined) {
    const health = await listenWorkerHealth(config.workerHealthPort, config.http.host, {
      db,
      temporalOk: () => temporalAnswers(config.temporal.address, 2000),
      workerPolling,
    });
    log.notice(`Worker health on http://${config.http.host}:${config.workerHealthPort} (/health, /ready).`);
    stops.push(() => new Promise<void>((resolve) => health.close(() => resolve())));
  }
  log.notice(`Worker polling task queue "${config.temporal.taskQueue}".`, { namespace: config.temporal.namespace });
  stops.unshift(async () => {
    // The SDK already reacts to SIGINT/SIGTERM itself; shut down only what is still running.
    await relay.stop();
    if (worker.getState() === 'RUNNING') worker.shutdown();
    // Bounded by shutdownGraceTime: activities still running then are cancelled and retried elsewhere.
    await running.catch(() => {});
    await taskFailures.close();
    await connection.close();
    await notifyClient.connection.close();
  });
  running.catch((err) => {
    log.error('The worker stopped with an error.', errorFields(err));
    process.exitCode = 1;
  });
}

async function runServer(config: Config, db: ReturnType<typeof openDb>, shared: Shared) {
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
  const relay = new EventRelay({ db, client, pollMs: config.relayPollMs });
  const temporalOk = () => temporalAnswers(config.temporal.address, 2000);
  const metrics = createMetrics(db);
  const metricsOnMainPort = config.metrics.token !== undefined && config.metrics.port === undefined;
  // JSON logs stay one object per line; text logs keep the stack a person reading them needs.
  const errorLog =
    logFormat() === 'json' ? { log: (msg: string, err?: unknown) => log.error(msg, errorFields(err)) } : {};
  const parts = { config, db, instances, relay, audit: new AuditLog(db), ...shared, ...errorLog };
  const app = composeServerApp(parts, {
    registry,
    version,
    temporalOk,
    requestMetrics: metrics.requests,
    metrics: metricsOnMainPort ? metrics.scrape(config.metrics.token) : undefined,
    publicRouters: [readyRouter({ db, temporalOk, workerPolling })],
    adminDist: path.join(projectRoot, 'admin', 'dist'),
    codec: codecRouter({
      db,
      codec,
      uiUrl: config.temporal.uiUrl,
      session: { ttlMs: config.http.sessionTtlMs, now: Date.now },
    }),
  });
  const { server, shutdown } = gracefulServer(app);
  server.listen(config.http.port, config.http.host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  log.notice(`HTTP server on http://${config.http.host}:${config.http.port} (API under /api, console under /admin).`);
  if (config.metrics.port !== undefined) {
    const { server: metricsServer, shutdown: stopMetrics } = gracefulServer(() =>
      express().get('/metrics', metrics.scrape(config.metrics.token)),
    );
    metricsServer.listen(config.metrics.port, config.metrics.host);
    await new Promise<void>((resolve, reject) => metricsServer.once('listening', resolve).once('error', reject));
    log.notice(`Metrics on http://${config.metrics.host}:${config.metrics.port}/metrics.`);
    stops.push(() => stopMetrics(1000));
  }
  relay.start();
  const alerts = new AlertWatcher({ db, settings: config.alerts, mail: config.mail, ...errorLog });
  alerts.start();
  stops.unshift(async () => {
    await shutdown(config.shutdownGraceMs);
    await alerts.stop();
    await relay.stop();
    await client.connection.close();
  });
}

async function provisionOnly(config: Config) {
  const cli = await provisionTemporalCli(config.temporal.cliPath);
  if (!cli) throw new Error(missingCliMessage);
  log.notice(`Temporal CLI: ${cli.path} (${cli.source})`);
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
  log.notice(`${signal} received: stopping…`);
  for (const stop of stops.splice(0)) {
    await stop().catch((err) => {
      log.error('While stopping.', errorFields(err));
      process.exitCode = 1;
    });
  }
  process.exit();
}

async function main() {
  const mode = (process.argv[2] ?? 'all') as Mode;
  if (!['all', 'server', 'worker', 'provision', 'migrate'].includes(mode))
    throw new Error(`Unknown mode "${mode}": use all, server, worker, migrate or provision.`);
  const config = loadConfig();
  configureLog(config.logFormat, config.logLevel);
  if (mode === 'provision') return provisionOnly(config);
  installTemporalRuntime(config);
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // Everything this process needs answers, and answers as configured, before anything starts.
  await checkDatabaseReachable(config.database, config.startupCheckMs);
  const temporal = await ensureTemporal(config, mode);
  if (temporal) stops.unshift(() => temporal.stop());
  if (mode !== 'migrate') {
    for (const warning of await checkTemporal(config.temporal, config.startupCheckMs)) log.warn(warning);
  }
  const db = openDb(config.database);
  stops.unshift(() => db.destroy());
  await migrate(db);
  if (mode === 'migrate') {
    log.notice('The database schema is up to date.');
    for (const stop of stops.splice(0)) await stop();
    process.exit(0);
  }
  const shared: Shared = {
    tokenSecret: resolveTokenSecret(config.tokenSecret, config.dataDir),
    certificates: certificateStoreFor(config, db),
  };
  if (mode === 'all' || mode === 'worker') await runWorker(config, db, mode, shared);
  // Only the embedded local default bootstraps an admin; deployments use `npm run create-operator`.
  const firstAdmin = mode === 'all' && config.temporal.embedded ? await ensureFirstAdmin(db) : undefined;
  if (mode === 'all' || mode === 'server') await runServer(config, db, shared);
  if (firstAdmin) announceFirstAdmin(firstAdmin, config.http.publicUrl, { dataDir: config.dataDir });
}

/**
 * The SDK's logs go through our log lines, and with TEMPORAL_METRICS_BIND its runtime serves its own
 * Prometheus metrics (workflow and activity task latencies, failures, slots, polls) there.
 */
function installTemporalRuntime(config: Config) {
  const level = config.logLevel.toUpperCase() as LogLevel;
  const sdkLog = (entry: LogEntry) => {
    const fields = Object.fromEntries(
      Object.entries(entry.meta ?? {}).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v)),
    ) as Record<string, string | number | boolean>;
    const method =
      entry.level === 'ERROR' ? 'error' : entry.level === 'WARN' ? 'warn' : entry.level === 'INFO' ? 'info' : 'debug';
    log[method](entry.message, { source: 'temporal-sdk', ...fields });
  };
  Runtime.install({
    logger: new ObservedSdkLogger(logFormat() === 'json' ? new DefaultLogger(level, sdkLog) : new DefaultLogger(level)),
    telemetryOptions: {
      logging: sdkLogging(level),
      ...(config.metrics.temporalBind ? { metrics: { prometheus: { bindAddress: config.metrics.temporalBind } } } : {}),
    },
  });
}

main().catch(async (err: Error) => {
  log.error(err.message);
  for (const stop of stops.splice(0)) await stop().catch(() => {});
  process.exit(1);
});
