import { assign, setup } from 'xstate';
import { z } from 'zod';
import { defineMachine } from '../../../machines/definition.js';

export interface TimerProbeInput {
  key: string;
  remindAfterMs: number;
  expireAfterMs: number;
}

/** Exercises `after` timers: firing, cancellation by leaving, re-arming, and survival across continue-as-new. */
export const timerProbeMachine = setup({
  types: {} as {
    input: TimerProbeInput;
    context: TimerProbeInput & { pings: number; reminders: number };
    events: { type: 'ANSWER' } | { type: 'CONFIRM' } | { type: 'PING' } | { type: 'EXTEND'; extraMs: number };
  },
  actions: {
    writeNote: (_, _params: { key: string; text: string }) => {},
  },
  delays: {
    remindDelay: ({ context }) => context.remindAfterMs,
    expireDelay: ({ context }) => context.expireAfterMs,
  },
}).createMachine({
  id: 'timerProbe',
  initial: 'waiting',
  context: ({ input }) => ({ ...input, pings: 0, reminders: 0 }),
  on: {
    PING: { actions: assign({ pings: ({ context }) => context.pings + 1 }) },
    // The machine does not handle a failed note: the engine must flag the process for an operator.
    NOTE: {
      actions: {
        type: 'writeNote',
        params: ({ context, event }: { context: { key: string }; event: { type: string; text?: string } }) => ({
          key: context.key,
          text: event.text ?? '',
        }),
      },
    },
  },
  states: {
    waiting: {
      after: { remindDelay: 'reminded' },
      // CONFIRM is the person's own answer: the system sends it, operators may not.
      on: { ANSWER: 'answered', CONFIRM: 'answered' },
    },
    reminded: {
      entry: assign({ reminders: ({ context }) => context.reminders + 1 }),
      after: { expireDelay: 'expired' },
      on: {
        ANSWER: 'answered',
        EXTEND: {
          target: 'reminded',
          reenter: true,
          actions: assign({ expireAfterMs: ({ context, event }) => context.expireAfterMs + event.extraMs }),
        },
      },
    },
    answered: { type: 'final' },
    expired: { type: 'final' },
  },
  output: ({ context }) => ({ pings: context.pings, reminders: context.reminders }),
});

export const timerProbe = defineMachine<TimerProbeInput>({
  id: 'timerProbe',
  version: 1,
  machine: timerProbeMachine,
  title: { en: 'Timer probe' },
  stateLabels: { waiting: { en: 'Waiting' }, reminded: { en: 'Reminded' } },
  eventLabels: { ANSWER: { en: 'Answer' }, EXTEND: { en: 'Extend the deadline' } },
  operatorEvents: ['ANSWER', 'PING', 'EXTEND', 'NOTE'],
  eventSchemas: {
    EXTEND: z.object({ extraMs: z.number().int().positive().max(86_400_000) }).strict(),
    NOTE: z.object({ text: z.string().max(200) }).strict(),
  },
  inputSchema: z.object({
    key: z.string().min(1).max(100),
    remindAfterMs: z.number().int().min(1),
    expireAfterMs: z.number().int().min(1),
  }),
  entity: (input) => ({ entityType: 'probe', entityId: input.key }),
});
