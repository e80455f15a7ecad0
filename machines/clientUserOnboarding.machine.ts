import { assign, setup } from 'xstate';
import { runsAsActivity } from './activityActor.js';
import type { OnboardingEvent, OnboardingInput } from './clientUserOnboarding.schema.js';
import { defineEngineMachine } from './definition.js';
import { eventRules } from './eventRules.generated.js';
import { payloadRules } from './payloadRules.js';

export type { OnboardingEvent, OnboardingInput } from './clientUserOnboarding.schema.js';

type Outcome = 'expired' | 'cancelled' | 'deactivated';
type Purpose = 'register' | 'link';

export interface OnboardingContext extends Required<Pick<OnboardingInput, 'clientUserId' | 'officeId' | 'companyId'>> {
  timing: { resendDelaysMs: number[]; expireAfterMs: number };
  /** Registration e-mails sent so far; numbers each send so a retried send is the same message. */
  sendCount: number;
  /** Automatic resends used from `timing.resendDelaysMs`. */
  resendCount: number;
  /** Added by operators to the wait after the last resend. */
  extraMs: number;
  purpose: Purpose | null;
  identityId: string | null;
  outcome: Outcome | null;
}

type ById = { clientUserId: string };

// Each invoked actor runs as the activity of the same name (activities/clientUsers.ts, activities/mail.ts).
const actors = {
  classifyClientUserEmail: runsAsActivity<{ existingAccount: boolean }, ById>(),
  registerWithPlaceholder: runsAsActivity<void, ById>(),
  correctClientUserEmail: runsAsActivity<void, ById>(),
  sendRegistrationEmail: runsAsActivity<{ purpose: Purpose }, ById & { sendNo: number }>(),
  completeClientUserRegistration: runsAsActivity<void, ById & { identityId: string }>(),
  linkClientUserIdentity: runsAsActivity<void, ById & { identityId: string }>(),
  closeClientUserOnboarding: runsAsActivity<void, ById & { outcome: Outcome }>(),
};

export type OnboardingActivity = keyof typeof actors;

const closeAs = (outcome: Outcome) => ({
  target: '#clientUserOnboarding.closing',
  actions: assign<OnboardingContext, OnboardingEvent, undefined, OnboardingEvent, never>({ outcome }),
});

// What an operator may do while the process waits for the user or is stuck on a failed step.
const nudges = {
  CORRECT_EMAIL: '#clientUserOnboarding.correctingEmail',
  RESEND_NOW: '#clientUserOnboarding.resendingRegistration',
  CANCEL: closeAs('cancelled'),
} as const;

// Both waiting states (for a registration, for a link) remind on the same timers and extend alike.
const remindOrExpire = {
  nextReminderDelay: [
    { guard: 'hasResendsLeft', target: 'resendingRegistration', actions: 'countResend' },
    closeAs('expired'),
  ],
} as const;

// The first send and every resend are the same step; two states keep the resend visible in the diagram.
const sendRegistration = {
  entry: 'countSend',
  invoke: {
    src: 'sendRegistrationEmail',
    input: ({ context }: { context: OnboardingContext }) => ({
      clientUserId: context.clientUserId,
      sendNo: context.sendCount,
    }),
    onDone: [
      { guard: 'sentLinkInvitation', target: 'awaitingLink', actions: 'rememberLinkPurpose' },
      { target: 'awaitingRegistration', actions: 'rememberRegisterPurpose' },
    ],
    onError: 'sendFailed',
  },
} as const;

const extendDeadlineIn = (state: 'awaitingRegistration' | 'awaitingLink') =>
  ({ target: state, reenter: true, actions: 'extendDeadline' }) as const;

/**
 * Onboards a client user: a new e-mail gets a registration e-mail; an e-mail whose account is
 * already used elsewhere follows the field procedure (placeholder, correction, resend, link
 * with the existing password). Timers resend and finally expire; operators can nudge.
 */
