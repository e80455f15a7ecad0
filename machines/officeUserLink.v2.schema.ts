import { z } from 'zod';
import type { EventsOf } from './definition.js';
import { officeUserLinkEventSchemas } from './officeUserLink.schema.js';

import { defaultOfficeLinkTimingV2 } from '../domain/settings.js';

/** Rechecks, reminders, expiry and connection health, from configuration (domain/settings.ts). */
export { defaultOfficeLinkTimingV2 };

const id = z.string().min(1).max(64);
const ms = z.number().int().min(1);

// Ids only, as in version 1; the timers come from the server's configuration, never from a caller.
export const officeUserLinkV2InputSchema = z.object({
  officeUserId: id,
  officeId: id,
  timing: z
    .object({
      recheckAfterMs: ms,
      /** Waits before each reminder to the office user while credentials are awaited. */
      remindDelaysMs: z.array(ms).max(10),
      /** Wait after the last reminder (which also tells the manager) before the link expires. */
      expireAfterMs: ms,
      /** How long a linked office may go without an agent heartbeat before it counts as disconnected. */
      heartbeatWindowMs: ms,
      /** How long a link may stay disconnected before the office's manager is told. */
      disconnectedRemindAfterMs: ms,
    })
    .default(defaultOfficeLinkTimingV2),
});

export type OfficeUserLinkV2Input = z.output<typeof officeUserLinkV2InputSchema>;

const noPayload = z.object({}).strict();

export const officeUserLinkV2EventSchemas = {
  ...officeUserLinkEventSchemas,
  RESEND_NOW: noPayload,
  CANCEL: noPayload,
  EXTEND_DEADLINE: z.object({ days: z.number().positive().max(90) }).strict(),
  HEARTBEAT: noPayload,
  RECONNECT: noPayload,
  /** The platform account's password was reset on the portal: rejected credentials are forgotten. */
  PASSWORD_RESET: noPayload,
} satisfies Record<string, z.ZodType>;

export type OfficeUserLinkV2Event = EventsOf<typeof officeUserLinkV2EventSchemas>;
