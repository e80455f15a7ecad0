// What the HTTP API sends and takes, as types the server and the console share: the server's
// routes and services produce these (their code is annotated with them), the console reads them.
// Types only: the console's bundle takes nothing from here at run time. Shapes built by a lower
// layer (a machine's description, a process's snapshot) are defined there and named here.

import type { Label, Locale } from '../machines/definition.js';
import type {
  JsonSchema,
  MachineDescription,
  MachineEventDescription,
  StateDescription,
  TransitionDescription,
} from '../machines/describe.js';
import type { InstanceStatus, SnapshotView } from '../workflows/messages.js';
import type { Plan } from '../domain/accounts/plans.js';
import type { ContractStatus } from '../machines/clientContract.schema.js';

export type {
  ContractStatus,
  InstanceStatus,
  JsonSchema,
  Label,
  Locale,
  MachineDescription,
  MachineEventDescription,
  Plan,
  StateDescription,
  TransitionDescription,
};

/** A console operator's role (server/auth/principal.ts lists them for validation). */
export type Role = 'admin' | 'operator' | 'auditor';

/** The logged-in operator: `GET /api/auth/me`, `POST /api/auth/login`. */
export interface Identity {
  id: string;
  /** Null only for a principal without one (none that logs in to the console). */
  email: string | null;
  role: Role;
}

/** One process as the projection lists it: `GET /api/instances`, `GET /api/instances/:id`. */
export type InstanceRecord = {
  id: string;
  machine: string;
  machineVersion: number;
  state: string;
  status: InstanceStatus;
  entityType: string;
  entityId: string;
  officeId?: string | null;
  startedAt: string;
  updatedAt: string;
  nextTimerAt?: string | null;
  stuck: boolean;
  lastError?: string | null;
  /** Set while its workflow task keeps failing: `nondeterminism` or `workflowTaskFailed` (server/temporal/taskFailures.ts). */
  taskFailureType?: string | null;
  taskFailureMessage?: string | null;
  taskFailingSince?: string | null;
  taskFailures?: number;
  /** What people read instead of ids: "Name <e-mail>" of the entity, else its name, else the office's. */
  label?: string | null;
  entityName?: string | null;
  entityEmail?: string | null;
  officeName?: string | null;
  /** Only on `GET /api/instances/:id`, when a Temporal UI is configured. */
  temporalUiUrl?: string;
};

/** A timer the process waits on, as its snapshot shows it. */
export type PendingTimerView = SnapshotView['timers'][number];

/** An activity in flight, with what Temporal knows of its attempts. */
export type ActivityInFlight = SnapshotView['activities'][number] & { attempt: number; lastFailure: string | null };

/** A process's live position: `GET /api/instances/:id/snapshot`. */
export interface InstanceSnapshot extends Omit<SnapshotView, 'activities'> {
  activities: ActivityInFlight[];
  /** Temporal's own status of the run (`RUNNING`, `COMPLETED`…). */
  runStatus: string;
  temporalUiUrl?: string;
}

/** An operator's event: `POST /api/instances/:id/events`. */
export interface EventRequest {
  type: string;
  /** The event's fields besides its type, as its payload schema describes them. */
  payload?: Record<string, unknown>;
  /** Why it is sent; recorded with the transition and in the audit log. */
  reason: string;
}

/** One event to many processes: `POST /api/instances/bulk-events`. */
export interface BulkEventRequest extends EventRequest {
  ids: string[];
  /** Only check whether each process would take it. */
  dryRun?: boolean;
}

/** The verdict for one process of a bulk call. */
export interface BulkResult {
  id: string;
  ok: boolean;
  state?: string;
  /** A stable code: `event_not_allowed`, `event_not_for_operators`, `not_found`, `internal`… */
  error?: string;
  message?: string;
}

/** The dashboard's figures: `GET /api/stats`. */
export interface Stats {
  byMachineState: { machine: string; state: string; count: number }[];
  stuck: number;
  timersDue24h: number;
  failingActivities: number;
  /** Companies that cannot issue invoices: their certificate expired (or none replaced it). */
  invoicingBlocked: number;
  /** Each of the last 24 hours, oldest first, quiet ones included. */
  transitionsPerHour: { hour: string; count: number }[];
}

/** A walk of the audit chain: `GET /api/audit/verify`. */
export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBrokenId?: number;
  /** Every entry whose link or content does not match, in id order. */
  brokenIds?: number[];
  message: string;
}

/** A client account: `GET /api/accounts`, `GET /api/accounts/:companyId` (the company id is the id). */
export interface AccountRecord {
  id: string;
  companyId: string;
  companyName: string;
  cnpj: string;
  officeId: string;
  officeName: string;
  planId: string;
  planName: string;
  payer: 'office' | 'client';
  status: ContractStatus;
  statusChangedAt: string;
  pendingPlanId: string | null;
  pendingPlanAt: string | null;
  pendingPlanInstanceId: string | null;
  /** When the account's active integration key was made; null without one. */
  keyCreatedAt: string | null;
  instanceId: string;
}

/** How many processes of a machine stand in each state: `GET /api/machines/:id/map`. */
export interface MachineMap {
  machine: string;
  /** Running processes per state path (a parallel state value `a|b` counts once per region). */
  states: { state: string; running: number; stuck: number }[];
  running: number;
  stuck: number;
  at: string;
}

/** `POST /api/instances/:id/reset`: the task the process went back to, and the run that goes on from it. */
export interface ResetResult {
  resetTo: number;
  runId: string;
}
