import { z } from 'zod';
import { defaultHiringTiming } from '../domain/settings.js';
import type { EventsOf } from './definition.js';

export { defaultHiringTiming };

const id = z.string().min(1).max(64);

// Ids only: the address the link goes to and the company's data stay in the directory.
export const hiringInputSchema = z.object({
  hiringId: id,
  officeId: id,
  timing: z
    .object({
      /** Waits before each reminder, each measured from the previous send. */
      resendDelaysMs: z.array(z.number().int().min(1)).max(10),
      /** Wait after the last reminder before the link expires. */
      expireAfterMs: z.number().int().min(1),
    })
    .default(defaultHiringTiming),
});

export type HiringInput = z.output<typeof hiringInputSchema>;

const noPayload = z.object({}).strict();

export const hiringEventSchemas = {
  RESEND_NOW: noPayload,
  EXTEND_DEADLINE: z.object({ days: z.number().positive().max(90) }).strict(),
  CANCEL: noPayload,
  SIGNED_UP: z.object({ companyId: id }).strict(),
} satisfies Record<string, z.ZodType>;

export type HiringEvent = EventsOf<typeof hiringEventSchemas>;
