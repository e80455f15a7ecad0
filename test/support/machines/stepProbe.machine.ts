import { assign, setup } from 'xstate';
import { z } from 'zod';
import { defineMachine } from '../../../machines/definition.js';
import { runsAsActivity } from './notHere.js';

export interface StepProbeInput {
  key: string;
  workMs: number;
  remindAfterMs: number;
}

/**
 * The shape of a person's process: a step (an invoke), then a wait with a reminder timer that
 * the person's answer cancels, then a second step. The answer may arrive by Signal while the
 * first step is still in flight; PING counts without moving.
 */
export const stepProbeMachine = setup({
  types: {} as {
    input: StepProbeInput;
    context: StepProbeInput & { pings: number; reminders: number };
    events: { type: 'ANSWER' } | { type: 'PING' };
  },
  actors: { probeWork: runsAsActivity<{ result: string }, { key: string; mode: 'succeed'; workMs: number }>() },
  delays: { remindDelay: ({ context }) => context.remindAfterMs },
}).createMachine({
  id: 'stepProbe',
  initial: 'sending',
  context: ({ input }) => ({ ...input, pings: 0, reminders: 0 }),
  on: { PING: { actions: assign({ pings: ({ context }) => context.pings + 1 }) } },
  states: {
    sending: {
      invoke: {
        src: 'probeWork',
        input: ({ context }) => ({ key: `${context.key}-send`, mode: 'succeed' as const, workMs: context.workMs }),
        onDone: 'waiting',
      },
    },
    waiting: {
      after: {
        remindDelay: {
          target: 'waiting',
          reenter: true,
          actions: assign({ reminders: ({ context }) => context.reminders + 1 }),
        },
      },
      on: { ANSWER: 'completing' },
    },
    completing: {
      invoke: {
        src: 'probeWork',
        input: ({ context }) => ({ key: `${context.key}-complete`, mode: 'succeed' as const, workMs: context.workMs }),
        onDone: 'done',
      },
    },
    done: { type: 'final' },
  },
  output: ({ context }) => ({ pings: context.pings, reminders: context.reminders }),
});

export const stepProbe = defineMachine<StepProbeInput>({
  id: 'stepProbe',
  version: 1,
  machine: stepProbeMachine,
  title: { en: 'Step probe' },
  stateLabels: { sending: { en: 'Sending' }, waiting: { en: 'Waiting' }, completing: { en: 'Completing' } },
  eventLabels: { ANSWER: { en: 'Answer' } },
  operatorEvents: ['ANSWER', 'PING'],
  inputSchema: z.object({
    key: z.string().min(1).max(100),
    workMs: z.number().int().min(0).max(60_000),
    remindAfterMs: z.number().int().min(1),
  }),
  entity: (input) => ({ entityType: 'probe', entityId: input.key }),
});
