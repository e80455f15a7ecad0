import { defineMachine } from './definition.js';
import { integrationKeyRotationLabels } from './integrationKeyRotation.labels.js';
import { integrationKeyRotationV1 } from './integrationKeyRotation.machine.js';
import {
  keyRotationEventSchemas,
  keyRotationInputSchema,
  type KeyRotationInput,
} from './integrationKeyRotation.schema.js';

/** integrationKeyRotation version 1 as the API and the console see it. */
export const integrationKeyRotation = defineMachine<KeyRotationInput>({
  ...integrationKeyRotationV1,
  ...integrationKeyRotationLabels,
  operatorEvents: ['REVOKE_NOW'],
  eventSchemas: keyRotationEventSchemas,
  inputSchema: keyRotationInputSchema,
});
