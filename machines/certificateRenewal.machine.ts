import { assign, setup } from 'xstate';
import { runsAsActivity } from './activityActor.js';
import type { CertificateRenewalInput } from './certificateRenewal.schema.js';
import { defineEngineMachine } from './definition.js';
import { eventRules } from './eventRules.generated.js';
import { payloadRules } from './payloadRules.js';

export type { CertificateRenewalInput } from './certificateRenewal.schema.js';

/** Where the company's certificate stands, as the planning activity reads it from the store. */
export type CertificatePhase = 'missing' | 'valid' | 'expiringSoon' | 'expired';

/** What to wait for next: a reminder (how long before expiry it is due) or the expiry itself. */
export interface CertificatePlan {
  phase: CertificatePhase;
  certificateId: string | null;
  validUntil: string | null;
  waitMs: number;
  next: { kind: 'remind'; beforeMs: number } | { kind: 'expire' } | null;
}

export type ValidationResult = { ok: true; validUntil: string } | { ok: false; code: string };

export interface CertificateRenewalContext extends Pick<CertificateRenewalInput, 'companyId' | 'officeId' | 'timing'> {
  plan: CertificatePlan | null;
  /** The upload being validated. */
  uploadId: string | null;
  /** Why the last upload was refused (a code from the validator); cleared by a good one. */
  lastRejection: string | null;
  renewals: number;
  /** Reminders an operator asked for; numbers them so a retried send is the same message. */
  manualReminders: number;
  /** The reminder being sent: its idempotency key (certificate and mark, or a manual number). */
  reminderKey: string | null;
  /** The last timed reminder sent, so a reminder due while the worker was down is sent once, late. */
  lastReminder: { certificateId: string; beforeMs: number } | null;
}

export type CertificateRenewalEvent =
  { type: 'UPLOADED'; certificateId: string } | { type: 'RESEND_NOW' } | { type: 'CANCEL' };

const byCompany = ({ context }: { context: CertificateRenewalContext }) => ({ companyId: context.companyId });
const planned = (phase: CertificatePhase) => ({
  guard: ({ event }: { event: unknown }) => (event as { output?: CertificatePlan }).output?.phase === phase,
  target: phase === 'expired' ? 'blockingInvoices' : phase,
  actions: 'rememberPlan' as const,
});

// An upload is taken in every waiting state; the rejection path re-plans, so it lands back where it was.
const upload = {
  UPLOADED: { target: '#certificateRenewal.validating', actions: 'rememberUpload' },
  CANCEL: '#certificateRenewal.cancelled',
} as const;
const remindNow = { RESEND_NOW: { target: '#certificateRenewal.reminding', actions: 'manualReminder' } } as const;
const planIn = (reenter: string) => ({
  invoke: {
    src: 'planCertificateRenewal' as const,
    input: ({ context }: { context: CertificateRenewalContext }) => ({
      companyId: context.companyId,
      remindBeforeMs: context.timing.remindBeforeMs,
      lastReminder: context.lastReminder,
    }),
    onDone: [planned('missing'), planned('valid'), planned('expiringSoon'), planned('expired')],
    onError: reenter,
  },
});

const actors = {
  planCertificateRenewal: runsAsActivity<
    CertificatePlan,
    { companyId: string; remindBeforeMs: number[]; lastReminder: CertificateRenewalContext['lastReminder'] }
  >(),
  validateCertificate: runsAsActivity<ValidationResult, { companyId: string; certificateId: string }>(),
  sendCertificateReminder: runsAsActivity<void, { companyId: string; reminderKey: string }>(),
  blockCompanyInvoicing: runsAsActivity<void, { companyId: string }>(),
};

export type CertificateRenewalActivity = keyof typeof actors;

/**
 * Watches one company's A1 certificate for years: reminders before expiry, the company blocked
 * from invoicing when it expires, and each upload validated (the store holds the file; the
 * process carries its id). After each renewal the run continues as new, keeping its timers.
 */
