import { z } from 'zod';
import type { EventsOf } from './definition.js';

const id = z.string().min(1).max(64);

// Ids only: plan ids are catalogue data (domain/accounts/plans.ts), not personal data.
export const planChangeInputSchema = z.object({
  changeId: id,
  companyId: id,
  officeId: id,
  fromPlanId: z.string().min(1).max(40),
  toPlanId: z.string().min(1).max(40),
  /** Wait before the change takes effect: 0 at once, else until the account's next billing date. */
  delayMs: z.number().int().min(0),
});
export type PlanChangeInput = z.output<typeof planChangeInputSchema>;

const noPayload = z.object({}).strict();

export const planChangeEventSchemas = {
  APPLY_NOW: noPayload,
  CANCEL: noPayload,
  RETRY: noPayload,
} satisfies Record<string, z.ZodType>;

export type PlanChangeEvent = EventsOf<typeof planChangeEventSchemas>;
