import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { AuditEntry, AuditPort } from './ports.js';
import type { ProcessPort } from './ports.js';
import { canonicalJson } from './canonicalJson.js';
import { conflict, DomainError } from './errors.js';
import { refreshLabelsOf } from './directory/instanceLabels.js';

/** What a service needs to change the directory: the database, the audit log and the processes. */
export interface UnitDeps {
  db: Knex;
  audit: AuditPort;
  instances: ProcessPort;
  /** Aborts when the server starts shutting down: a request waiting for a process then answers at once. */
  stopping?: AbortSignal;
}

/**
 * Serialises creates of one table across server processes on PostgreSQL (a check for a duplicate
 * and the insert must not interleave). SQLite needs nothing: its write transactions begin
 * immediate (server/db/sqliteClient.ts) and so already run one at a time.
 */
export async function lockForCreate(trx: Knex.Transaction, table: string): Promise<void> {
  if (trx.client.config.client === 'pg') await trx.raw('lock table ?? in share row exclusive mode', [table]);
}

/** A change and its audit entry, in one transaction: both are written, or neither. */
export function changeAndRecord<T>(
  deps: UnitDeps,
  entry: (result: T) => AuditEntry,
  change: (trx: Knex.Transaction) => Promise<T>,
): Promise<T> {
  return deps.db.transaction(async (trx) => {
    const result = await change(trx);
    const recorded = entry(result);
    await deps.audit.recordIn(trx, recorded);
    // A renamed person or a corrected e-mail shows at once on the processes about them.
    await refreshLabelsOf(trx, recorded.target);
    return result;
  });
}

export interface CreateRequest {
  actor: string;
  /** The route's name, e.g. "clientUsers.create": an Idempotency-Key is unique per actor and route. */
  route: string;
  idempotencyKey?: string;
  /** The parsed body: its hash tells a retry from a different request under the same key. */
  body: unknown;
  reason?: string;
}

export interface CreateSteps {
  table: string;
  /** The row a previous identical request created, if any (the same body for the same entity). */
  sameAs(trx: Knex.Transaction): Promise<string | undefined>;
  /** Checks and inserts; answers the new row's id. Runs inside the transaction. */
  insert(trx: Knex.Transaction): Promise<string>;
  /** Starts the row's process, with an id derived from the row; starting it twice is harmless. */
  start?(id: string): Promise<void>;
}

const hashOf = (body: unknown) => crypto.createHash('sha256').update(canonicalJson(body)).digest('hex');

/**
 * One create, once: the row, its audit entry and the idempotency key commit together; the process
 * starts last. A retry (same key, or without one the same body for the same entity) finds the
 * row, starts its process if the first attempt could not, and gets the same entity back with no
 * second audit entry. Answers the id and whether it was created now.
 */
export async function createOnce(
  deps: UnitDeps,
  req: CreateRequest,
  steps: CreateSteps,
): Promise<{ id: string; created: boolean }> {
  const { id, created } = await deps.db.transaction(async (trx) => {
    await lockForCreate(trx, steps.table);
    const replay = await keyedReplay(trx, req);
    const same = replay ?? (await steps.sameAs(trx));
    if (same) return { id: same, created: false };
    const newId = await steps.insert(trx);
    await deps.audit.recordIn(trx, {
      actor: req.actor,
      action: req.route,
      target: `${steps.table}:${newId}`,
      reason: req.reason,
    });
    await rememberKeyed(trx, req, newId);
    return { id: newId, created: true };
  });
  if (steps.start) {
    try {
      await steps.start(id);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'already_started') return { id, created };
      throw new DomainError(
        'unavailable',
        'process_not_started',
        `It was saved (id ${id}), but its process could not start yet. Send the same request again to finish: it will not be created twice.`,
        { id },
      );
    }
  }
  return { id, created };
}

/**
 * The entity an earlier request under the same Idempotency-Key made, if any; the same key with a
 * different body is refused. Call inside the change's transaction, before changing anything.
 */
export async function keyedReplay(trx: Knex.Transaction, req: CreateRequest): Promise<string | undefined> {
  if (!req.idempotencyKey) return undefined;
  const row = (await trx('idempotencyKeys')
    .where({ actor: req.actor, route: req.route, key: req.idempotencyKey })
    .first('requestHash', 'entityId')) as { requestHash: string; entityId: string } | undefined;
  if (row && row.requestHash !== hashOf(req.body))
    throw conflict(
      'idempotency_key_reused',
      'This Idempotency-Key was already used for a different request; use a new key for a new request.',
    );
  return row?.entityId;
}

/** Records the request's Idempotency-Key (if it has one) with the entity it made, in the change's transaction. */
export async function rememberKeyed(trx: Knex.Transaction, req: CreateRequest, entityId: string): Promise<void> {
  if (!req.idempotencyKey) return;
  await trx('idempotencyKeys').insert({
    actor: req.actor,
    route: req.route,
    key: req.idempotencyKey,
    requestHash: hashOf(req.body),
    entityId,
    createdAt: new Date().toISOString(),
  });
}
