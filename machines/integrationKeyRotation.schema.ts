import { z } from 'zod';
import { defaultKeyRotationTiming } from '../domain/settings.js';
import type { EventsOf } from './definition.js';

const id = z.string().min(1).max(64);

// Ids only: the keys themselves are never in the process, only the id of the key being replaced.
export const keyRotationInputSchema = z.object({
  keyId: id,
  companyId: id,
  officeId: id,
  timing: z
    .object({
      /** How long the old key keeps working; 0 stops it at once. */
      graceMs: z.number().int().min(0),
      /** How long before the grace ends the company's admins are reminded. */
      reminderBeforeMs: z.number().int().min(0),
    })
    .default(defaultKeyRotationTiming),
});
export type KeyRotationInput = z.output<typeof keyRotationInputSchema>;

export const keyRotationEventSchemas = { REVOKE_NOW: z.object({}).strict() } satisfies Record<string, z.ZodType>;
export type KeyRotationEvent = EventsOf<typeof keyRotationEventSchemas>;
