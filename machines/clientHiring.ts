import { clientHiringLabels } from './clientHiring.labels.js';
import { clientHiringV1 } from './clientHiring.machine.js';
import { hiringEventSchemas, hiringInputSchema, type HiringEvent, type HiringInput } from './clientHiring.schema.js';
import { defineMachine } from './definition.js';

const operatorEvents = ['RESEND_NOW', 'EXTEND_DEADLINE', 'CANCEL'] as const satisfies ReadonlyArray<
  HiringEvent['type']
>;

/** clientHiring version 1 as the API and the console see it. */
export const clientHiring = defineMachine<HiringInput>({
  ...clientHiringV1,
  ...clientHiringLabels,
  operatorEvents,
  eventSchemas: hiringEventSchemas,
  inputSchema: hiringInputSchema,
});
