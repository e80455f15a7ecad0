import { defineMachine } from './definition.js';
import { officeUserLinkLabels } from './officeUserLink.labels.js';
import { officeUserLinkV1 } from './officeUserLink.machine.js';
import {
  officeUserLinkEventSchemas,
  officeUserLinkInputSchema,
  type OfficeUserLinkEvent,
  type OfficeUserLinkInput,
} from './officeUserLink.schema.js';

const operatorEvents = ['RECHECK'] as const satisfies ReadonlyArray<OfficeUserLinkEvent['type']>;

/** officeUserLink version 1 as the API and the console see it. */
export const officeUserLink = defineMachine<OfficeUserLinkInput>({
  ...officeUserLinkV1,
  ...officeUserLinkLabels,
  operatorEvents,
  eventSchemas: officeUserLinkEventSchemas,
  inputSchema: officeUserLinkInputSchema,
});
