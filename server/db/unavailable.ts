// The database not answering is not a bug in a request: it is an outage the caller can wait out.
// These are the errors by which SQLite and PostgreSQL (and knex's pool in front of them) say so.

const SQLITE_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_CANTOPEN', 'SQLITE_IOERR', 'SQLITE_PROTOCOL']);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENOENT',
]);
// PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01-57P03 (shutting down, cannot connect now).
const PG_STATES = /^(08\d\d\d|57P0[123])$/;
const MESSAGES =
  /Connection terminated|Timeout acquiring a connection|the database system is (starting up|shutting down)|Client has encountered a connection error|database is locked/i;

/** True when the error says the database is unreachable or locked, not that the query was wrong. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (
    let e = err as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth += 1
  ) {
    if (typeof e !== 'object') return false;
    const code = typeof e.code === 'string' ? e.code : '';
    if (SQLITE_CODES.has(code) || NETWORK_CODES.has(code) || PG_STATES.test(code)) return true;
    if (e.name === 'KnexTimeoutError') return true;
    if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
  }
  return false;
}

/** Seconds a client is told to wait before trying again while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
