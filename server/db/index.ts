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
      afterCreate: (
        conn: { exec: (sql: string, cb: (err: Error | null) => void) => void },
        done: (err: Error | null, c: unknown) => void,
      ) => {
        conn.exec(
          'PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;',
          (err) => done(err, conn),
        );
      },
    },
  });
}

/** Brings the schema up to date; safe to call from every process at start. */
export async function migrate(db: Db): Promise<void> {
  await db.migrate.latest({ migrationSource });
}

export const isPostgres = (db: Db) => db.client.config.client === 'pg';
