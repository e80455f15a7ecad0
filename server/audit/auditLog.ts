import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { AuditEntry, AuditPort } from '../../domain/ports.js';
import type { AuditVerification } from '../../contracts/api.js';
import { actorOf } from '../auth/principal.js';
import { isPostgres } from '../db/index.js';
import { canonicalJson } from '../../domain/canonicalJson.js';
import { wellFormed } from './wellFormed.js';

/** An entry's shape is the domain's (domain/ports.ts): services write entries through that port. */
export type { AuditEntry };

/** The prevHash of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  reason: string | null;
  details: Record<string, unknown> | null;
  prevHash: string;
  hash: string;
}

/** The answer of GET /api/audit/verify (contracts/api.ts). */
export type Verification = AuditVerification;

type HashedFields = Omit<AuditRow, 'hash' | 'prevHash'>;

/** hash = sha256(prevHash + canonical JSON of the row's own fields). */
export function chainHash(prevHash: string, row: HashedFields): string {
  const fields = {
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    target: row.target,
    reason: row.reason,
    details: row.details,
  };
  return crypto
    .createHash('sha256')
    .update(prevHash + canonicalJson(fields))
    .digest('hex');
}

function parseDetails(text: unknown): Record<string, unknown> | null {
  if (typeof text !== 'string') return null;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    // A row edited by hand may hold anything; keep it visible, and verification will flag it.
    return { unreadable: text };
  }
}

export function fromDbRow(row: Record<string, unknown>): AuditRow {
  return { ...(row as unknown as AuditRow), id: Number(row.id), details: parseDetails(row.details) };
}

// Writers over the same database take turns, so no two rows ever claim the same predecessor.
const queues = new WeakMap<Knex, Promise<unknown>>();

function inTurn<T>(db: Knex, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(db) ?? Promise.resolve();
  const mine = previous.then(work, work);
  queues.set(
    db,
    mine.catch(() => undefined),
  );
  return mine;
}

/** The append-only, hash-chained record of what operators (and the system on their behalf) did. */
export class AuditLog implements AuditPort {
  constructor(
    private readonly db: Knex,
    private readonly now: () => number = Date.now,
  ) {}

  /** Appends one entry and returns it with its hash. */
  record(entry: AuditEntry): Promise<AuditRow> {
    return inTurn(this.db, () => this.db.transaction((trx) => this.recordIn(trx, entry)));
  }

  /** Appends one entry inside the caller's transaction: it commits, or rolls back, with the change it records. */
  async recordIn(trx: Knex.Transaction, entry: AuditEntry): Promise<AuditRow> {
    // Other server processes (PostgreSQL deployments) must wait for the chain's head too.
    if (isPostgres(this.db)) await trx.raw('lock table audit in share row exclusive mode');
    const last = (await trx('audit').orderBy('id', 'desc').first('id', 'hash')) as
      { id: number; hash: string } | undefined;
    // Hash exactly what the database will hand back: text normalised the way it stores it.
    const fields: HashedFields = wellFormed({
      id: (last ? Number(last.id) : 0) + 1,
      at: new Date(this.now()).toISOString(),
      actor: typeof entry.actor === 'string' ? entry.actor : actorOf(entry.actor),
      action: entry.action,
      target: entry.target ?? null,
      reason: entry.reason ?? null,
      details: entry.details ?? null,
    });
    const prevHash = last?.hash ?? GENESIS_HASH;
    const row: AuditRow = { ...fields, prevHash, hash: chainHash(prevHash, fields) };
    await trx('audit').insert({ ...row, details: row.details === null ? null : canonicalJson(row.details) });
    return row;
  }

  /**
   * Walks the whole chain in id order and reports every row whose link or content does not match
   * (after a break it goes on from the stored hash, so later tampering is not hidden by earlier).
   */
  async verify(batchSize = 1000): Promise<Verification> {
    let prevHash = GENESIS_HASH;
    let checked = 0;
    let afterId = 0;
    let position = 0;
    const broken: Array<{ id: number; message: string }> = [];
    for (;;) {
      const rows = (await this.db('audit').where('id', '>', afterId).orderBy('id', 'asc').limit(batchSize)).map(
        fromDbRow,
      );
      for (const row of rows) {
        checked += 1;
        position += 1;
        const message = brokenLink(row, prevHash, position);
        if (message) broken.push({ id: row.id, message });
        // Realign on the stored row, so one deleted entry is one break, not a break at every later one.
        position = row.id;
        prevHash = row.hash;
        afterId = row.id;
      }
      if (rows.length < batchSize) break;
    }
    if (broken.length) return brokenReport(checked, broken);
    const message =
      checked === 0
        ? 'The audit log is empty.'
        : `All ${checked} entries are intact and chained; the last hash is ${prevHash}.`;
    return { ok: true, checked, message };
  }

  /** Every row in id order, in batches, for exports that must not hold the whole log in memory. */
  async *rows(where: (q: Knex.QueryBuilder) => void = () => {}, batchSize = 1000): AsyncGenerator<AuditRow> {
    let afterId = 0;
    for (;;) {
      const query = this.db('audit').where('id', '>', afterId).orderBy('id', 'asc').limit(batchSize);
      where(query);
      const rows = (await query).map(fromDbRow);
      for (const row of rows) yield row;
      if (rows.length < batchSize) return;
      afterId = rows[rows.length - 1]!.id;
    }
  }
}

function brokenLink(row: AuditRow, prevHash: string, position: number): string | undefined {
  if (row.id !== position)
    return `Entry ${row.id} is at position ${position}: entries before it were deleted or renumbered.`;
  if (row.prevHash !== prevHash)
    return `Entry ${row.id} does not point to the entry before it: the log was cut or reordered there.`;
  if (chainHash(prevHash, row) !== row.hash)
    return `Entry ${row.id} was changed after it was written: its content no longer matches its hash.`;
  return undefined;
}

function brokenReport(checked: number, broken: Array<{ id: number; message: string }>): Verification {
  const shown = broken.slice(0, 20).map((b) => b.message);
  const more = broken.length > shown.length ? ` … and ${broken.length - shown.length} more.` : '';
  return {
    ok: false,
    checked,
    firstBrokenId: broken[0]!.id,
    brokenIds: broken.map((b) => b.id),
    message: `${broken.length} broken link${broken.length === 1 ? '' : 's'}: ${shown.join(' ')}${more}`,
  };
}
