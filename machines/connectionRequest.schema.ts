import { z } from 'zod';
import type { EventsOf } from './definition.js';
import { defaultConnectionTiming } from '../domain/settings.js';

const id = z.string().min(1).max(64);

// Ids only: e-mails, names and phones stay in the connectionRequests row, read by activities.
export const connectionInputSchema = z.object({
  requestId: id,
  companyId: id,
  /** The office when known at the start; a client's "my accountant" request may have none yet. */
  officeId: id.optional(),
  timing: z
    .object({
      /** Waits before each reminder, each measured from the previous send. */
      reminderDelaysMs: z.array(z.number().int().min(1)).max(10),
      /** Wait after the last reminder (or, unmatched, after the request) before it expires. */
      expireAfterMs: z.number().int().min(1),
    })
    .default(defaultConnectionTiming),
});

export type ConnectionInput = z.output<typeof connectionInputSchema>;

const noPayload = z.object({}).strict();

export const connectionEventSchemas = {
  RESEND_NOW: noPayload,
  EXTEND_DEADLINE: z.object({ days: z.number().positive().max(90) }).strict(),
  CANCEL: noPayload,
  /** The invited client created the account (the portal). */
  ACCOUNT_CREATED: noPayload,
  /** An office added the accountant's e-mail to its linked e-mails. */
  OFFICE_MATCHED: noPayload,
  /** The linked e-mail that matched was removed before a decision. */
  UNMATCHED: noPayload,
  APPROVE: noPayload,
  REJECT: noPayload,
  REVOKE: noPayload,
} satisfies Record<string, z.ZodType>;

export type ConnectionEvent = EventsOf<typeof connectionEventSchemas>;
