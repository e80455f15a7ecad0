import type { RaRecord } from 'react-admin';

/** A text in each language the console speaks; English is always there. */
export type Label = { en: string; 'pt-BR'?: string; fr?: string };

export type Role = 'admin' | 'operator' | 'auditor';

export interface Identity {
  id: string;
  email: string;
  role: Role;
}

export interface StateNode {
  path: string;
  key: string;
  label: Label;
  type: 'atomic' | 'compound' | 'parallel' | 'final';
  initial?: string;
  children: StateNode[];
}

/** A JSON-schema object as the server describes an event's payload. */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  format?: string;
}

export interface MachineEvent {
  type: string;
  label: Label;
  operator: boolean;
  payloadSchema?: JsonSchema;
}

export interface MachineTransition {
  source: string;
  target: string | null;
  event: string;
  delay?: number | string;
  /** In every language, like state and event labels (GET /api/machines sends an object). */
  label?: Label;
}

export interface MachineDescription {
  id: string;
  version: number;
  /** The version new processes start on; others are kept while processes still run them. */
  latest: boolean;
  title: Label;
  description?: Label;
  initial: string;
  states: StateNode[];
  events: MachineEvent[];
  transitions: MachineTransition[];
}

export type InstanceStatus = 'running' | 'completed' | 'failed' | 'cancelled' | 'terminated';

export interface InstanceRecord extends RaRecord {
  machine: string;
  machineVersion: number;
  state: string;
  status: InstanceStatus;
  entityType: string;
  entityId: string;
  officeId?: string;
  startedAt: string;
  updatedAt: string;
  nextTimerAt?: string | null;
  stuck: boolean;
  lastError?: string | null;
  temporalUiUrl?: string;
}

export interface PendingTimer {
  id?: string;
  event: string;
  dueAt: string;
}

export interface ActivityInFlight {
  id?: string;
  name: string;
  attempt?: number;
  lastFailure?: string | null;
  since?: string;
}

export interface InstanceSnapshot {
  state: string;
  status: InstanceStatus;
  context: Record<string, unknown>;
  can: string[];
  timers: PendingTimer[];
  activities: ActivityInFlight[];
  temporalUiUrl?: string;
}

export interface SendEventParams {
  type: string;
  payload?: unknown;
  reason: string;
}

export interface BulkEventParams extends SendEventParams {
  ids: RaRecord['id'][];
  dryRun: boolean;
}

export interface BulkResult {
  id: RaRecord['id'];
  ok: boolean;
  state?: string;
  error?: string;
}

export interface Stats {
  byMachineState: { machine: string; state: string; count: number }[];
  stuck: number;
  timersDue24h: number;
  failingActivities: number;
  transitionsPerHour: { hour: string; count: number }[];
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBrokenId?: string | number;
  message: string;
}