const buildCertificateRenewalMachine = () =>
  setup({
    types: {} as {
      input: CertificateRenewalInput;
      context: CertificateRenewalContext;
      events: CertificateRenewalEvent;
    },
    actors,
    actions: {
      rememberPlan: assign({ plan: ({ event }) => (event as unknown as { output: CertificatePlan }).output }),
      rememberUpload: assign({ uploadId: ({ event }) => (event.type === 'UPLOADED' ? event.certificateId : null) }),
      manualReminder: assign({
        manualReminders: ({ context }) => context.manualReminders + 1,
        reminderKey: ({ context }) => `manual:${context.manualReminders + 1}`,
      }),
      timedReminder: assign({
        reminderKey: ({ context }) => {
          const next = context.plan?.next;
          return `${context.plan?.certificateId}:${next?.kind === 'remind' ? next.beforeMs : 'expire'}`;
        },
        lastReminder: ({ context }) => {
          const next = context.plan?.next;
          const certificateId = context.plan?.certificateId;
          return next?.kind === 'remind' && certificateId
            ? { certificateId, beforeMs: next.beforeMs }
            : context.lastReminder;
        },
      }),
    },
    delays: { planned: ({ context }) => Math.max(1, context.plan?.waitMs ?? 1) },
    guards: {
      reminderDue: ({ context }) => context.plan?.next?.kind === 'remind',
      accepted: ({ event }) => (event as unknown as { output: ValidationResult }).output.ok,
    },
  }).createMachine({
    id: 'certificateRenewal',
    initial: 'checking',
    context: ({ input }) => ({
      companyId: input.companyId,
      officeId: input.officeId,
      timing: input.timing,
      plan: null,
      uploadId: null,
      lastRejection: null,
      renewals: 0,
      manualReminders: 0,
      reminderKey: null,
      lastReminder: null,
    }),
    states: {
      checking: planIn('planFailed'),
      // Entered only after a renewal: its tag asks the interpreter to continue as new once quiet.
      checkingRenewed: { tags: ['continueAsNew'], ...planIn('planFailed') },
      missing: { on: upload },
      valid: {
        after: {
          planned: [{ guard: 'reminderDue', target: 'reminding', actions: 'timedReminder' }, { target: 'checking' }],
        },
        on: { ...upload, ...remindNow },
      },
      expiringSoon: {
        after: {
          planned: [{ guard: 'reminderDue', target: 'reminding', actions: 'timedReminder' }, { target: 'checking' }],
        },
        on: { ...upload, ...remindNow },
      },
      reminding: {
        invoke: {
          src: 'sendCertificateReminder',
          input: ({ context }) => ({ companyId: context.companyId, reminderKey: context.reminderKey ?? '' }),
          onDone: 'checking',
          onError: 'reminderFailed',
        },
        on: { CANCEL: 'cancelled' },
      },
      blockingInvoices: {
        invoke: { src: 'blockCompanyInvoicing', input: byCompany, onDone: 'expired', onError: 'planFailed' },
      },
      expired: { on: { ...upload, ...remindNow } },
      validating: {
        invoke: {
          src: 'validateCertificate',
          input: ({ context }) => ({ companyId: context.companyId, certificateId: context.uploadId ?? '' }),
          onDone: [
            {
              guard: 'accepted',
              target: 'checkingRenewed',
              actions: assign({ lastRejection: null, uploadId: null, renewals: ({ context }) => context.renewals + 1 }),
            },
            {
              target: 'checking',
              actions: assign({
                uploadId: null,
                lastRejection: ({ event }) => {
                  const output = (event as unknown as { output: ValidationResult }).output;
                  return output.ok ? null : output.code;
                },
              }),
            },
          ],
          onError: 'validationFailed',
        },
        on: { CANCEL: 'cancelled' },
      },
      planFailed: { tags: ['stuck'], on: { RESEND_NOW: 'checking', ...upload } },
      reminderFailed: { tags: ['stuck'], on: { RESEND_NOW: 'reminding', ...upload } },
      validationFailed: { tags: ['stuck'], on: { ...upload } },
      cancelled: { type: 'final' },
    },
    output: ({ context }) => ({ companyId: context.companyId, renewals: context.renewals }),
  });

export const certificateRenewalV1 = defineEngineMachine<CertificateRenewalInput>({
  id: 'certificateRenewal',
  version: 1,
  build: buildCertificateRenewalMachine,
  eventSchemas: payloadRules(eventRules['certificateRenewal@1']),
  entity: (input) => ({ entityType: 'company', entityId: input.companyId, officeId: input.officeId }),
});
