import { afterEach, beforeEach } from 'vitest';
import { migrate, openDb, type Db } from '../../../server/db/index.js';
import { MemoryAudit } from './audit.js';
import { MemoryProcesses } from './processes.js';

/** A domain service's dependencies without a server: SQLite in memory, the audit and the processes in memory. */
export interface MemoryDeps {
  db: Db;
  audit: MemoryAudit;
  instances: MemoryProcesses;
}

/** A migrated SQLite database that lives in this process only (a few tens of milliseconds to make). */
export async function memoryDb(): Promise<Db> {
  const db = openDb({ kind: 'sqlite', filename: ':memory:' });
  await migrate(db);
  return db;
}

/**
 * Fresh dependencies for each test of the file. Read them inside tests and hooks: they are made
 * before each test.
 */
export function useMemoryDeps(): MemoryDeps {
  const deps = {} as MemoryDeps;
  beforeEach(async () => {
    Object.assign(deps, { db: await memoryDb(), audit: new MemoryAudit(), instances: new MemoryProcesses() });
  });
  afterEach(async () => {
    await deps.db.destroy();
  });
  return deps;
}
