import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { EntityKey } from '../machines/definition.js';

/** An event as sent from outside: its type and payload fields, flat, as XState expects them. */
export interface MachineEvent {
  type: string;
  [field: string]: unknown;
}

/** Who caused an applied transition: `system`, `timer`, `user:<id>` or `operator:<id>`. */
export type Actor = string;

export interface EventEnvelope {
  event: MachineEvent;
  actor: Actor;
  reason?: string;
  /**
   * The id of a queued event (domain/events/queue.ts): an event delivered again with the same id
   * (a relay retrying after a crash) is applied once.
   */
  eventId?: string;
}

export interface EventResult {
  state: string;
  status: InstanceStatus;
  seq: number;
  /** The event id was seen before: this delivery changed nothing. */
  duplicate?: boolean;
}

export type InstanceStatus = 'running' | 'completed' | 'failed' | 'cancelled' | 'terminated';

export interface PendingTimer {
  id: string;
  event: MachineEvent;
  /** Epoch milliseconds, workflow time. */
  fireAt: number;
}

/** What a run hands to the next one on continue-as-new. */
export interface CarriedState {
  /** The machine version the process runs; absent in runs carried before versions were recorded (1). */
  version?: number;
  persistedSnapshot: unknown;
  timers: PendingTimer[];
  seq: number;
  startedAt: string;
  lastError?: string;
  /** An unhandled action failure left the process waiting for an operator. */
  needsOperator?: boolean;
  /** Ids of queued events already taken, so a late redelivery is still recognised after continue-as-new. */
  eventIds?: string[];
}

export interface MachineWorkflowInput {
  machine: string;
  /**
   * The machine version this process runs, chosen at start (the latest then) and kept for its
   * whole life. Absent in histories recorded before versions: those ran version 1.
   */
  version?: number;
  /** The machine's input; validated by the starter against the definition's schema. */
  input: unknown;
  /** Who started it, recorded on the first transition. */
  actor?: Actor;
  reason?: string;
  /** Continue-as-new after this many applied transitions in one run (Temporal may suggest it sooner). */
  transitionsPerRun?: number;
  carried?: CarriedState;
}

export interface SnapshotView {
  machine: string;
  machineVersion: number;
  entity: EntityKey;
  state: string;
  value: unknown;
  status: InstanceStatus;
  seq: number;
  context: Record<string, unknown>;
  tags: string[];
  can: string[];
  timers: Array<{ id: string; event: string; dueAt: string }>;
  activities: Array<{ id: string; name: string; kind: 'invoke' | 'action'; since: string }>;
  lastError?: string;
}

/** The error types a refused event carries, so callers can tell them apart without parsing text. */
export const refusalTypes = {
  notAllowed: 'EventNotAllowed',
  malformed: 'EventMalformed',
  reserved: 'EventReserved',
  ended: 'InstanceEnded',
} as const;

export interface RefusalDetails {
  state: string;
  status: InstanceStatus;
  accepted: string[];
}

/** Why a workflow fails for good, as error types callers can tell apart. */
export const workflowFailureTypes = {
  /** The input names a machine or version this worker does not have. */
  unknownMachine: 'UnknownMachine',
  /** An invoke failure the machine did not handle put it in its error state. */
  machineFailed: 'MachineFailed',
  /** The statechart asks for something the interpreter cannot run. */
  invalidMachine: 'InvalidMachine',
} as const;

export const eventUpdate = defineUpdate<EventResult, [EventEnvelope]>('event');
export const eventSignal = defineSignal<[EventEnvelope]>('event');
export const snapshotQuery = defineQuery<SnapshotView>('snapshot');

export interface AcceptanceView {
  ok: boolean;
  state: string;
  status: InstanceStatus;
  /** The refusal's type (see refusalTypes) and sentence when not ok. */
  type?: string;
  message?: string;
  accepted?: string[];
  /**
   * Refused only because a step is still in flight (an invoke whose result has not arrived): a
   * queued event sent now waits for that step and is offered again after it.
   */
  stepInFlight?: boolean;
}

/** Asks whether an event would be accepted now, without applying it (bulk dry runs). */
export const acceptsQuery = defineQuery<AcceptanceView, [MachineEvent]>('accepts');
