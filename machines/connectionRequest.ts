import { connectionRequestLabels } from './connectionRequest.labels.js';
import { connectionRequestV1 } from './connectionRequest.machine.js';
import {
  connectionEventSchemas,
  connectionInputSchema,
  type ConnectionEvent,
  type ConnectionInput,
} from './connectionRequest.schema.js';
import { defineMachine } from './definition.js';

const operatorEvents = ['RESEND_NOW', 'EXTEND_DEADLINE', 'CANCEL'] as const satisfies ReadonlyArray<
  ConnectionEvent['type']
>;

/** connectionRequest version 1 as the API and the console see it. */
export const connectionRequest = defineMachine<ConnectionInput>({
  ...connectionRequestV1,
  ...connectionRequestLabels,
  operatorEvents,
  eventSchemas: connectionEventSchemas,
  inputSchema: connectionInputSchema,
});
