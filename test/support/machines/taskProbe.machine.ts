import { assign, setup } from 'xstate';
import { z } from 'zod';
import { defineMachine } from '../../../machines/definition.js';
import { runsAsActivity } from './notHere.js';

export type ProbeMode = 'succeed' | 'fail';
export interface TaskProbeInput {
  key: string;
  mode: ProbeMode;
  workMs: number;
  noteText?: string;
}

/** Exercises invokes (done, error, cancel on exit) and a named action that may fail. */
export const taskProbeMachine = setup({
  types: {} as {
    input: TaskProbeInput;
    context: TaskProbeInput & { noteText: string; result: string | null; error: string | null; attempts: number };
    events: { type: 'ABANDON' } | { type: 'RETRY'; mode?: ProbeMode } | { type: 'FINISH' };
  },
  actors: { probeWork: runsAsActivity<{ result: string }, { key: string; mode: ProbeMode; workMs: number }>() },
  actions: {
    writeNote: (_, _params: { key: string; text: string }) => {},
  },
}).createMachine({
  id: 'taskProbe',
  initial: 'working',
  context: ({ input }) => ({
    ...input,
    noteText: input.noteText ?? 'all good',
    result: null,
    error: null,
    attempts: 0,
  }),
  states: {
    working: {
      entry: assign({ attempts: ({ context }) => context.attempts + 1 }),
      invoke: {
        id: 'work',
        src: 'probeWork',
        input: ({ context }) => ({ key: context.key, mode: context.mode, workMs: context.workMs }),
        onDone: { target: 'reporting', actions: assign({ result: ({ event }) => event.output.result }) },
        onError: {
          target: 'failed',
          actions: assign({ error: ({ event }) => (event.error as { message: string }).message }),
        },
      },
      on: { ABANDON: 'abandoned' },
    },
    reporting: {
      entry: { type: 'writeNote', params: ({ context }) => ({ key: context.key, text: context.noteText }) },
      on: { FINISH: 'done', 'ACTION_FAILED.writeNote': 'noteFailed' },
    },
    failed: {
      tags: ['stuck'],
      on: {
        RETRY: { target: 'working', actions: assign({ mode: ({ event }) => event.mode ?? 'succeed' }) },
        ABANDON: 'abandoned',
      },
    },
    noteFailed: { tags: ['stuck'], on: { FINISH: 'done' } },
    abandoned: { type: 'final' },
    done: { type: 'final' },
  },
  output: ({ context }) => ({ result: context.result, attempts: context.attempts }),
});

export const taskProbe = defineMachine<TaskProbeInput>({
  id: 'taskProbe',
  version: 1,
  machine: taskProbeMachine,
  title: { en: 'Task probe' },
  stateLabels: { working: { en: 'Working' }, failed: { en: 'Failed' } },
  eventLabels: { RETRY: { en: 'Retry' } },
  operatorEvents: ['ABANDON', 'RETRY', 'FINISH'],
  eventSchemas: { RETRY: z.object({ mode: z.enum(['succeed', 'fail']).optional() }).strict() },
  inputSchema: z.object({
    key: z.string().min(1).max(100),
    mode: z.enum(['succeed', 'fail']),
    workMs: z.number().int().min(0).max(60_000),
    noteText: z.string().max(200).optional(),
  }),
  entity: (input) => ({ entityType: 'probe', entityId: input.key }),
});
