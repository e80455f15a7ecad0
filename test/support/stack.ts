import crypto from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, inject } from 'vitest';
import type { RequestHandler } from 'express';
import { CertificateSealer } from '../../domain/certificates/sealer.js';
import { CertificateStore } from '../../domain/certificates/store.js';
import { AuditLog } from '../../server/audit/auditLog.js';
import { composeApp, composeServices, type ServerParts } from '../../server/compose.js';
import type { DomainServices } from '../../domain/services/index.js';
import type { Config } from '../../server/config.js';
import type { Db } from '../../server/db/index.js';
import { InstanceService } from '../../server/temporal/instances.js';
import { EventRelay } from '../../server/temporal/relay.js';
import { createWorker, type WorkerTuning } from '../../server/temporal/worker.js';
import { testCodec } from './codec.js';
import { testWorkerTuning } from './workerTuning.js';
import { createProbeActivities, type ProbeJournal } from './probeActivities.js';
import { testRegistry } from './registry.js';
import { defaultConfig } from './settings.js';
import { createTestDb } from './testDb.js';

export { createTestDb, type TestDb } from './testDb.js';

export const uniqueId = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

/** A certificate store sealed under a key of the test's own. */
export const testCertificateStore = (db: Db, key = crypto.randomBytes(32)) =>
  new CertificateStore(db, new CertificateSealer([{ id: 't', key }]));

export interface StackOptions {
  /** Activities added to (or replacing) the standard ones and the probes. */
  activities?: Record<string, (...args: never[]) => Promise<unknown>>;
  /** Start no worker in this process (a test that runs workers elsewhere). */
  noWorker?: boolean;
  db?: Db;
  /** How another process opens `db` (see TestDb.env), when the caller gives it. */
  dbEnv?: Record<string, string>;
  /** Clock for console sessions and the log-in throttle, so tests move time instead of waiting. */
  now?: () => number;
  sessionTtlMs?: number;
  /** Express "trust proxy", for tests that speak through X-Forwarded-* headers. */
  trustProxy?: boolean;
  /** Another Temporal server than the run's shared one (a test that kills and restarts its own). */
  temporalAddress?: string;
  /** The worker's slots and sticky cache (a small cache makes it evict and replay workflows). */
  workerTuning?: WorkerTuning;
  /** The configuration the app is composed with (server/compose.ts); the defaults unless given. */
  config?: Config;
  /** Signs the links in e-mails; a random one unless given. */
  tokenSecret?: string;
  /** The sealed certificate store; one under a random key unless given. */
  certificates?: CertificateStore;
  /** Who may use /api: console sessions (tests log in like the console) unless given. */
  authenticate?: RequestHandler;
  /** Where the app reports errors; nowhere unless given. */
  log?: (message: string, err?: unknown) => void;
}

export interface Stack {
  db: Db;
  dbFile?: string;
  /** What a worker or server process needs to open the same database (see TestDb.env). */
  dbEnv: Record<string, string>;
  client: Client;
  taskQueue: string;
  instances: InstanceService;
  /** Delivers queued events; started by the stacks whose processes wait for them. */
  relay: EventRelay;
  /** What the app is composed from, to compose another app over the same stack (composeApp). */
  parts: ServerParts;
  /** The domain's services the app answers with. */
  services: DomainServices;
  app: ReturnType<typeof composeApp>;
  journal: ProbeJournal;
  worker?: Worker;
  stop(): Promise<void>;
}

/** Database, Temporal client, a worker on its own task queue, and the HTTP app: all real, all fresh. */
export async function startStack(o: StackOptions = {}): Promise<Stack> {
  const address = o.temporalAddress ?? inject('temporalAddress');
  const taskQueue = uniqueId('tq');
  const created = o.db ? undefined : await createTestDb();
  const db = o.db ?? created!.db;
  const client = new Client({
    connection: await Connection.connect({ address }),
    dataConverter: { payloadCodecs: [testCodec] },
  });
  const probes = createProbeActivities();
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let nativeConnection: NativeConnection | undefined;
  if (!o.noWorker) {
    nativeConnection = await NativeConnection.connect({ address });
    worker = await createWorker({
      connection: nativeConnection,
      namespace: 'default',
      taskQueue,
      db,
      workflowBundle: { codePath: inject('workflowBundlePath') },
      payloadCodec: testCodec,
      activities: { ...probes.activities, ...(o.activities ?? {}) },
      tuning: testWorkerTuning(o.workerTuning),
    });
    running = worker.run();
  }
  const instances = new InstanceService({
    client,
    registry: testRegistry,
    taskQueue,
    namespace: 'default',
    uiUrl: 'http://localhost:8233',
    codec: testCodec,
  });
  const config = o.config ?? defaultConfig;
  const parts: ServerParts = {
    config: {
      ...config,
      http: {
        ...config.http,
        sessionTtlMs: o.sessionTtlMs ?? config.http.sessionTtlMs,
        trustProxy: o.trustProxy ?? config.http.trustProxy,
      },
    },
    db,
    instances,
    audit: new AuditLog(db),
    relay: new EventRelay({ db, client, pollMs: config.relayPollMs }),
    tokenSecret: o.tokenSecret ?? crypto.randomBytes(32).toString('hex'),
    certificates: o.certificates ?? testCertificateStore(db),
    log: o.log ?? (() => {}),
  };
  const services = composeServices(parts);
  // Without `authenticate`, the real session authentication: tests log in (support/operators.ts) like the console does.
  const app = composeApp(
    { ...parts, services },
    {
      registry: testRegistry,
      version: 'test',
      temporalOk: async () => true,
      authenticate: o.authenticate,
      now: o.now,
    },
  );
  return {
    db,
    dbFile: created?.file,
    dbEnv: created?.env ?? o.dbEnv ?? {},
    client,
    taskQueue,
    instances,
    relay: parts.relay,
    parts,
    services,
    app,
    journal: probes.journal,
    worker,
    async stop() {
      await parts.relay.stop();
      if (worker && worker.getState() === 'RUNNING') worker.shutdown();
      await running?.catch(() => {});
      await nativeConnection?.close();
      await client.connection.close();
      if (!o.db) await db.destroy();
    },
  };
}

/**
 * One started thing (a stack) for a test file or a describe block: started before its tests,
 * stopped after them. It answers once started, so use it inside tests and hooks, not at the top of
 * the file; the hooks after this call run once it has started.
 */
export function useStarted<T extends { stop(): Promise<void> }>(start: () => Promise<T>): T {
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
  });
  afterAll(async () => {
    await started?.stop();
  });
  return new Proxy({} as T & object, {
    get(_target, key) {
      if (!started) throw new Error('The stack starts before the tests: use it inside a test or a hook.');
      return Reflect.get(started, key) as unknown;
    },
  });
}

/** One stack for a test file or a describe block (see useStarted). */
export const useStack = (o: StackOptions = {}): Stack => useStarted(() => startStack(o));

export { eventually } from './eventually.js';
