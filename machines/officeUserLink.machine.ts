import { assign, setup } from 'xstate';
import { failureType, runsAsActivity } from './activityActor.js';
import { defineEngineMachine } from './definition.js';
import { eventRules } from './eventRules.generated.js';
import { payloadRules } from './payloadRules.js';
import { activityFailureTypes } from './failureTypes.js';
import type { OfficeUserLinkEvent, OfficeUserLinkInput } from './officeUserLink.schema.js';

export type { OfficeUserLinkEvent, OfficeUserLinkInput } from './officeUserLink.schema.js';

export interface OfficeUserLinkContext {
  officeUserId: string;
  officeId: string;
  timing: { recheckAfterMs: number };
  /** The platform account whose credentials were verified; kept while waiting for the agent. */
  identityId: string | null;
  rejections: number;
}

interface Prerequisites {
  managerLinked: boolean;
  agentOnline: boolean;
}

// The link activity re-checks what `checking` saw; these failure types send the process back to wait.
const { managerNotLinked, agentOffline, identityUnusable } = activityFailureTypes;

// Each invoked actor runs as the activity of the same name (activities/officeUsers.ts).
const actors = {
  checkOfficeUserLink: runsAsActivity<Prerequisites, { officeUserId: string }>(),
  linkOfficeUser: runsAsActivity<void, { officeUserId: string; identityId: string }>(),
  unlinkOfficeUser: runsAsActivity<void, { officeUserId: string }>(),
};

export type OfficeUserLinkActivity = keyof typeof actors;

/**
 * Links an office user to a platform account, following the field's rules: the office's manager
 * is linked before any staff user, the office's communication agent must be online, and the
 * credentials are verified (by the API; only the outcome arrives). Deactivation unlinks.
 */
const buildOfficeUserLinkMachine = () =>
  setup({
    types: {} as { input: OfficeUserLinkInput; context: OfficeUserLinkContext; events: OfficeUserLinkEvent },
    actors,
    delays: { recheckDelay: ({ context }) => context.timing.recheckAfterMs },
    guards: {
      hasVerifiedIdentity: ({ context }) => context.identityId !== null,
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
    }),
    on: { DEACTIVATE: '.unlinking' },
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
        on: { MANAGER_LINKED: 'checking', RECHECK: 'checking' },
      },
      awaitingAgent: {
        after: { recheckDelay: 'checking' },
        on: { AGENT_ONLINE: 'checking', RECHECK: 'checking' },
      },
      awaitingCredentials: {
        on: {
          CREDENTIALS_VERIFIED: {
            target: 'checking',
            actions: assign({ identityId: ({ event }) => event.identityId }),
          },
          CREDENTIALS_REJECTED: {
            target: 'credentialsRejected',
            actions: assign({ rejections: ({ context }) => context.rejections + 1 }),
          },
        },
      },
      // New credentials may be sent as many times as needed; the API slows repeated failures down.
      credentialsRejected: {
        on: {
          CREDENTIALS_VERIFIED: {
            target: 'checking',
            actions: assign({ identityId: ({ event }) => event.identityId }),
          },
          CREDENTIALS_REJECTED: {
            target: 'credentialsRejected',
            reenter: true,
            actions: assign({ rejections: ({ context }) => context.rejections + 1 }),
          },
        },
      },
      linking: {
        invoke: {
          src: 'linkOfficeUser',
          input: ({ context }) => ({ officeUserId: context.officeUserId, identityId: context.identityId ?? '' }),
          onDone: 'linked',
          onError: [
            {
              guard: ({ event }) => failureType(event.error) === managerNotLinked,
              target: 'awaitingManager',
            },
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
      // Not final: deactivation later still has to unlink.
      linked: {},
      stepFailed: { tags: ['stuck'], on: { RECHECK: 'checking' } },
      unlinking: {
        on: { DEACTIVATE: {} }, // already on the way out
        invoke: {
          src: 'unlinkOfficeUser',
          input: ({ context }) => ({ officeUserId: context.officeUserId }),
          onDone: 'deactivated',
          onError: 'unlinkFailed',
        },
      },
      unlinkFailed: { tags: ['stuck'], on: { RECHECK: 'unlinking' } },
      deactivated: { type: 'final' },
    },
    output: ({ context }) => ({ officeUserId: context.officeUserId, identityId: context.identityId }),
  });

/** Version 1, what the workflow runs: the statechart, its refusal rules and its entity. */
export const officeUserLinkV1 = defineEngineMachine<OfficeUserLinkInput>({
  id: 'officeUserLink',
  version: 1,
  build: buildOfficeUserLinkMachine,
  eventSchemas: payloadRules(eventRules['officeUserLink@1']),
  entity: (input) => ({ entityType: 'officeUser', entityId: input.officeUserId, officeId: input.officeId }),
});
