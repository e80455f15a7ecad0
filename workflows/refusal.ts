import { ApplicationFailure } from '@temporalio/workflow';
import type { AnyMachineSnapshot } from 'xstate';
import { stateToString, type EngineMachine } from '../machines/definition.js';
import {
  refusalTypes,
  type AcceptanceView,
  type InstanceStatus,
  type MachineEvent,
  type RefusalDetails,
} from './messages.js';

// Worked out once per machine: every refusal check and every snapshot Query reads it.
const externalTypesOf = new WeakMap<EngineMachine<never>, readonly string[]>();

/** Event types the machine knows and that outside callers may name (no XState internals). */
export function externalEventTypes(definition: EngineMachine<never>): readonly string[] {
  const known = externalTypesOf.get(definition);
  if (known) return known;
  const types = new Set<string>();
  for (const t of definition.machine.events as string[]) {
    if (!t.startsWith('xstate.') && !t.includes('*') && !t.startsWith('ACTION_FAILED.')) types.add(t);
  }
  const sorted = [...types].sort();
  externalTypesOf.set(definition, sorted);
  return sorted;
}

export function acceptedEvents(definition: EngineMachine<never>, snapshot: AnyMachineSnapshot): string[] {
  if (snapshot.status !== 'active') return [];
  return externalEventTypes(definition).filter((type) => {
    try {
      return snapshot.can({ type });
    } catch {
      // A guard that reads payload fields cannot judge a bare event: offer it and let the real one decide.
      return true;
    }
  });
}

const refuse = (type: string, message: string, details: RefusalDetails) =>
  ApplicationFailure.create({ type, message, details: [details], nonRetryable: true });

/**
 * Why an event from outside cannot be applied now, as a failure to throw; undefined when it can.
 * Checked by the Update validator, and again at the head of the queue only if the machine moved
 * on in between (workflows/machineRun.ts).
 */
export function refusalOf(
  definition: EngineMachine<never>,
  snapshot: AnyMachineSnapshot,
  status: InstanceStatus,
  event: unknown,
): ApplicationFailure | undefined {
  const state = stateToString(snapshot.value);
  const details = (): RefusalDetails => ({ state, status, accepted: acceptedEvents(definition, snapshot) });
  if (
    event === null ||
    typeof event !== 'object' ||
    typeof (event as MachineEvent).type !== 'string' ||
    (event as MachineEvent).type === ''
  ) {
    return refuse(refusalTypes.malformed, 'An event must be an object with a non-empty string "type".', details());
  }
  const { type, ...payload } = event as MachineEvent;
  if (type.startsWith('xstate.') || type.startsWith('ACTION_FAILED.')) {
    return refuse(
      refusalTypes.reserved,
      `Event "${type}" is reserved for the engine and cannot be sent from outside.`,
      details(),
    );
  }
  if (status !== 'running' || snapshot.status !== 'active') {
    return refuse(refusalTypes.ended, `The process has ended (${status}); it takes no more events.`, details());
  }
  if (!externalEventTypes(definition).includes(type)) {
    return refuse(refusalTypes.notAllowed, `Machine "${definition.id}" has no event "${type}".`, details());
  }
  const schema = definition.eventSchemas?.[type];
  if (schema) {
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ');
      return refuse(refusalTypes.malformed, `Event "${type}" has an invalid payload: ${problems}.`, details());
    }
  }
  let allowed: boolean;
  try {
    allowed = snapshot.can(event as MachineEvent);
  } catch (err) {
    return refuse(
      refusalTypes.malformed,
      `Event "${type}" could not be evaluated: ${(err as Error).message}.`,
      details(),
    );
  }
  if (!allowed) {
    const d = details();
    const hint = d.accepted.length ? `It accepts: ${d.accepted.join(', ')}.` : 'It accepts no events now.';
    return refuse(refusalTypes.notAllowed, `Event "${type}" is not accepted in state "${state}". ${hint}`, d);
  }
  return undefined;
}

/** The verdict the `accepts` Query gives: what refusalOf says, as data (bulk dry runs). */
export function acceptanceOf(
  definition: EngineMachine<never>,
  snapshot: AnyMachineSnapshot,
  status: InstanceStatus,
  event: unknown,
): AcceptanceView {
  const failure = refusalOf(definition, snapshot, status, event);
  const base = { state: stateToString(snapshot.value), status };
  if (!failure) return { ok: true, ...base };
  const details = failure.details?.[0] as Partial<RefusalDetails> | undefined;
  return { ok: false, ...base, type: failure.type ?? undefined, message: failure.message, accepted: details?.accepted };
}
