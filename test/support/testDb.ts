import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate, openDb, type Db } from '../../server/db/index.js';

/** A test's database, and what another process (a worker, a server) needs to open the same one. */
export interface TestDb {
  db: Db;
  /** The SQLite file; empty on PostgreSQL, so a test that reads the file itself needs SQLite. */
  file: string;
  /** A folder of the test's own: DATA_DIR for a server process (the SQLite file is in it). */
  dir: string;
  /** DATA_DIR and either DB_FILE (SQLite) or DATABASE_URL (PostgreSQL, its schema as search_path). */
  env: Record<string, string>;
}

/**
 * A fresh, migrated database: SQLite in a temporary folder, or with TEST_DATABASE=postgres a schema of
 * its own in TEST_DATABASE_URL's database (CI makes that database for the run and drops it after).
 */
export async function createTestDb(): Promise<TestDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vinculo-db-'));
  if (process.env.TEST_DATABASE === 'postgres') {
    const { createPostgresTestDb } = await import('./postgres.js');
    const { db, url } = await createPostgresTestDb();
    return { db, file: '', dir, env: { DATA_DIR: dir, DATABASE_URL: url } };
  }
  // The name a server process looks for in its DATA_DIR.
  const file = path.join(dir, 'vinculo.sqlite');
  const db = openDb({ kind: 'sqlite', filename: file });
  await migrate(db);
  return { db, file, dir, env: { DATA_DIR: dir, DB_FILE: file } };
}
