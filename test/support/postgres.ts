import crypto from 'node:crypto';
import knex from 'knex';
import { migrate, openDb, type Db } from '../../server/db/index.js';

/** The PostgreSQL the tests use: TEST_DATABASE_URL, else the local server with trust auth. */
export const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function postgresReachable(): Promise<boolean> {
  const probe = knex({
    client: 'pg',
    connection: { connectionString: postgresUrl, connectionTimeoutMillis: 2000 },
    pool: { min: 0, max: 1 },
  });
  try {
    await probe.raw('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await probe.destroy();
  }
}

/**
 * DATABASE_URL for another process on one PostgreSQL schema (the tests' databases each live in a
 * schema of their own): the schema goes in as the connection's search_path.
 */
export function postgresUrlWithSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

/**
 * A migrated database in a schema of its own, dropped by `drop()`, so tests never share rows; `url`
 * opens the same schema from another process.
 */
export async function createPostgresTestDb(): Promise<{ db: Db; url: string; drop(): Promise<void> }> {
  const schema = `test_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const asAdmin = async (sql: string) => {
    const admin = knex({ client: 'pg', connection: postgresUrl, pool: { min: 0, max: 1 } });
    await admin.raw(sql, [schema]).finally(() => admin.destroy());
  };
  await asAdmin('create schema ??');
  const db = openDb({ kind: 'postgres', url: postgresUrl, schema });
  await migrate(db);
  return {
    db,
    url: postgresUrlWithSchema(postgresUrl, schema),
    async drop() {
      await db.destroy();
      await asAdmin('drop schema ?? cascade');
    },
  };
}
