import { z } from 'zod';
import type { EventsOf } from './definition.js';

import { defaultOfficeLinkTiming } from '../domain/settings.js';

/** How often a waiting link looks again by itself, in case a notification was missed (domain/settings.ts). */
export { defaultOfficeLinkTiming };

const id = z.string().min(1).max(64);

// Ids only: credentials are verified by the API, which sends just the outcome.
export const officeUserLinkInputSchema = z.object({
  officeUserId: id,
  officeId: id,
  timing: z.object({ recheckAfterMs: z.number().int().min(1) }).default(defaultOfficeLinkTiming),
});

export type OfficeUserLinkInput = z.output<typeof officeUserLinkInputSchema>;

const noPayload = z.object({}).strict();

export const officeUserLinkEventSchemas = {
  RECHECK: noPayload,
  MANAGER_LINKED: noPayload,
  AGENT_ONLINE: noPayload,
  CREDENTIALS_REJECTED: noPayload,
  DEACTIVATE: noPayload,
  CREDENTIALS_VERIFIED: z.object({ identityId: id }).strict(),
} satisfies Record<string, z.ZodType>;

/** Every event the machine takes from outside, as its schema defines it. */
export type OfficeUserLinkEvent = EventsOf<typeof officeUserLinkEventSchemas>;
