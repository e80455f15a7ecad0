import { assign, setup } from 'xstate';
import { runsAsActivity } from './activityActor.js';
import type { ConnectionEvent, ConnectionInput } from './connectionRequest.schema.js';
import { defineEngineMachine } from './definition.js';
import { eventRules } from './eventRules.generated.js';
import { payloadRules } from './payloadRules.js';

export type { ConnectionEvent, ConnectionInput } from './connectionRequest.schema.js';

type Outcome = 'rejected' | 'expired' | 'cancelled';
type Route = 'approval' | 'invite' | 'unmatched';

export interface ConnectionContext {
  requestId: string;
  companyId: string;
  timing: { reminderDelaysMs: number[]; expireAfterMs: number };
  /** E-mails sent so far; numbers each send so a retried send is the same message. */
  sendCount: number;
  /** Automatic reminders used in the current wait. */
  reminderCount: number;
  /** Added by operators to the current wait. */
  extraMs: number;
  outcome: Outcome | null;
}

type ById = { requestId: string };

// Each invoked actor runs as the activity of the same name (activities/connectionRequests.ts).
const actors = {
  classifyConnectionRequest: runsAsActivity<{ route: Route }, ById>(),
  sendConnectionInvitation: runsAsActivity<void, ById & { sendNo: number }>(),
  sendConnectionApproval: runsAsActivity<void, ById & { sendNo: number }>(),
  activateConnection: runsAsActivity<void, ById>(),
  finishRevocation: runsAsActivity<void, ById>(),
  closeConnectionRequest: runsAsActivity<void, ById & { outcome: Outcome }>(),
};

export type ConnectionActivity = keyof typeof actors;

const closeAs = (outcome: Outcome) => ({
  target: '#connectionRequest.closing',
  actions: assign<ConnectionContext, ConnectionEvent, undefined, ConnectionEvent, never>({ outcome }),
});

type Sending = 'inviting' | 'requestingApproval';
type Waiting = 'awaitingAccount' | 'awaitingApproval';

const send = <S extends 'sendConnectionInvitation' | 'sendConnectionApproval', N extends Waiting>(src: S, next: N) =>
  ({
    entry: 'countSend',
    invoke: {
      src,
      input: ({ context }: { context: ConnectionContext }) => ({
        requestId: context.requestId,
        sendNo: context.sendCount,
      }),
      onDone: next,
      onError: 'sendFailed',
    },
  }) as const;

const remindThrough = <S extends Sending>(sending: S) =>
  ({
    nextReminderDelay: [{ guard: 'hasRemindersLeft', target: sending, actions: 'countReminder' }, closeAs('expired')],
  }) as const;

const operatorNudges = <W extends Waiting, S extends Sending>(state: W, sending: S) =>
  ({
    RESEND_NOW: sending,
    EXTEND_DEADLINE: { target: state, reenter: true, actions: 'extendDeadline' },
    CANCEL: closeAs('cancelled'),
  }) as const;

/**
 * A connection between an accounting office and a client company, in either direction: the
 * invitation branch when the client has no account yet, the wait for an office when a client's
 * "my accountant" e-mail matches none, then the other side's approval with reminders and expiry,
 * and the connection itself until either side revokes it. Who decided is each transition's actor.
 */
