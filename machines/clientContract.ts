import { clientContractLabels } from './clientContract.labels.js';
import { clientContractV1 } from './clientContract.machine.js';
import {
  contractEventSchemas,
  contractInputSchema,
  type ContractEvent,
  type ContractInput,
} from './clientContract.schema.js';
import { defineMachine } from './definition.js';

const operatorEvents = ['CONFIRM', 'BLOCK', 'UNBLOCK', 'CANCEL', 'RETRY'] as const satisfies ReadonlyArray<
  ContractEvent['type']
>;

/** clientContract version 1 as the API and the console see it. */
export const clientContract = defineMachine<ContractInput>({
  ...clientContractV1,
  ...clientContractLabels,
  operatorEvents,
  eventSchemas: contractEventSchemas,
  inputSchema: contractInputSchema,
});
