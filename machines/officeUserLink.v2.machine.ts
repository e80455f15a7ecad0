import { assign, setup } from 'xstate';
import { failureType, runsAsActivity } from './activityActor.js';
import { defineEngineMachine } from './definition.js';
import { eventRules } from './eventRules.generated.js';
import { payloadRules } from './payloadRules.js';
import { activityFailureTypes } from './failureTypes.js';
import type { OfficeUserLinkV2Event, OfficeUserLinkV2Input } from './officeUserLink.v2.schema.js';

export type { OfficeUserLinkV2Event, OfficeUserLinkV2Input } from './officeUserLink.v2.schema.js';

type Outcome = 'expired' | 'cancelled' | 'deactivated';

export interface OfficeUserLinkV2Context {
  officeUserId: string;
  officeId: string;
  timing: OfficeUserLinkV2Input['timing'];
  identityId: string | null;
  rejections: number;
  /** Reminders sent (automatic and "resend now"); numbers each so a retried send is the same message. */
  reminderCount: number;
  /** Automatic reminders used from `timing.remindDelaysMs`. */
  autoReminders: number;
  /** Added by operators to the wait after the last reminder. */
  extraMs: number;
  managerNotified: boolean;
  /** Notices to the manager about a disconnected agent; numbers each notice. */
  disconnectedNotices: number;
  outcome: Outcome | null;
}

const { managerNotLinked, agentOffline, identityUnusable } = activityFailureTypes;
type ById = { officeUserId: string };

// Each invoked actor runs as the activity of the same name (activities/officeUsers.ts, activities/officeMail.ts).
const actors = {
  checkOfficeUserLink: runsAsActivity<{ managerLinked: boolean; agentOnline: boolean }, ById>(),
  linkOfficeUser: runsAsActivity<void, ById & { identityId: string }>(),
  unlinkOfficeUser: runsAsActivity<void, ById>(),
  checkAgentConnection: runsAsActivity<{ online: boolean }, ById>(),
  sendOfficeLinkReminder: runsAsActivity<void, ById & { reminderNo: number; alsoManager: boolean }>(),
  sendAgentDisconnectedNotice: runsAsActivity<void, ById & { noticeNo: number }>(),
};

export type OfficeUserLinkV2Activity = keyof typeof actors;

const closeAs = (outcome: Outcome) => ({
  target: '#officeUserLink.unlinking',
  actions: assign<OfficeUserLinkV2Context, OfficeUserLinkV2Event, undefined, OfficeUserLinkV2Event, never>({
    outcome,
  }),
});

const verified = {
  target: 'checking',
  actions: assign<OfficeUserLinkV2Context, OfficeUserLinkV2Event, undefined, OfficeUserLinkV2Event, never>({
    identityId: ({ event }) => (event.type === 'CREDENTIALS_VERIFIED' ? event.identityId : null),
  }),
} as const;

const rejected = {
  target: 'credentialsRejected',
  reenter: true,
  actions: 'countRejection',
} as const;

// Both credential waits remind on the same timers, take the same operator nudges and expire alike.
const credentialWait = (self: 'awaitingCredentials' | 'credentialsRejected') =>
  ({
    after: {
      nextReminderDelay: [
        { guard: 'hasRemindersLeft', target: 'remindingOfficeUser', actions: 'countAutoReminder' },
        closeAs('expired'),
      ],
    },
    on: {
      CREDENTIALS_VERIFIED: verified,
      CREDENTIALS_REJECTED: rejected,
      RESEND_NOW: 'remindingOfficeUser',
      EXTEND_DEADLINE: { target: self, reenter: true, actions: 'extendDeadline' },
      CANCEL: closeAs('cancelled'),
    },
  }) as const;

/**
 * Version 2 of the office-user link: version 1's rules (manager first, agent online, verified
 * credentials), plus reminders, an expiry and operator nudges while credentials are awaited, and,
 * once linked, the office agent's connection followed from its heartbeats.
 */
