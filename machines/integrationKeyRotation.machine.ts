import { setup } from 'xstate';
import { z } from 'zod';
import { runsAsActivity } from './activityActor.js';
import { defineEngineMachine, defineMachine, type EventsOf } from './definition.js';

const id = z.string().min(1).max(64);

// Ids only: the keys themselves are never in the process, only the id of the key being replaced.
export const keyRotationInputSchema = z.object({
  keyId: id,
  companyId: id,
  officeId: id,
  timing: z
    .object({
      /** How long the old key keeps working; 0 stops it at once. */
      graceMs: z.number().int().min(0),
      /** How long before the grace ends the company's admins are reminded. */
      reminderBeforeMs: z.number().int().min(0),
    })
    .default({ graceMs: 0, reminderBeforeMs: 0 }),
});
export type KeyRotationInput = z.output<typeof keyRotationInputSchema>;

export const keyRotationEventSchemas = { REVOKE_NOW: z.object({}).strict() } satisfies Record<string, z.ZodType>;
type KeyRotationEvent = EventsOf<typeof keyRotationEventSchemas>;

type Ref = { keyId: string; companyId: string };
const actors = {
  sendKeyGraceReminder: runsAsActivity<void, Ref>(),
  revokePreviousKeys: runsAsActivity<void, Ref>(),
};
export type KeyRotationActivity = keyof typeof actors;

const revokeNow = { REVOKE_NOW: 'revoking' } as const;
const ref = ({ context }: { context: KeyRotationInput }) => ({ keyId: context.keyId, companyId: context.companyId });

/** A new integration key: the previous ones keep working for a grace period (with a reminder), then are revoked. */
export const integrationKeyRotationMachine = setup({
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
  machine: integrationKeyRotationMachine,
  eventSchemas: keyRotationEventSchemas,
  entity: (input) => ({ entityType: 'integrationKey', entityId: input.keyId, officeId: input.officeId }),
});

const l = (en: string, pt: string, fr: string) => ({ en, 'pt-BR': pt, fr });

/** integrationKeyRotation version 1 as the API and the console see it. */
export const integrationKeyRotation = defineMachine<KeyRotationInput>({
  ...integrationKeyRotationV1,
  title: l('Integration key rotation', 'Troca de chave de integração', 'Renouvellement de la clé d’intégration'),
  description: l(
    'A new key; the previous one works for a grace period, with a reminder to the admins, then is revoked.',
    'Uma nova chave; a anterior funciona durante um período de carência, com lembrete aos administradores, e depois é revogada.',
    'Une nouvelle clé ; l’ancienne fonctionne pendant un délai de grâce, avec un rappel aux administrateurs, puis est révoquée.',
  ),
  stateLabels: {
    starting: l('Starting', 'Iniciando', 'Démarrage'),
    inGrace: l('Old key in its grace period', 'Chave anterior em carência', 'Ancienne clé en délai de grâce'),
    remindingAdmins: l('Reminding the admins', 'Lembrando os administradores', 'Rappel aux administrateurs'),
    endingGrace: l('Grace period ending', 'Fim da carência', 'Fin du délai de grâce'),
    revoking: l('Revoking the old key', 'Revogando a chave anterior', 'Révocation de l’ancienne clé'),
    revokeFailed: l('Revoking failed', 'Falha ao revogar', 'Échec de la révocation'),
    revoked: l('Old key revoked', 'Chave anterior revogada', 'Ancienne clé révoquée'),
  },
  eventLabels: { REVOKE_NOW: l('Revoke the old key now', 'Revogar a chave anterior agora', 'Révoquer l’ancienne clé') },
  operatorEvents: ['REVOKE_NOW'],
  eventSchemas: keyRotationEventSchemas,
  inputSchema: keyRotationInputSchema,
});
