import type { RaRecord } from 'react-admin';
import type { BulkEventRequest, InstanceRecord as InstanceRow, PendingTimerView } from '../../contracts/api';

// What the API sends and takes is typed once, in contracts/api.ts, which the server's routes are
// written against; the console imports those types (types only: nothing of the server enters the
// bundle). Only react-admin's own view of them is added here.

export type {
  AccountRecord,
  ActivityInFlight,
  AuditVerification,
  BulkResult,
  ContractStatus,
  Identity,
  InstanceSnapshot,
  InstanceStatus,
  JsonSchema,
  Label,
  MachineDescription,
  MachineEventDescription as MachineEvent,
  Plan,
  TransitionDescription as MachineTransition,
  Role,
  StateDescription as StateNode,
  Stats,
  EventRequest as SendEventParams,
} from '../../contracts/api';

/** A process row, as react-admin holds records. */
export type InstanceRecord = InstanceRow & RaRecord;

export type PendingTimer = PendingTimerView;

/** A bulk call from a list selection: react-admin's ids. */
export type BulkEventParams = Omit<BulkEventRequest, 'ids'> & { ids: RaRecord['id'][] };