const buildOfficeUserLinkMachineV2 = () =>
  setup({
    types: {} as { input: OfficeUserLinkV2Input; context: OfficeUserLinkV2Context; events: OfficeUserLinkV2Event },
    actors,
    actions: {
      countRejection: assign({ rejections: ({ context }) => context.rejections + 1 }),
      countAutoReminder: assign({ autoReminders: ({ context }) => context.autoReminders + 1 }),
      extendDeadline: assign({
        extraMs: ({ context, event }) =>
          context.extraMs + (event.type === 'EXTEND_DEADLINE' ? event.days : 0) * 86_400_000,
      }),
    },
    delays: {
      recheckDelay: ({ context }) => context.timing.recheckAfterMs,
      nextReminderDelay: ({ context }) =>
        context.timing.remindDelaysMs[context.autoReminders] ?? context.timing.expireAfterMs + context.extraMs,
      heartbeatWindow: ({ context }) => context.timing.heartbeatWindowMs,
      disconnectedRemindDelay: ({ context }) => context.timing.disconnectedRemindAfterMs,
    },
    guards: {
      hasVerifiedIdentity: ({ context }) => context.identityId !== null,
      hasRemindersLeft: ({ context }) => context.autoReminders < context.timing.remindDelaysMs.length,
      wasRejected: ({ context }) => context.rejections > 0,
      isOutcome: ({ context }, outcome: Outcome) => context.outcome === outcome,
    },
  }).createMachine({
    id: 'officeUserLink',
    initial: 'checking',
    context: ({ input }) => ({
      officeUserId: input.officeUserId,
      officeId: input.officeId,
      timing: input.timing,
      identityId: null,
      rejections: 0,
      reminderCount: 0,
      autoReminders: 0,
      extraMs: 0,
      managerNotified: false,
      disconnectedNotices: 0,
      outcome: null,
    }),
    on: { DEACTIVATE: closeAs('deactivated') },
    states: {
      checking: {
        invoke: {
          src: 'checkOfficeUserLink',
          input: ({ context }) => ({ officeUserId: context.officeUserId }),
          onDone: [
            { guard: ({ event }) => !event.output.managerLinked, target: 'awaitingManager' },
            { guard: ({ event }) => !event.output.agentOnline, target: 'awaitingAgent' },
            { guard: 'hasVerifiedIdentity', target: 'linking' },
            { target: 'awaitingCredentials' },
          ],
          onError: 'stepFailed',
        },
      },
      awaitingManager: {
        after: { recheckDelay: 'checking' },
        on: { MANAGER_LINKED: 'checking', RECHECK: 'checking', CANCEL: closeAs('cancelled') },
      },
      awaitingAgent: {
        after: { recheckDelay: 'checking' },
        on: { AGENT_ONLINE: 'checking', RECHECK: 'checking', CANCEL: closeAs('cancelled') },
      },
      awaitingCredentials: credentialWait('awaitingCredentials'),
      // New credentials may be sent as many times as needed; the API slows repeated failures down.
      // A password reset on the portal forgets the rejection: the person may retry at once.
      credentialsRejected: {
        ...credentialWait('credentialsRejected'),
        on: {
          ...credentialWait('credentialsRejected').on,
          PASSWORD_RESET: { target: 'awaitingCredentials', actions: assign({ rejections: 0 }) },
        },
      },
      // The last automatic reminder also tells the office's manager, once.
      remindingOfficeUser: {
        entry: assign({ reminderCount: ({ context }) => context.reminderCount + 1 }),
        invoke: {
          src: 'sendOfficeLinkReminder',
          input: ({ context }) => ({
            officeUserId: context.officeUserId,
            reminderNo: context.reminderCount,
            alsoManager: !context.managerNotified && context.autoReminders >= context.timing.remindDelaysMs.length,
          }),
          onDone: [
            {
              guard: 'wasRejected',
              target: 'credentialsRejected',
              actions: assign({
                managerNotified: ({ context }) =>
                  context.managerNotified || context.autoReminders >= context.timing.remindDelaysMs.length,
              }),
            },
            {
              target: 'awaitingCredentials',
              actions: assign({
                managerNotified: ({ context }) =>
                  context.managerNotified || context.autoReminders >= context.timing.remindDelaysMs.length,
              }),
            },
          ],
          onError: 'reminderFailed',
        },
      },
      reminderFailed: {
        tags: ['stuck'],
        on: {
          RESEND_NOW: 'remindingOfficeUser',
          CANCEL: closeAs('cancelled'),
          CREDENTIALS_VERIFIED: verified,
          CREDENTIALS_REJECTED: rejected,
        },
      },
      linking: {
        invoke: {
          src: 'linkOfficeUser',
          input: ({ context }) => ({ officeUserId: context.officeUserId, identityId: context.identityId ?? '' }),
          onDone: 'linked',
          onError: [
            { guard: ({ event }) => failureType(event.error) === managerNotLinked, target: 'awaitingManager' },
            { guard: ({ event }) => failureType(event.error) === agentOffline, target: 'awaitingAgent' },
            {
              guard: ({ event }) => failureType(event.error) === identityUnusable,
              target: 'credentialsRejected',
              actions: assign({ identityId: null }),
            },
            { target: 'stepFailed' },
          ],
        },
      },
      // Not final: the link is watched while it lasts, and deactivation still has to unlink.
      linked: {
        initial: 'connected',
        on: { RECONNECT: '.checkingConnection' },
        states: {
          connected: { after: { heartbeatWindow: 'checkingConnection' } },
          checkingConnection: {
            invoke: {
              src: 'checkAgentConnection',
              input: ({ context }) => ({ officeUserId: context.officeUserId }),
              onDone: [{ guard: ({ event }) => event.output.online, target: 'connected' }, { target: 'disconnected' }],
              onError: '#officeUserLink.stepFailed',
            },
          },
          disconnected: {
            initial: 'waiting',
            on: { HEARTBEAT: 'connected' },
            states: {
              waiting: { after: { disconnectedRemindDelay: 'remindingManager' } },
              remindingManager: {
                entry: assign({ disconnectedNotices: ({ context }) => context.disconnectedNotices + 1 }),
                invoke: {
                  src: 'sendAgentDisconnectedNotice',
                  input: ({ context }) => ({
                    officeUserId: context.officeUserId,
                    noticeNo: context.disconnectedNotices,
                  }),
                  onDone: 'managerReminded',
                  onError: 'noticeFailed',
                },
              },
              managerReminded: {},
              noticeFailed: { tags: ['stuck'] },
            },
          },
        },
      },
      stepFailed: { tags: ['stuck'], on: { RECHECK: 'checking', CANCEL: closeAs('cancelled') } },
      // Deactivation, cancellation and expiry all unlink: the e-mail is free for another user.
      unlinking: {
        on: { DEACTIVATE: {} }, // already on the way out
        invoke: {
          src: 'unlinkOfficeUser',
          input: ({ context }) => ({ officeUserId: context.officeUserId }),
          onDone: [
            { guard: { type: 'isOutcome', params: 'expired' }, target: 'expired' },
            { guard: { type: 'isOutcome', params: 'cancelled' }, target: 'cancelled' },
            { target: 'deactivated' },
          ],
          onError: 'unlinkFailed',
        },
      },
      unlinkFailed: { tags: ['stuck'], on: { RECHECK: 'unlinking' } },
      deactivated: { type: 'final' },
      expired: { type: 'final' },
      cancelled: { type: 'final' },
    },
    output: ({ context }) => ({
      officeUserId: context.officeUserId,
      identityId: context.identityId,
      outcome: context.outcome ?? 'deactivated',
    }),
  });

/** Version 2, what new processes run; version 1 stays registered for the processes started on it. */
export const officeUserLinkV2 = defineEngineMachine<OfficeUserLinkV2Input>({
  id: 'officeUserLink',
  version: 2,
  build: buildOfficeUserLinkMachineV2,
  eventSchemas: payloadRules(eventRules['officeUserLink@2']),
  entity: (input) => ({ entityType: 'officeUser', entityId: input.officeUserId, officeId: input.officeId }),
});
