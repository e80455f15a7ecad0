import { z } from 'zod';
import { defaultContractTiming } from '../domain/settings.js';
import type { EventsOf } from './definition.js';

/** Trial of 30 days with reminders 7 and 1 days before its end; cancelled 60 days after a block (domain/settings.ts). */
export { defaultContractTiming };

export const contractStatuses = ['Teste', 'Efetivado', 'Bloqueado', 'Cancelado'] as const;
export type ContractStatus = (typeof contractStatuses)[number];

const id = z.string().min(1).max(64);

// Ids only: the payer's address and the company's name stay in the directory.
export const contractInputSchema = z.object({
  companyId: id,
  officeId: id,
  timing: z
    .object({
      /** Waits before each reminder to the payer, each measured from the previous one (or the start). */
      reminderDelaysMs: z.array(z.number().int().min(1)).max(10),
      /** Wait after the last reminder before an unconfirmed trial is blocked. */
      trialEndAfterMs: z.number().int().min(1),
      /** How long an account stays blocked before it is cancelled. */
      cancelAfterBlockedMs: z.number().int().min(1),
    })
    .default(defaultContractTiming),
});

export type ContractInput = z.output<typeof contractInputSchema>;

const noPayload = z.object({}).strict();

export const contractEventSchemas = {
  CONFIRM: noPayload,
  BLOCK: noPayload,
  UNBLOCK: noPayload,
  CANCEL: noPayload,
  RETRY: noPayload,
} satisfies Record<string, z.ZodType>;

/** Every event the machine takes from outside. */
export type ContractEvent = EventsOf<typeof contractEventSchemas>;
