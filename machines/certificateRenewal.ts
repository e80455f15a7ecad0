import { certificateRenewalLabels } from './certificateRenewal.labels.js';
import { certificateRenewalV1 } from './certificateRenewal.machine.js';
import {
  certificateRenewalEventSchemas,
  certificateRenewalInputSchema,
  type CertificateRenewalInput,
} from './certificateRenewal.schema.js';
import { defineMachine } from './definition.js';

/** certificateRenewal version 1 as the API and the console see it. */
export const certificateRenewal = defineMachine<CertificateRenewalInput>({
  ...certificateRenewalV1,
  ...certificateRenewalLabels,
  operatorEvents: ['RESEND_NOW', 'CANCEL'],
  eventSchemas: certificateRenewalEventSchemas,
  inputSchema: certificateRenewalInputSchema,
});
