import { createRequire } from 'node:module';
import type { Knex } from 'knex';

// Why this exists: knex opens SQLite transactions with a plain (deferred) `BEGIN`. A deferred
// transaction that reads first and writes later must upgrade its read lock to a write lock; in WAL
// mode, when another connection (the worker's projection, another server) committed meanwhile,
// that upgrade fails at once with SQLITE_BUSY, whatever busy_timeout says, because waiting could
// not make its snapshot current again. `BEGIN IMMEDIATE` takes the write lock up front, where
// busy_timeout does apply: concurrent writers queue instead of failing.

const require = createRequire(import.meta.url);

type TransactionClass = new (...args: unknown[]) => { query(conn: unknown, sql: string): Promise<unknown> };
type ClientClass = new (config: Knex.Config) => object;

const SqliteTransaction = require('knex/lib/dialects/sqlite3/execution/sqlite-transaction.js') as TransactionClass;
const SqliteClient = require('knex/lib/dialects/sqlite3/index.js') as ClientClass;

class ImmediateTransaction extends SqliteTransaction {
  begin(conn: unknown) {
    return this.query(conn, 'BEGIN IMMEDIATE;');
  }
}

/** knex's sqlite3 client whose transactions begin immediate (nested ones stay savepoints). */
export class ImmediateSqliteClient extends SqliteClient {
  transaction(...args: unknown[]) {
    return new ImmediateTransaction(this, ...args);
  }
}
