import { defineMachine } from './definition.js';
import { officeUserLinkLabels } from './officeUserLink.labels.js';
import { officeUserLinkV1 } from './officeUserLink.machine.js';
import {
  officeUserLinkEventSchemas,
  officeUserLinkInputSchema,
  type OfficeUserLinkEvent,
  type OfficeUserLinkInput,
} from './officeUserLink.schema.js';
import { officeUserLinkV2Labels } from './officeUserLink.v2.labels.js';
import { officeUserLinkV2 } from './officeUserLink.v2.machine.js';
import {
  officeUserLinkV2EventSchemas,
  officeUserLinkV2InputSchema,
  type OfficeUserLinkV2Event,
  type OfficeUserLinkV2Input,
} from './officeUserLink.v2.schema.js';

const operatorEvents = ['RECHECK'] as const satisfies ReadonlyArray<OfficeUserLinkEvent['type']>;

/** officeUserLink version 1 as the API and the console see it (kept for the processes started on it). */
export const officeUserLink = defineMachine<OfficeUserLinkInput>({
  ...officeUserLinkV1,
  ...officeUserLinkLabels,
  operatorEvents,
  eventSchemas: officeUserLinkEventSchemas,
  inputSchema: officeUserLinkInputSchema,
});

const operatorEventsV2 = [
  'RECHECK',
  'RESEND_NOW',
  'EXTEND_DEADLINE',
  'CANCEL',
  'RECONNECT',
] as const satisfies ReadonlyArray<OfficeUserLinkV2Event['type']>;

/** officeUserLink version 2 as the API and the console see it: what new processes start on. */
export const officeUserLinkV2Entry = defineMachine<OfficeUserLinkV2Input>({
  ...officeUserLinkV2,
  ...officeUserLinkV2Labels,
  operatorEvents: operatorEventsV2,
  eventSchemas: officeUserLinkV2EventSchemas,
  inputSchema: officeUserLinkV2InputSchema,
});
