import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { consoleAccess } from '../../server/auth/consoleAccess.js';
import { migrate, openDb, type Db } from '../../server/db/index.js';
import { createApp } from '../../server/http/app.js';
import { InstanceService } from '../../server/temporal/instances.js';
import { createWorker } from '../../server/temporal/worker.js';
import { testCodec } from './codec.js';
import { createProbeActivities, type ProbeJournal } from './probeActivities.js';
import { testRegistry } from './registry.js';

export const uniqueId = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

/**
 * A fresh, migrated database: SQLite in a temporary folder, or with TEST_DATABASE=postgres a schema of
 * its own in TEST_DATABASE_URL's database (CI makes that database for the run and drops it after;
 * `file` is then empty, so tests that hand the file to another process need SQLite).
 */
export async function createTestDb(): Promise<{ db: Db; file: string }> {
  if (process.env.TEST_DATABASE === 'postgres') {
    const { createPostgresTestDb } = await import('./postgres.js');
    return { db: (await createPostgresTestDb()).db, file: '' };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vinculo-db-'));
  const file = path.join(dir, 'test.sqlite');
  const db = openDb({ kind: 'sqlite', filename: file });
  await migrate(db);
  return { db, file };
}

export interface StackOptions {
  /** Activities added to (or replacing) the standard ones and the probes. */
  activities?: Record<string, (...args: never[]) => Promise<unknown>>;
  /** Start no worker in this process (a test that runs workers elsewhere). */
  noWorker?: boolean;
  db?: Db;
  /** Clock for console sessions and the log-in throttle, so tests move time instead of waiting. */
  now?: () => number;
  sessionTtlMs?: number;
  /** Express "trust proxy", for tests that speak through X-Forwarded-* headers. */
  trustProxy?: boolean;
  /** Another Temporal server than the run's shared one (a test that kills and restarts its own). */
  temporalAddress?: string;
}

export interface Stack {
  db: Db;
  dbFile?: string;
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
  const access = consoleAccess({ db, sessionTtlMs: o.sessionTtlMs ?? 3_600_000, now: o.now });
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

/** Polls until the check passes or the time is up; the last failure is rethrown. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
}
