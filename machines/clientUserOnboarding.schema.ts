import { z } from 'zod';
import type { EventsOf } from './definition.js';

import { defaultOnboardingTiming } from '../domain/settings.js';

/** Field practice: resend on day 3 and day 7, give up a week after the last resend (domain/settings.ts). */
export { defaultOnboardingTiming };

const id = z.string().min(1).max(64);

// Ids only: the process never carries e-mails, names or passwords (activities read the directory).
export const onboardingInputSchema = z.object({
  clientUserId: id,
  officeId: id,
  companyId: id,
  timing: z
    .object({
      /** Waits before each automatic resend, each measured from the previous send. */
      resendDelaysMs: z.array(z.number().int().min(1)).max(10),
      /** Wait after the last resend before the process expires. */
      expireAfterMs: z.number().int().min(1),
    })
    .default(defaultOnboardingTiming),
});

export type OnboardingInput = z.output<typeof onboardingInputSchema>;

const identityRef = z.object({ identityId: id }).strict();
const noPayload = z.object({}).strict();

export const onboardingEventSchemas = {
  // No address here: the API stores the corrected e-mail in the directory first.
  CORRECT_EMAIL: noPayload,
  RESEND_NOW: noPayload,
  CANCEL: noPayload,
  DEACTIVATE: noPayload,
  EXTEND_DEADLINE: z.object({ days: z.number().positive().max(90) }).strict(),
  REGISTERED: identityRef,
  ACCOUNT_LINK_CONFIRMED: identityRef,
  /** The account's password was reset on the portal: the link step gets a fresh link at once. */
  PASSWORD_RESET: noPayload,
} satisfies Record<string, z.ZodType>;

/** Every event the machine takes from outside, as its schema defines it. */
export type OnboardingEvent = EventsOf<typeof onboardingEventSchemas>;
