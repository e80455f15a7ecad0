import crypto from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { consoleAccess } from '../../server/auth/consoleAccess.js';
import type { Db } from '../../server/db/index.js';
import { createApp } from '../../server/http/app.js';
import { InstanceService } from '../../server/temporal/instances.js';
import { createWorker, type WorkerTuning } from '../../server/temporal/worker.js';
import { testCodec } from './codec.js';
import { createProbeActivities, type ProbeJournal } from './probeActivities.js';
import { testRegistry } from './registry.js';
import { defaultConfig } from './settings.js';
import { createTestDb } from './testDb.js';

export { createTestDb, type TestDb } from './testDb.js';

export const uniqueId = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

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
}

export interface Stack {
  db: Db;
  dbFile?: string;
  /** What a worker or server process needs to open the same database (see TestDb.env). */
  dbEnv: Record<string, string>;
  client: Client;
  taskQueue: string;
  instances: InstanceService;
  app: ReturnType<typeof createApp>;
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
      tuning: o.workerTuning,
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
  // The real session authentication: tests log in (support/operators.ts) like the console does.
  const access = consoleAccess({
    db,
    sessionTtlMs: o.sessionTtlMs ?? 3_600_000,
    failedLoginWindowMs: defaultConfig.http.failedLoginWindowMs,
    now: o.now,
  });
  const app = createApp({
    db,
    registry: testRegistry,
    instances,
    version: 'test',
    ...access,
    trustProxy: o.trustProxy,
    temporalOk: async () => true,
    log: () => {},
  });
  return {
    db,
    dbFile: created?.file,
    dbEnv: created?.env ?? o.dbEnv ?? {},
    client,
    taskQueue,
    instances,
    app,
    journal: probes.journal,
    worker,
    async stop() {
      if (worker && worker.getState() === 'RUNNING') worker.shutdown();
      await running?.catch(() => {});
      await nativeConnection?.close();
      await client.connection.close();
      if (!o.db) await db.destroy();
    },
  };
}

export { eventually } from './eventually.js';
