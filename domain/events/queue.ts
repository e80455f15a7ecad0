import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { MachineEvent } from '../../workflows/messages.js';

// The queue of events for processes. A step writes its event here in its own transaction, so the
// step and the promise to tell the process commit together; the relay (server/temporal/relay.ts)
// keeps that promise.

export type QueuedStatus = 'pending' | 'delivered' | 'refused';

export interface QueuedEventRow {
  id: string;
  instanceId: string;
  eventType: string;
  event: string;
  actor: string;
  reason: string | null;
  tokenId: string | null;
  status: QueuedStatus;
  attempts: number;
  nextAttemptAt: string;
  claimedUntil: string | null;
  lastError: string | null;
  createdAt: string;
  settledAt: string | null;
}

export interface NewQueuedEvent {
  instanceId: string;
  event: MachineEvent;
  actor: string;
  reason?: string;
  /** The portal link whose use made this step (at most one step per link). */
  tokenId?: string;
  /**
   * Names the event for a caller that may run again (a retried activity): the same key queues it
   * once, and the id derived from it is what the workflow de-duplicates by.
   */
  onceKey?: string;
}

/** Queues an event inside the caller's transaction; answers its id (the workflow de-duplicates by it). */
export async function enqueueEvent(trx: Knex.Transaction, e: NewQueuedEvent, now = new Date()): Promise<string> {
  const id = e.onceKey
    ? `k-${crypto.createHash('sha256').update(e.onceKey).digest('hex').slice(0, 40)}`
    : crypto.randomUUID();
  if (e.onceKey && (await trx('queuedEvents').where({ id }).first('id'))) return id;
  await trx('queuedEvents').insert({
    id,
    instanceId: e.instanceId,
    eventType: e.event.type,
    event: JSON.stringify(e.event),
    actor: e.actor,
    reason: e.reason ?? null,
    tokenId: e.tokenId ?? null,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now.toISOString(),
    createdAt: now.toISOString(),
  });
  return id;
}

export const queuedEventByToken = (db: Knex, tokenId: string) =>
  db('queuedEvents').where({ tokenId }).first() as Promise<QueuedEventRow | undefined>;

export const queuedEvent = (db: Knex, id: string) =>
  db('queuedEvents').where({ id }).first() as Promise<QueuedEventRow | undefined>;

/**
 * Takes a due event for delivery for `leaseMs`: another relay skips it meanwhile, and takes it
 * again if this one dies. Answers false when another relay holds it or it is settled.
 */
export async function claimEvent(db: Knex, id: string, leaseMs: number, now = new Date()): Promise<boolean> {
  const stamp = now.toISOString();
  const updated = await db('queuedEvents')
    .where({ id, status: 'pending' })
    .andWhere((q) => q.whereNull('claimedUntil').orWhere('claimedUntil', '<', stamp))
    .update({ claimedUntil: new Date(now.getTime() + leaseMs).toISOString() });
  return updated === 1;
}

/** Ids of pending events due now and not held by a relay, oldest first. */
export async function dueEvents(db: Knex, limit: number, now = new Date()): Promise<string[]> {
  const stamp = now.toISOString();
  const rows = (await db('queuedEvents')
    .where({ status: 'pending' })
    .andWhere('nextAttemptAt', '<=', stamp)
    .andWhere((q) => q.whereNull('claimedUntil').orWhere('claimedUntil', '<', stamp))
    .orderBy('createdAt')
    .limit(limit)
    .select('id')) as Array<{ id: string }>;
  return rows.map((r) => r.id);
}

export async function settleEvent(
  db: Knex,
  id: string,
  status: 'delivered' | 'refused',
  lastError?: string,
  now = new Date(),
): Promise<void> {
  await db('queuedEvents')
    .where({ id, status: 'pending' })
    .update({ status, settledAt: now.toISOString(), claimedUntil: null, lastError: lastError?.slice(0, 500) ?? null });
}

/** A failed attempt: wait longer each time (1 s doubling, at most a minute), then try again. */
export async function retryLater(db: Knex, id: string, error: string, now = new Date()): Promise<void> {
  const row = await queuedEvent(db, id);
  if (!row || row.status !== 'pending') return;
  const delay = Math.min(1000 * 2 ** Math.min(row.attempts, 6), 60_000);
  await db('queuedEvents')
    .where({ id, status: 'pending' })
    .update({
      attempts: row.attempts + 1,
      nextAttemptAt: new Date(now.getTime() + delay).toISOString(),
      claimedUntil: null,
      lastError: error.slice(0, 500),
    });
}

export interface Backlog {
  pending: number;
  oldestPendingSeconds: number;
  refused: number;
  lastError: string | null;
}

/** What health reports: how many events wait, for how long, and how many were refused. */
export async function backlog(db: Knex, now = new Date()): Promise<Backlog> {
  const pending = (await db('queuedEvents')
    .where({ status: 'pending' })
    .count({ n: '*' })
    .min({ oldest: 'createdAt' })
    .first()) as { n: number | string; oldest: string | null };
  const refused = (await db('queuedEvents').where({ status: 'refused' }).count({ n: '*' }).first()) as {
    n: number | string;
  };
  const last = (await db('queuedEvents')
    .where({ status: 'pending' })
    .whereNotNull('lastError')
    .orderBy('createdAt')
    .first('lastError')) as { lastError: string } | undefined;
  const oldest = pending.oldest ? Date.parse(pending.oldest) : now.getTime();
  return {
    pending: Number(pending.n),
    oldestPendingSeconds: Math.max(0, Math.round((now.getTime() - oldest) / 1000)),
    refused: Number(refused.n),
    lastError: last?.lastError ?? null,
  };
}
