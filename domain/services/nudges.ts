import type { EventResult } from '../../workflows/messages.js';
import { DomainError, invalid } from '../errors.js';
import {
  instanceTarget,
  type AuditActor,
  type NumberedAuditPort,
  type ProcessMachines,
  type ProcessPort,
} from '../ports.js';

// An operator's nudge (an event sent by hand to a running process, e.g. "resend now") takes the
// path of a start: the router parses and answers, this service decides whether operators may send
// it, sends it with its reason, and records it in the audit log whatever the outcome.

/** An operator's event: its type, its fields besides the type, and why it is sent. */
export interface Nudge {
  type: string;
  payload?: Record<string, unknown>;
  reason: string;
}

/** Who nudges: as the process records it (`operator:<id>`) and as the audit log names them. */
export interface Nudger {
  actor: string;
  auditActor: AuditActor;
}

/** One process's verdict in a bulk nudge. */
export interface NudgeOutcome {
  id: string;
  ok: boolean;
  state?: string;
  /** A stable code: `event_not_allowed`, `event_not_for_operators`, `not_found`, `internal`… */
  error?: string;
  message?: string;
}

export interface NudgeDeps {
  instances: ProcessPort & ProcessMachines;
  /** A bulk nudge's entry per process points back to the entry of the call. */
  audit: NumberedAuditPort;
}

/** How many processes of a bulk nudge are asked at the same time. */
const bulkConcurrency = 8;

/** The event as the machine receives it: the payload's fields beside its type. */
function machineEvent(nudge: Nudge) {
  if (nudge.payload && 'type' in nudge.payload)
    throw invalid('bad_request', 'The payload cannot have a field named "type".');
  return { ...(nudge.payload ?? {}), type: nudge.type };
}

// The audit log can never be edited, so it keeps no personal data: a payload's field names, not its values.
const nudgeDetails = (n: Nudge) => ({ event: n.type, payloadFields: Object.keys(n.payload ?? {}).sort() });

export function nudgeService(deps: NudgeDeps) {
  const { instances, audit } = deps;

  /**
   * Operators may send only the events the version their process runs lists for them; the others
   * (a user's registration, a verified credential) come from the system, and an operator sending
   * them would fake a person's step. Types the machine does not know, and processes that do not
   * exist, are left to the process (or its absence) to refuse.
   */
  async function assertOperatorMay(id: string, type: string): Promise<void> {
    if (type.startsWith('xstate.') || type.startsWith('ACTION_FAILED.')) return; // the machine refuses these itself
    const definition = await instances.machineOf(id);
    if (!definition || definition.operatorEvents.includes(type)) return;
    if (!definition.machine.events.includes(type)) return;
    throw new DomainError(
      'forbidden',
      'event_not_for_operators',
      `Operators cannot send "${type}" to a ${definition.id} process: it comes from the system or the user. Operators may send: ${definition.operatorEvents.join(', ') || 'nothing'}.`,
      { allowed: definition.operatorEvents },
    );
  }

  /** One process of a bulk nudge: its verdict, never an exception. */
  async function nudgeOne(id: string, nudge: Nudge, by: Nudger, dryRun: boolean): Promise<NudgeOutcome> {
    try {
      const event = machineEvent(nudge);
      await assertOperatorMay(id, event.type);
      if (dryRun) {
        const verdict = await instances.accepts(id, event);
        return verdict.ok
          ? { id, ok: true, state: verdict.state }
          : { id, ok: false, state: verdict.state, error: 'event_not_allowed', message: verdict.message };
      }
      const result = await instances.send(id, { event, actor: by.actor, reason: nudge.reason });
      return { id, ok: true, state: result.state };
    } catch (err) {
      if (err instanceof DomainError)
        return { id, ok: false, state: err.details.state as string | undefined, error: err.code, message: err.message };
      // Raw exception text can name internals (hosts, SQL, payload converters): say only that it failed.
      return { id, ok: false, error: 'internal', message: 'This process could not be reached; try again later.' };
    }
  }

  /**
   * A bulk nudge is one entry for the call (what was asked, how many went through) and one
   * "instance.event" entry per process pointing back to it, so each process's export shows it.
   */
  async function recordBulk(nudge: Nudge, by: Nudger, results: NudgeOutcome[]): Promise<void> {
    const applied = results.filter((r) => r.ok).length;
    const call = await audit.record({
      actor: by.auditActor,
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
        actor: by.auditActor,
        action: 'instance.event',
        target: instanceTarget(r.id),
        reason: nudge.reason,
        details: { ...nudgeDetails(nudge), ...outcome, bulkAuditId: call.id },
      });
    }
  }

  return {
    /**
     * Sends one operator event and answers the process's new state, or throws why it was refused.
     * An event operators may not send, or a malformed one, is refused before anything is sent or
     * recorded; once sent, it is recorded whatever the outcome: applied with the new state, or
     * refused with the machine's reason.
     */
    async send(id: string, nudge: Nudge, by: Nudger): Promise<EventResult> {
      const event = machineEvent(nudge);
      await assertOperatorMay(id, event.type);
      const entry = {
        actor: by.auditActor,
        action: 'instance.event',
        target: instanceTarget(id),
        reason: nudge.reason,
      };
      try {
        const result = await instances.send(id, { event, actor: by.actor, reason: nudge.reason });
        await audit.record({ ...entry, details: { ...nudgeDetails(nudge), outcome: 'applied', state: result.state } });
        return result;
      } catch (err) {
        const refusal =
          err instanceof DomainError
            ? { error: err.code, message: err.message, state: err.details.state }
            : { error: 'internal' };
        await audit.record({ ...entry, details: { ...nudgeDetails(nudge), outcome: 'refused', ...refusal } });
        throw err;
      }
    },

    /**
     * Sends one event to many processes (each id once), or on a dry run only asks whether each
     * would take it; each gets its own verdict. Dry runs change nothing and are not recorded.
     */
    async bulk(ids: string[], nudge: Nudge & { dryRun: boolean }, by: Nudger): Promise<NudgeOutcome[]> {
      const unique = [...new Set(ids)];
      const results: NudgeOutcome[] = new Array(unique.length);
      let next = 0;
      const lane = async () => {
        while (next < unique.length) {
          const i = next++;
          results[i] = await nudgeOne(unique[i] as string, nudge, by, nudge.dryRun);
        }
      };
      await Promise.all(Array.from({ length: Math.min(bulkConcurrency, unique.length) }, lane));
      if (!nudge.dryRun) await recordBulk(nudge, by, results);
      return results;
    },
  };
}

export type NudgeService = ReturnType<typeof nudgeService>;
