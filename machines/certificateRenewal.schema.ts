import { z } from 'zod';
import { defaultCertificateTiming } from '../domain/settings.js';

const id = z.string().min(1).max(64);

// Ids only: the PFX, its password and the certificate's subject stay in the sealed store.
export const certificateRenewalInputSchema = z.object({
  companyId: id,
  officeId: id,
  timing: z
    .object({
      /** How long before expiry each reminder goes out, any order; the longest starts "expiring soon". */
      remindBeforeMs: z.array(z.number().int().min(1)).min(1).max(10),
    })
    .default(defaultCertificateTiming),
});

export type CertificateRenewalInput = z.output<typeof certificateRenewalInputSchema>;

const noPayload = z.object({}).strict();

export const certificateRenewalEventSchemas = {
  // The upload is already stored (sealed) by the API; the process gets its id only.
  UPLOADED: z.object({ certificateId: id }).strict(),
  RESEND_NOW: noPayload,
  CANCEL: noPayload,
};
