import type { Knex } from 'knex';
import type { AcceptanceView, EventEnvelope, EventResult } from '../workflows/messages.js';

// What the domain needs from the outside, said as interfaces: server/ implements them (the audit
// log in server/audit, the processes in server/temporal) and hands them to the services. The
// domain never imports server/ (lint enforces it), so its services run on any implementation.

/** Who acted, as the audit log names them: an operator's principal, or a name such as "system:relay". */
export type AuditActor = string | { id: string; email?: string; role: string };

/** One entry of the audit log. */
export interface AuditEntry {
  /** Who acted: a principal, or a name such as "anonymous", "system:first-start", "cli". */
  actor: AuditActor;
  /** Dotted verb, e.g. "auth.login", "instance.event", "officeUser.create". */
  action: string;
  /** What it acted on, e.g. "instance:<id>", "operator:<id>". */
  target?: string;
  reason?: string;
  details?: Record<string, unknown>;
}

/** The audit target of a process, e.g. "instance:<id>": its export gathers the entries that name it. */
export const instanceTarget = (id: string) => `instance:${id}`;

/** The append-only audit log (server/audit/auditLog.ts). */
export interface AuditPort {
  /** Appends one entry in a transaction of its own. */
  record(entry: AuditEntry): Promise<unknown>;
  /** Appends one entry inside the caller's transaction: it commits, or rolls back, with the change it records. */
  recordIn(trx: Knex.Transaction, entry: AuditEntry): Promise<unknown>;
}

/** An audit log that answers the entry it appended, so later entries can point back to it by id. */
export interface NumberedAuditPort extends AuditPort {
  record(entry: AuditEntry): Promise<{ id: number }>;
}

/** Starting a process for an entity (its id derives from the entity: `workflowIdFor`). */
export interface StartRequest {
  machine: string;
  input: unknown;
  actor: string;
  reason?: string;
  transitionsPerRun?: number;
  /** Start a second process for an entity whose process ended (`<machine>-<entityId>-r<n>`). */
  restart?: boolean;
}

/** What the domain reads of the machine version a process runs. */
export interface ProcessMachine {
  id: string;
  /** The events operators may send it. */
  operatorEvents: readonly string[];
  machine: { events: readonly string[] };
}

/**
 * The processes, as the domain starts and nudges them (server/temporal/instances.ts, on Temporal).
 * Refusals are domain errors: `already_started` (conflict), `event_not_allowed` (conflict),
 * `invalid_event` (invalid), `not_found`.
 */
export interface ProcessPort {
  start(request: StartRequest): Promise<{ instanceId: string }>;
  /** Applies an event and answers once the transition is applied, or throws why it was refused. */
  send(id: string, envelope: EventEnvelope): Promise<EventResult>;
  /** Whether the event would be accepted now, without applying it. */
  accepts(id: string, event: EventEnvelope['event']): Promise<AcceptanceView>;
  /** Whether the process already took the queued event with this id (it may have ended with it). */
  received(id: string, eventId: string): Promise<boolean>;
}

/** Which machine version each process runs (server/temporal/instances.ts reads it from Temporal). */
export interface ProcessMachines {
  /** Undefined when there is no such process, or it runs no registered machine version. */
  machineOf(id: string): Promise<ProcessMachine | undefined>;
}

/** What a reset did: the task it went back to, and the run that continues from there. */
export interface ResetOutcome {
  /** The id of the workflow task completion the process went back to (its commands are run again). */
  resetTo: number;
  runId: string;
}

/**
 * Takes a process whose workflow task keeps failing back to its last good task (Temporal's reset):
 * what came before stays, that task runs again with today's code, later Signals are applied again.
 */
export interface ProcessResets {
  resetToLastGoodTask(id: string): Promise<ResetOutcome>;
}

/**
 * Delivers an event already queued for another process (domain/events/queue.ts) now, rather than
 * at the relay's next pass; failures are left to the relay.
 */
export type Notify = (eventId: string) => Promise<void>;

/** The id of an entity's (first) process: the business id, so starting one twice is refused. */
export const workflowIdFor = (machine: string, entityId: string) => `${machine}-${entityId}`;

/** What became of one attempt to deliver a queued event now. */
export type DeliveryOutcome = 'delivered' | 'refused' | 'retry' | 'taken';

/** Delivers a queued event (domain/events/queue.ts) to its process now: the relay, in server/temporal. */
export interface EventDelivery {
  deliver(eventId: string): Promise<DeliveryOutcome>;
}
