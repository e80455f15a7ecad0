import { setup } from 'xstate';
import { runsAsActivity } from './activityActor.js';
import { defineEngineMachine } from './definition.js';
import { eventRules } from './eventRules.generated.js';
import { payloadRules } from './payloadRules.js';
import type { KeyRotationEvent, KeyRotationInput } from './integrationKeyRotation.schema.js';

export type { KeyRotationInput } from './integrationKeyRotation.schema.js';

type Ref = { keyId: string; companyId: string };
const actors = {
  sendKeyGraceReminder: runsAsActivity<void, Ref>(),
  revokePreviousKeys: runsAsActivity<void, Ref>(),
};
export type KeyRotationActivity = keyof typeof actors;

const revokeNow = { REVOKE_NOW: 'revoking' } as const;
const ref = ({ context }: { context: KeyRotationInput }) => ({ keyId: context.keyId, companyId: context.companyId });

/** A new integration key: the previous ones keep working for a grace period (with a reminder), then are revoked. */
const buildIntegrationKeyRotationMachine = () =>
  setup({
    types: {} as { input: KeyRotationInput; context: KeyRotationInput; events: KeyRotationEvent },
    actors,
    delays: {
      untilReminder: ({ context }) => Math.max(1, context.timing.graceMs - context.timing.reminderBeforeMs),
      afterReminder: ({ context }) => Math.max(1, Math.min(context.timing.reminderBeforeMs, context.timing.graceMs)),
    },
    guards: { hasGrace: ({ context }) => context.timing.graceMs > 0 },
  }).createMachine({
    id: 'integrationKeyRotation',
    initial: 'starting',
    context: ({ input }) => input,
    states: {
      starting: { always: [{ guard: 'hasGrace', target: 'inGrace' }, { target: 'revoking' }] },
      inGrace: { after: { untilReminder: 'remindingAdmins' }, on: revokeNow },
      remindingAdmins: {
        invoke: { src: 'sendKeyGraceReminder', input: ref, onDone: 'endingGrace', onError: 'endingGrace' },
        on: revokeNow,
      },
      endingGrace: { after: { afterReminder: 'revoking' }, on: revokeNow },
      revoking: {
        invoke: { src: 'revokePreviousKeys', input: ref, onDone: 'revoked', onError: 'revokeFailed' },
      },
      revokeFailed: { tags: ['stuck'], on: revokeNow },
      revoked: { type: 'final' },
    },
  });

export const integrationKeyRotationV1 = defineEngineMachine<KeyRotationInput>({
  id: 'integrationKeyRotation',
  version: 1,
  build: buildIntegrationKeyRotationMachine,
  eventSchemas: payloadRules(eventRules['integrationKeyRotation@1']),
  entity: (input) => ({ entityType: 'integrationKey', entityId: input.keyId, officeId: input.officeId }),
});
