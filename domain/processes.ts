import type { ProcessPort } from './ports.js';
import type { Knex } from 'knex';
import { DomainError } from './errors.js';
import {
  claimEvent,
  enqueueEvent,
  queuedEvent,
  retryLater,
  settleEvent,
  type NewQueuedEvent,
  type QueuedEventRow,
} from './events/queue.js';
import { requestWaitsMs } from './settings.js';
import { pollUntil, waitOrStop } from './waits.js';

export const nowIso = () => new Date().toISOString();

/**
 * A queued event whose process has ended may be what ended it, delivered by an earlier attempt
 * whose outcome went unrecorded (its sender killed, or its caller gone while an Update waited):
 * recorded delivered when the process took it, refused when not, and left for the next pass when
 * that cannot be told now (not knowing is not a refusal).
 */
export async function settleForEndedProcess(
  db: Knex,
  eventId: string,
  received: () => Promise<boolean>,
  refusal: string,
): Promise<'delivered' | 'refused' | 'retry'> {
  let taken: boolean;
  try {
    taken = await received();
  } catch (err) {
    await retryLater(db, eventId, err instanceof Error ? err.message : String(err));
    return 'retry';
  }
  if (taken) await settleEvent(db, eventId, 'delivered');
  else await settleEvent(db, eventId, 'refused', refusal);
  return taken ? 'delivered' : 'refused';
}

/** How long a request waits for a process, and the server's shutdown signal that ends the wait at once. */
export interface WaitOptions {
  waitMs?: number;
  stopping?: AbortSignal;
}

/** What became of delivering a queued event now. */
export type QueuedDelivery =
  | { outcome: 'delivered'; state: string }
  | { outcome: 'refused'; error: DomainError }
  | { outcome: 'pending' }
  | { outcome: 'taken' };

/**
 * Delivers an event queued in the change's transaction (domain/events/queue.ts) now, through an
 * Update carrying its id: refused or ended → recorded `refused`; Temporal away → left pending for
 * the relay, which keeps trying. The change itself is already committed either way.
 */
export async function deliverQueued(
  db: Knex,
  instances: ProcessPort,
  eventId: string,
  /** How long the caller waits; past it (or once stopping) the Update carries on alone and the answer is `pending`. */
  { waitMs = requestWaitsMs.delivery, stopping }: WaitOptions = {},
): Promise<QueuedDelivery> {
  if (!(await claimEvent(db, eventId, 30_000))) return { outcome: 'taken' }; // a relay has it
  const row = await queuedEvent(db, eventId);
  if (!row) return { outcome: 'taken' };
  const delivery = sendQueued(db, instances, row, eventId);
  delivery.catch(() => {}); // once the caller stopped waiting, the relay takes over any failure
  // An Update waits for a worker: with none running the caller is not kept waiting for it.
  return Promise.race([delivery, waitOrStop<QueuedDelivery>(waitMs, { outcome: 'pending' }, stopping)]);
}

async function sendQueued(
  db: Knex,
  instances: ProcessPort,
  row: QueuedEventRow,
  eventId: string,
): Promise<QueuedDelivery> {
  try {
    const result = await instances.send(row.instanceId, {
      event: JSON.parse(row.event) as { type: string },
      actor: row.actor,
      ...(row.reason ? { reason: row.reason } : {}),
      eventId,
    });
    await settleEvent(db, eventId, 'delivered');
    return { outcome: 'delivered', state: result.state };
  } catch (err) {
    if (err instanceof DomainError && err.details.reason === 'ended') {
      const settled = await settleForEndedProcess(
        db,
        eventId,
        () => instances.received(row.instanceId, eventId),
        err.message,
      );
      if (settled === 'retry') return { outcome: 'pending' };
      if (settled === 'refused') return { outcome: 'refused', error: err };
      const ended = await db('instances').where({ id: row.instanceId }).first('state');
      return { outcome: 'delivered', state: String(ended?.state ?? '') };
    }
    if (err instanceof DomainError && (err.kind === 'conflict' || err.kind === 'not_found')) {
      await settleEvent(db, eventId, 'refused', err.message);
      return { outcome: 'refused', error: err };
    }
    await retryLater(db, eventId, err instanceof Error ? err.message : String(err));
    return { outcome: 'pending' };
  }
}

/**
 * The process's verdict on an event once a step in flight has ended: someone who acts the moment
 * a mail arrives may find the process still recording that it sent it, for a moment. Waits up to
 * `waitMs` for that step; past it (or once stopping), the verdict as it stands.
 */
export function acceptsAfterStep(
  instances: Pick<ProcessPort, 'accepts'>,
  instanceId: string,
  event: Parameters<ProcessPort['accepts']>[1],
  { waitMs = requestWaitsMs.stepInFlight, stopping }: WaitOptions = {},
): ReturnType<ProcessPort['accepts']> {
  return pollUntil(
    () => instances.accepts(instanceId, event),
    (probe) => probe.ok || !probe.stepInFlight,
    waitMs,
    stopping,
  );
}

/**
 * A directory change and the event it sends, committed together (the change is optional), then
 * delivered now: the event is never lost to a Temporal outage (the relay delivers it later) and a
 * refusal is recorded on its row for operators to see.
 */
export async function queueAndDeliver(
  db: Knex,
  instances: ProcessPort,
  event: NewQueuedEvent,
  change?: (trx: Knex.Transaction) => Promise<unknown>,
  wait?: WaitOptions,
): Promise<QueuedDelivery> {
  const eventId = await db.transaction(async (trx) => {
    await change?.(trx);
    return enqueueEvent(trx, event);
  });
  return deliverQueued(db, instances, eventId, wait);
}

/**
 * DEACTIVATE for a process started after its entity was deactivated (the deactivation landed
 * before the start): queued once whatever the retries, and delivered now.
 */
export const passDeactivationOn = (
  db: Knex,
  instances: ProcessPort,
  o: { instanceId: string; actor: string; reason: string },
  wait?: WaitOptions,
) =>
  queueAndDeliver(
    db,
    instances,
    { ...o, event: { type: 'DEACTIVATE' }, onceKey: `DEACTIVATE:${o.instanceId}` },
    undefined,
    wait,
  );

/**
 * Waits (briefly) for the process to reach one of the states, reading the projection; answers the
 * state it has when `timeoutMs` have passed or the server is stopping.
 */
export function waitForState(
  db: Knex,
  instanceId: string,
  states: string[],
  timeoutMs: number,
  o: {
    /** Stops waiting early when it answers true (the awaited event was refused). */
    giveUp?: () => Promise<boolean>;
    stopping?: AbortSignal;
  } = {},
): Promise<string | undefined> {
  return pollUntil(
    async () =>
      ((await db('instances').where({ id: instanceId }).first('state')) as { state: string } | undefined)?.state,
    async (state) => (state !== undefined && states.includes(state)) || (o.giveUp !== undefined && (await o.giveUp())),
    timeoutMs,
    o.stopping,
  );
}
