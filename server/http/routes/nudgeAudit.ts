import type { AuditLog } from '../../audit/auditLog.js';
import type { Principal } from '../../auth/principal.js';
import { AppError } from '../errors.js';
import type { BulkResult } from './bulkEvents.js';
import { instanceTarget } from './instanceExport.js';
import { DomainError } from '../../../domain/errors.js';

interface Nudge {
  type: string;
  reason: string;
  payload?: Record<string, unknown>;
}

// The audit log can never be edited, so it keeps no personal data: a payload's field names, not its values.
const nudgeDetails = (n: Nudge) => ({ event: n.type, payloadFields: Object.keys(n.payload ?? {}).sort() });

/**
 * Sends one operator event and records it whatever the outcome: applied with the new state, or
 * refused with the machine's reason. Only called after the body is valid, so a malformed request
 * leaves no trace of success.
 */
export async function auditedNudge<T extends { state: string }>(
  audit: AuditLog,
  actor: Principal,
  id: string,
  nudge: Nudge,
  send: () => Promise<T>,
): Promise<T> {
  const entry = { actor, action: 'instance.event', target: instanceTarget(id), reason: nudge.reason };
  try {
    const result = await send();
    await audit.record({ ...entry, details: { ...nudgeDetails(nudge), outcome: 'applied', state: result.state } });
    return result;
  } catch (err) {
    const refusal =
      err instanceof AppError || err instanceof DomainError
        ? { error: err.code, message: err.message, state: err.details.state }
        : { error: 'internal' };
    await audit.record({ ...entry, details: { ...nudgeDetails(nudge), outcome: 'refused', ...refusal } });
    throw err;
  }
}

/**
 * A bulk nudge is one entry for the call (what was asked, how many went through) and one
 * "instance.event" entry per instance pointing back to it, so each instance's export shows it.
 * Dry runs change nothing and are not recorded.
 */
export async function auditBulkNudge(
  audit: AuditLog,
  actor: Principal,
  nudge: Nudge,
  results: BulkResult[],
): Promise<void> {
  const applied = results.filter((r) => r.ok).length;
  const call = await audit.record({
    actor,
    action: 'instance.bulkEvent',
    target: `instances:${results.length}`,
    reason: nudge.reason,
    details: {
      ...nudgeDetails(nudge),
      requested: results.length,
      applied,
      refused: results.length - applied,
      ids: results.map((r) => r.id),
    },
  });
  for (const r of results) {
    const outcome = r.ok
      ? { outcome: 'applied', state: r.state }
      : { outcome: 'refused', error: r.error, message: r.message, state: r.state };
    await audit.record({
      actor,
      action: 'instance.event',
      target: instanceTarget(r.id),
      reason: nudge.reason,
      details: { ...nudgeDetails(nudge), ...outcome, bulkAuditId: call.id },
    });
  }
}
