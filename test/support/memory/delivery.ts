import type { Knex } from 'knex';
import type { DeliveryOutcome, EventDelivery, ProcessPort } from '../../../domain/ports.js';
import { deliverQueued } from '../../../domain/processes.js';

/**
 * The event delivery port in memory: a queued event goes to its process (the processes port) as
 * the relay sends it, and its row records the outcome. While `away` is set, Temporal is away:
 * nothing is delivered and the event stays queued, as the relay leaves it.
 */
export class MemoryDelivery implements EventDelivery {
  away = false;

  constructor(
    private readonly db: Knex,
    private readonly instances: ProcessPort,
  ) {}

  async deliver(eventId: string): Promise<DeliveryOutcome> {
    if (this.away) return 'retry';
    const { outcome } = await deliverQueued(this.db, this.instances, eventId);
    return outcome === 'pending' ? 'retry' : outcome;
  }
}
