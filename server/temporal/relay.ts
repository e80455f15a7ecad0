import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { defaults } from '../../domain/settings.js';
import type { Knex } from 'knex';
import {
  claimEvent,
  dueEvents,
  queuedEvent,
  retryLater,
  settleEvent,
  type QueuedEventRow,
} from '../../domain/events/queue.js';
import { settleForEndedProcess } from '../../domain/processes.js';
import { eventSignal, type MachineEvent } from '../../workflows/messages.js';
import { processReceived } from './receivedEvents.js';

export interface RelayOptions {
  db: Knex;
  client: Client;
  /** How often the relay looks for due events (RELAY_POLL_MS; default in domain/settings.ts). */
  pollMs?: number;
  /** How long a relay holds an event it is delivering before another may take it. */
  leaseMs?: number;
}

export type { DeliveryOutcome } from '../../domain/ports.js';
import type { DeliveryOutcome, EventDelivery } from '../../domain/ports.js';

/**
 * Delivers queued events to their processes as Signals carrying the event id. Temporal accepting
 * the Signal is the delivery: it is durable from then on, even with no worker running. A process
 * that has ended refuses for good (recorded, shown to operators); anything else is retried with
 * backoff. Several relays may run (server and worker processes): a lease keeps them off each
 * other's events, and the workflow drops a second delivery of the same id if a lease ever lapses.
 */
export class EventRelay implements EventDelivery {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly o: RelayOptions) {}

  start(): void {
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      this.running = this.drain()
        .catch(() => {}) // the database may be away for a while: the next tick tries again
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.o.pollMs ?? defaults.relayPollMs);
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /**
   * Delivers every due event once (one pass). A delivery that fails for want of Temporal ends the
   * pass: the others would wait as long to fail alike (each try can take seconds), and keep their
   * place for the next pass.
   */
  async drain(): Promise<void> {
    for (;;) {
      const ids = await dueEvents(this.o.db, 50);
      if (ids.length === 0) return;
      for (const id of ids) if ((await this.deliver(id)) === 'retry') return;
      if (ids.length < 50) return;
    }
  }

  /** Delivers one event now if no other relay holds it (the request that queued it calls this). */
  async deliver(id: string): Promise<DeliveryOutcome> {
    const { db } = this.o;
    if (!(await claimEvent(db, id, this.o.leaseMs ?? 30_000))) return 'taken';
    const row = await queuedEvent(db, id);
    if (!row) return 'taken';
    try {
      await this.signal(row);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError)
        return settleForEndedProcess(
          db,
          id,
          () => processReceived(this.o.client, row.instanceId, row.id),
          'The process has ended; it takes no more events.',
        );
      await retryLater(db, id, err instanceof Error ? err.message : String(err));
      return 'retry';
    }
    await settleEvent(db, id, 'delivered');
    return 'delivered';
  }

  private async signal(row: QueuedEventRow): Promise<void> {
    const event = JSON.parse(row.event) as MachineEvent;
    await this.o.client.workflow.getHandle(row.instanceId).signal(eventSignal, {
      event,
      actor: row.actor,
      ...(row.reason ? { reason: row.reason } : {}),
      eventId: row.id,
    });
  }
}
