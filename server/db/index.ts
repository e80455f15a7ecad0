import fs from 'node:fs';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import { migrationSource } from './migrations/index.js';
import { ImmediateSqliteClient } from './sqliteClient.js';

export type Db = Knex;

export type DatabaseConfig = { kind: 'sqlite'; filename: string } | { kind: 'postgres'; url: string; schema?: string };

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function camelizeRow(row: unknown): unknown {
  if (Array.isArray(row)) return row.map(camelizeRow);
  if (row === null || typeof row !== 'object' || row instanceof Date) return row;
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [camel(k), v]));
}

/**
 * Opens the back-office database. Code speaks camelCase; columns are snake_case, so the
 * same queries read naturally and run unchanged on SQLite and PostgreSQL.
 */
export function openDb(config: DatabaseConfig): Db {
  const common: Knex.Config = {
    wrapIdentifier: (value, origImpl) => origImpl(typeof value !== 'string' || value === '*' ? value : snake(value)),
    postProcessResponse: (result) => camelizeRow(result),
  };
  if (config.kind === 'postgres') {
    return knex({
      ...common,
      client: 'pg',
      connection: config.url,
      searchPath: config.schema ? [config.schema] : undefined,
      pool: { min: 0, max: 10 },
    });
  }
  if (config.filename !== ':memory:') fs.mkdirSync(path.dirname(config.filename), { recursive: true });
  return knex({
    ...common,
    // Transactions BEGIN IMMEDIATE: see sqliteClient.ts for why busy_timeout alone is not enough.
    client: ImmediateSqliteClient as unknown as typeof knex.Client,
    connection: { filename: config.filename },
    useNullAsDefault: true,
    pool: {
      // Several processes (server, worker, tests) share the file: WAL lets readers and a writer
      // work at once, and busy_timeout makes a writer wait for the lock instead of failing.
      // Then optimize (bounded by analysis_limit) refreshes the planner's statistics where tables
      // grew, which is what lets it pick the index that serves a list's order at a million rows.
      // It writes, so it can meet another process's write lock; it is only a refresh, and the
      // connection is good without it, so its failure is let go.
      afterCreate: (
        conn: { exec: (sql: string, cb: (err: Error | null) => void) => void },
        done: (err: Error | null, c: unknown) => void,
      ) => {
        conn.exec(
          'PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;',
          (err) => {
            if (err) return done(err, conn);
            conn.exec('PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002;', () => done(null, conn));
          },
        );
      },
    },
  });
}

/**
 * Brings the schema up to date; safe to call from every process at start, at once. On PostgreSQL a
 * session advisory lock (one per schema) lets one process migrate while the others wait, then find
 * nothing left to do: knex's own lock row would make them fail ("Migration table is already locked")
 * and two of them could race to create knex's tables. On SQLite the file's write lock orders them,
 * and a start that finds knex's lock taken waits for it rather than failing.
 */
export async function migrate(db: Db): Promise<void> {
  if (!isPostgres(db)) return latestWaitingForLock(db);
  const connection: unknown = await db.client.acquireConnection();
  const key = "hashtext('vinculo migrations ' || current_schema())";
  try {
    await db.raw(`select pg_advisory_lock(${key})`).connection(connection);
    await db.migrate.latest({ migrationSource });
  } finally {
    await db
      .raw(`select pg_advisory_unlock(${key})`)
      .connection(connection)
      .catch(() => {});
    await db.client.releaseConnection(connection);
  }
}

async function latestWaitingForLock(db: Db, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await db.migrate.latest({ migrationSource });
      return;
    } catch (err) {
      if ((err as Error).name !== 'MigrationLocked' || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export const isPostgres = (db: Db) => db.client.config.client === 'pg';

/** The URL without its password, for messages. */
export const redactedUrl = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

/**
 * The database answers within `timeoutMs`; otherwise an error naming DATABASE_URL (or the SQLite
 * file under DATA_DIR) and what to do. Start-up calls it before anything else touches the database.
 */
export async function checkDatabaseReachable(config: DatabaseConfig, timeoutMs: number): Promise<void> {
  if (config.kind === 'sqlite') {
    const probe = openDb(config);
    try {
      await probe.raw('select 1');
    } catch (err) {
      throw new Error(
        `The SQLite database ${config.filename} cannot be opened (${(err as Error).message}): check DATA_DIR ` +
          'and that this user may write there, or set DATABASE_URL to a PostgreSQL database.',
      );
    } finally {
      await probe.destroy();
    }
    return;
  }
  const probe = knex({
    client: 'pg',
    connection: { connectionString: config.url, connectionTimeoutMillis: timeoutMs },
    pool: { min: 0, max: 1 },
    acquireConnectionTimeout: timeoutMs + 1000,
  });
  try {
    await probe.raw('select 1');
  } catch (err) {
    const e = err as { code?: string; message: string };
    throw new Error(
      `DATABASE_URL is ${redactedUrl(config.url)}, where PostgreSQL did not answer within ${timeoutMs / 1000} s ` +
        `(${e.code ? `${e.code}: ` : ''}${e.message}). Start PostgreSQL, or correct DATABASE_URL ` +
        '(postgres://user:password@host:5432/database; the database must exist).',
    );
  } finally {
    await probe.destroy();
  }
}
