import type { ProcessPort } from './ports.js';
import type { Knex } from 'knex';
import { DomainError } from './errors.js';
import { claimEvent, queuedEvent, retryLater, settleEvent } from './events/queue.js';

export const nowIso = () => new Date().toISOString();

/** Sends an event to a process that may have ended (or not started yet): a refusal is fine, other errors are not. */
export async function sendIfAccepted(
  instances: ProcessPort,
  id: string,
  event: { type: string },
  actor: string,
  reason?: string,
): Promise<boolean> {
  try {
    await instances.send(id, { event, actor, reason });
    return true;
  } catch (err) {
    if (err instanceof DomainError && (err.kind === 'conflict' || err.kind === 'not_found')) return false;
    throw err;
  }
}

/**
 * Delivers an event queued in the change's transaction (domain/events/queue.ts) now, through an
 * Update carrying its id: refused or ended → recorded `refused`; Temporal away → left pending for
 * the relay, which keeps trying. The change itself is already committed either way.
 */
export async function deliverQueued(db: Knex, instances: ProcessPort, eventId: string): Promise<void> {
  if (!(await claimEvent(db, eventId, 30_000))) return; // a relay has it
  const row = await queuedEvent(db, eventId);
  if (!row) return;
  try {
    await instances.send(row.instanceId, {
      event: JSON.parse(row.event) as { type: string },
      actor: row.actor,
      ...(row.reason ? { reason: row.reason } : {}),
      eventId,
    });
    await settleEvent(db, eventId, 'delivered');
  } catch (err) {
    if (err instanceof DomainError && (err.kind === 'conflict' || err.kind === 'not_found'))
      return settleEvent(db, eventId, 'refused', err.message);
    await retryLater(db, eventId, err instanceof Error ? err.message : String(err));
  }
}