const buildConnectionRequestMachine = () =>
  setup({
    types: {} as { input: ConnectionInput; context: ConnectionContext; events: ConnectionEvent },
    actors,
    actions: {
      countSend: assign({ sendCount: ({ context }) => context.sendCount + 1 }),
      countReminder: assign({ reminderCount: ({ context }) => context.reminderCount + 1 }),
      newWait: assign({ reminderCount: 0, extraMs: 0 }),
      extendDeadline: assign({
        extraMs: ({ context, event }) =>
          context.extraMs + (event.type === 'EXTEND_DEADLINE' ? event.days : 0) * 86_400_000,
      }),
    },
    delays: {
      nextReminderDelay: ({ context }) =>
        context.timing.reminderDelaysMs[context.reminderCount] ?? context.timing.expireAfterMs + context.extraMs,
      // Unmatched, nobody is reminded: the whole time is one wait.
      matchDeadline: ({ context }) =>
        context.timing.reminderDelaysMs.reduce((a, b) => a + b, 0) + context.timing.expireAfterMs + context.extraMs,
    },
    guards: {
      hasRemindersLeft: ({ context }) => context.reminderCount < context.timing.reminderDelaysMs.length,
      routeIs: ({ event }, route: Route) => (event as { output?: { route?: Route } }).output?.route === route,
      isOutcome: ({ context }, outcome: Outcome) => context.outcome === outcome,
    },
  }).createMachine({
    id: 'connectionRequest',
    initial: 'classifying',
    context: ({ input }) => ({
      requestId: input.requestId,
      companyId: input.companyId,
      timing: { reminderDelaysMs: input.timing.reminderDelaysMs, expireAfterMs: input.timing.expireAfterMs },
      sendCount: 0,
      reminderCount: 0,
      extraMs: 0,
      outcome: null,
    }),
    states: {
      classifying: {
        invoke: {
          src: 'classifyConnectionRequest',
          input: ({ context }) => ({ requestId: context.requestId }),
          onDone: [
            { guard: { type: 'routeIs', params: 'invite' }, target: 'inviting' },
            { guard: { type: 'routeIs', params: 'unmatched' }, target: 'awaitingOfficeMatch' },
            { target: 'requestingApproval' },
          ],
          onError: 'stepFailed',
        },
      },
      inviting: send('sendConnectionInvitation', 'awaitingAccount'),
      awaitingAccount: {
        after: remindThrough('inviting'),
        on: {
          ...operatorNudges('awaitingAccount', 'inviting'),
          ACCOUNT_CREATED: { target: 'requestingApproval', actions: 'newWait' },
        },
      },
      awaitingOfficeMatch: {
        after: { matchDeadline: closeAs('expired') },
        on: {
          EXTEND_DEADLINE: { target: 'awaitingOfficeMatch', reenter: true, actions: 'extendDeadline' },
          CANCEL: closeAs('cancelled'),
          OFFICE_MATCHED: { target: 'requestingApproval', actions: 'newWait' },
        },
      },
      requestingApproval: send('sendConnectionApproval', 'awaitingApproval'),
      awaitingApproval: {
        after: remindThrough('requestingApproval'),
        on: {
          ...operatorNudges('awaitingApproval', 'requestingApproval'),
          APPROVE: 'approving',
          REJECT: closeAs('rejected'),
          UNMATCHED: { target: 'awaitingOfficeMatch', actions: 'newWait' },
        },
      },
      approving: {
        invoke: {
          src: 'activateConnection',
          input: ({ context }) => ({ requestId: context.requestId }),
          onDone: 'active',
          onError: 'stepFailed',
        },
      },
      active: { on: { REVOKE: 'revoking' } },
      revoking: {
        invoke: {
          src: 'finishRevocation',
          input: ({ context }) => ({ requestId: context.requestId }),
          onDone: 'revoked',
          onError: 'revokeFailed',
        },
      },
      revokeFailed: { tags: ['stuck'], on: { REVOKE: 'revoking' } },
      sendFailed: { tags: ['stuck'], on: { RESEND_NOW: 'classifying', CANCEL: closeAs('cancelled') } },
      stepFailed: { tags: ['stuck'], on: { RESEND_NOW: 'classifying', CANCEL: closeAs('cancelled') } },
      closing: {
        invoke: {
          src: 'closeConnectionRequest',
          input: ({ context }) => ({ requestId: context.requestId, outcome: context.outcome ?? 'cancelled' }),
          onDone: [
            { guard: { type: 'isOutcome', params: 'rejected' }, target: 'rejected' },
            { guard: { type: 'isOutcome', params: 'expired' }, target: 'expired' },
            { target: 'cancelled' },
          ],
          onError: 'closeFailed',
        },
      },
      closeFailed: { tags: ['stuck'], on: { CANCEL: 'closing' } },
      revoked: { type: 'final' },
      rejected: { type: 'final' },
      expired: { type: 'final' },
      cancelled: { type: 'final' },
    },
    output: ({ context }) => ({ requestId: context.requestId, outcome: context.outcome, sendCount: context.sendCount }),
  });

/** Version 1, what the workflow runs. */
export const connectionRequestV1 = defineEngineMachine<ConnectionInput>({
  id: 'connectionRequest',
  version: 1,
  build: buildConnectionRequestMachine,
  eventSchemas: payloadRules(eventRules['connectionRequest@1']),
  entity: (input) => ({ entityType: 'connectionRequest', entityId: input.requestId, officeId: input.officeId }),
});
