import { defineMachine } from './definition.js';
import { planChangeLabels } from './planChange.labels.js';
import { planChangeV1 } from './planChange.machine.js';
import { planChangeEventSchemas, planChangeInputSchema, type PlanChangeInput } from './planChange.schema.js';

/** planChange version 1 as the API and the console see it. */
export const planChange = defineMachine<PlanChangeInput>({
  ...planChangeV1,
  ...planChangeLabels,
  operatorEvents: ['APPLY_NOW', 'CANCEL', 'RETRY'],
  eventSchemas: planChangeEventSchemas,
  inputSchema: planChangeInputSchema,
});
