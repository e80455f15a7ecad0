import type { InstanceService } from '../server/temporal/instances.js';
import { DomainError } from './errors.js';

export const nowIso = () => new Date().toISOString();

/** Sends an event to a process that may have ended (or not started yet): a refusal is fine, other errors are not. */
export async function sendIfAccepted(
  instances: InstanceService,
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
