import type { Notify } from '../../domain/ports.js';
import type { EventRelay } from './relay.js';

/**
 * How activities wake other processes: the event is already queued in the activity's transaction;
 * this delivers it at once through the relay (a Signal carrying the event's id). A failure is left
 * to the relay's next pass, and an ended process refuses it (recorded on the event's row).
 */
export function relayNotifier(relay: Pick<EventRelay, 'deliver'>): Notify {
  return async (eventId) => {
    await relay.deliver(eventId);
  };
}