const buildClientUserOnboardingMachine = () =>
  setup({
    types: {} as { input: OnboardingInput; context: OnboardingContext; events: OnboardingEvent },
    actors,
    actions: {
      countSend: assign({ sendCount: ({ context }) => context.sendCount + 1 }),
      rememberLinkPurpose: assign({ purpose: 'link' as const }),
      rememberRegisterPurpose: assign({ purpose: 'register' as const }),
      countResend: assign({ resendCount: ({ context }) => context.resendCount + 1 }),
      extendDeadline: assign({
        extraMs: ({ context, event }) =>
          context.extraMs + (event.type === 'EXTEND_DEADLINE' ? event.days : 0) * 86_400_000,
      }),
    },
    delays: {
      // One timer per wait: the next automatic resend, or after the last one the expiry.
      nextReminderDelay: ({ context }) =>
        context.timing.resendDelaysMs[context.resendCount] ?? context.timing.expireAfterMs + context.extraMs,
    },
    guards: {
      hasResendsLeft: ({ context }) => context.resendCount < context.timing.resendDelaysMs.length,
      // An invoke's done event is not in the machine's event union, hence the narrowing.
      sentLinkInvitation: ({ event }) => (event as { output?: { purpose?: Purpose } }).output?.purpose === 'link',
      isOutcome: ({ context }, outcome: Outcome) => context.outcome === outcome,
    },
  }).createMachine({
    id: 'clientUserOnboarding',
    initial: 'checkingEmail',
    context: ({ input }) => ({
      clientUserId: input.clientUserId,
      officeId: input.officeId,
      companyId: input.companyId,
      timing: { resendDelaysMs: input.timing.resendDelaysMs, expireAfterMs: input.timing.expireAfterMs },
      sendCount: 0,
      resendCount: 0,
      extraMs: 0,
      purpose: null,
      identityId: null,
      outcome: null,
    }),
    on: { DEACTIVATE: closeAs('deactivated') },
    states: {
      checkingEmail: {
        invoke: {
          src: 'classifyClientUserEmail',
          input: ({ context }) => ({ clientUserId: context.clientUserId }),
          onDone: [
            { guard: ({ event }) => event.output.existingAccount, target: 'registeringWithPlaceholder' },
            { target: 'sendingRegistration' },
          ],
          onError: 'stepFailed',
        },
      },
      sendingRegistration: sendRegistration,
      // Step 1 of the field procedure: the portal access exists, but under an address nobody receives.
      registeringWithPlaceholder: {
        invoke: {
          src: 'registerWithPlaceholder',
          input: ({ context }) => ({ clientUserId: context.clientUserId }),
          onDone: 'correctingEmail',
          onError: 'stepFailed',
        },
      },
      // Step 2 (and every operator correction): the contact e-mail becomes the real, pending one.
      correctingEmail: {
        invoke: {
          src: 'correctClientUserEmail',
          input: ({ context }) => ({ clientUserId: context.clientUserId }),
          onDone: 'resendingRegistration',
          onError: 'stepFailed',
        },
      },
      // Step 3, timer resends and "resend now": the same send, numbered anew.
      resendingRegistration: sendRegistration,
      awaitingRegistration: {
        after: remindOrExpire,
        on: {
          ...nudges,
          EXTEND_DEADLINE: extendDeadlineIn('awaitingRegistration'),
          REGISTERED: {
            target: 'completingRegistration',
            actions: assign({ identityId: ({ event }) => event.identityId }),
          },
        },
      },
      // Step 4: the user proves ownership of the existing account with its password.
      awaitingLink: {
        after: remindOrExpire,
        on: {
          ...nudges,
          EXTEND_DEADLINE: extendDeadlineIn('awaitingLink'),
          ACCOUNT_LINK_CONFIRMED: {
            target: 'linkingAccounts',
            actions: assign({ identityId: ({ event }) => event.identityId }),
          },
          // The person reset the account's password on the portal: a fresh link, so they can link at once.
          PASSWORD_RESET: 'resendingRegistration',
        },
      },
      completingRegistration: {
        invoke: {
          src: 'completeClientUserRegistration',
          input: ({ context }) => ({ clientUserId: context.clientUserId, identityId: context.identityId ?? '' }),
          onDone: 'registered',
          onError: 'stepFailed',
        },
      },
      linkingAccounts: {
        invoke: {
          src: 'linkClientUserIdentity',
          input: ({ context }) => ({ clientUserId: context.clientUserId, identityId: context.identityId ?? '' }),
          onDone: 'linked',
          onError: 'stepFailed',
        },
      },
      sendFailed: { tags: ['stuck'], on: nudges },
      stepFailed: { tags: ['stuck'], on: nudges },
      closing: {
        on: { DEACTIVATE: {} }, // already on the way out
        invoke: {
          src: 'closeClientUserOnboarding',
          input: ({ context }) => ({ clientUserId: context.clientUserId, outcome: context.outcome ?? 'cancelled' }),
          onDone: [
            { guard: { type: 'isOutcome', params: 'expired' }, target: 'expired' },
            { guard: { type: 'isOutcome', params: 'deactivated' }, target: 'deactivated' },
            { target: 'cancelled' },
          ],
          onError: 'closeFailed',
        },
      },
      closeFailed: { tags: ['stuck'], on: { CANCEL: 'closing' } },
      registered: { type: 'final' },
      linked: { type: 'final' },
      expired: { type: 'final' },
      cancelled: { type: 'final' },
      deactivated: { type: 'final' },
    },
    output: ({ context }) => ({
      clientUserId: context.clientUserId,
      identityId: context.identityId,
      sendCount: context.sendCount,
      outcome: context.outcome,
    }),
  });

/** Version 1, what the workflow runs: the statechart, its refusal rules and its entity. */
export const clientUserOnboardingV1 = defineEngineMachine<OnboardingInput>({
  id: 'clientUserOnboarding',
  version: 1,
  build: buildClientUserOnboardingMachine,
  eventSchemas: payloadRules(eventRules['clientUserOnboarding@1']),
  entity: (input) => ({ entityType: 'clientUser', entityId: input.clientUserId, officeId: input.officeId }),
});
