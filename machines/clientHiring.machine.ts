import { assign, setup } from 'xstate';
import { runsAsActivity } from './activityActor.js';
import type { HiringEvent, HiringInput } from './clientHiring.schema.js';
import { defineEngineMachine } from './definition.js';
import { eventRules } from './eventRules.generated.js';
import { payloadRules } from './payloadRules.js';

export type { HiringEvent, HiringInput } from './clientHiring.schema.js';

type Outcome = 'expired' | 'cancelled';

export interface HiringContext extends Pick<HiringInput, 'hiringId' | 'officeId' | 'timing'> {
  sendCount: number;
  resendCount: number;
  extraMs: number;
  companyId: string | null;
  outcome: Outcome | null;
}

type ById = { hiringId: string };

// Each invoked actor runs as the activity of the same name (activities/hiring.ts).
const actors = {
  sendHiringLink: runsAsActivity<void, ById & { sendNo: number }>(),
  closeHiringLink: runsAsActivity<void, ById & { outcome: Outcome }>(),
};

export type HiringActivity = keyof typeof actors;

const closeAs = (outcome: Outcome) => ({
  target: '#clientHiring.closing',
  actions: assign<HiringContext, HiringEvent, undefined, HiringEvent, never>({ outcome }),
});

const sendLink = {
  entry: 'countSend',
  invoke: {
    src: 'sendHiringLink',
    input: ({ context }: { context: HiringContext }) => ({ hiringId: context.hiringId, sendNo: context.sendCount }),
    onDone: 'awaitingSignUp',
    onError: 'sendFailed',
  },
} as const;

/**
 * A hiring link sent by an office: reminders on timers, expiry, or the client signs up on the
 * portal (the portal writes the company, its admin and its contract, then tells the process).
 */
const buildClientHiringMachine = () =>
  setup({
    types: {} as { input: HiringInput; context: HiringContext; events: HiringEvent },
    actors,
    actions: {
      countSend: assign({ sendCount: ({ context }) => context.sendCount + 1 }),
      countResend: assign({ resendCount: ({ context }) => context.resendCount + 1 }),
      extendDeadline: assign({
        extraMs: ({ context, event }) =>
          context.extraMs + (event.type === 'EXTEND_DEADLINE' ? event.days : 0) * 86_400_000,
      }),
    },
    delays: {
      nextReminderDelay: ({ context }) =>
        context.timing.resendDelaysMs[context.resendCount] ?? context.timing.expireAfterMs + context.extraMs,
    },
    guards: {
      hasResendsLeft: ({ context }) => context.resendCount < context.timing.resendDelaysMs.length,
      isExpiring: ({ context }) => context.outcome === 'expired',
    },
  }).createMachine({
    id: 'clientHiring',
    initial: 'sending',
    context: ({ input }) => ({
      hiringId: input.hiringId,
      officeId: input.officeId,
      timing: input.timing,
      sendCount: 0,
      resendCount: 0,
      extraMs: 0,
      companyId: null,
      outcome: null,
    }),
    on: {
      SIGNED_UP: { target: '.signedUp', actions: assign({ companyId: ({ event }) => event.companyId }) },
    },
    states: {
      sending: sendLink,
      reminding: sendLink,
      awaitingSignUp: {
        after: {
          nextReminderDelay: [
            { guard: 'hasResendsLeft', target: 'reminding', actions: 'countResend' },
            closeAs('expired'),
          ],
        },
        on: {
          RESEND_NOW: 'reminding',
          EXTEND_DEADLINE: { target: 'awaitingSignUp', reenter: true, actions: 'extendDeadline' },
          CANCEL: closeAs('cancelled'),
        },
      },
      sendFailed: { tags: ['stuck'], on: { RESEND_NOW: 'reminding', CANCEL: closeAs('cancelled') } },
      closing: {
        on: { SIGNED_UP: {} }, // the portal refuses a link once it is being closed
        invoke: {
          src: 'closeHiringLink',
          input: ({ context }) => ({ hiringId: context.hiringId, outcome: context.outcome ?? 'cancelled' }),
          onDone: [{ guard: 'isExpiring', target: 'expired' }, { target: 'cancelled' }],
          onError: 'closeFailed',
        },
      },
      closeFailed: { tags: ['stuck'], on: { CANCEL: 'closing' } },
      signedUp: { type: 'final' },
      expired: { type: 'final' },
      cancelled: { type: 'final' },
    },
    output: ({ context }) => ({ hiringId: context.hiringId, companyId: context.companyId, outcome: context.outcome }),
  });

/** Version 1, what the workflow runs. */
export const clientHiringV1 = defineEngineMachine<HiringInput>({
  id: 'clientHiring',
  version: 1,
  build: buildClientHiringMachine,
  eventSchemas: payloadRules(eventRules['clientHiring@1']),
  entity: (input) => ({ entityType: 'hiringLink', entityId: input.hiringId, officeId: input.officeId }),
});
