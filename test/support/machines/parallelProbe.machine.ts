import { setup } from 'xstate';
import { z } from 'zod';
import { defineMachine } from '../../../machines/definition.js';
import { runsAsActivity } from './notHere.js';

export interface ParallelProbeInput {
  key: string;
  leftMs: number;
  rightMs: number;
}

type Work = { key: string; mode: 'succeed'; workMs: number };
const region = (side: 'left' | 'right') => ({
  initial: 'running' as const,
  states: {
    running: {
      invoke: {
        id: `${side}Work`,
        src: 'probeWork' as const,
        input: ({ context }: { context: ParallelProbeInput }): Work => ({
          key: `${context.key}-${side}`,
          mode: 'succeed',
          workMs: side === 'left' ? context.leftMs : context.rightMs,
        }),
        onDone: 'done' as const,
      },
    },
    done: { type: 'final' as const },
  },
});

/** Exercises parallel regions with an activity in flight in each at once. */
export const parallelProbeMachine = setup({
  types: {} as { input: ParallelProbeInput; context: ParallelProbeInput },
  actors: { probeWork: runsAsActivity<{ result: string }, Work>() },
}).createMachine({
  id: 'parallelProbe',
  initial: 'both',
  context: ({ input }) => input,
  states: {
    both: { type: 'parallel', onDone: 'finished', states: { left: region('left'), right: region('right') } },
    finished: { type: 'final' },
  },
});

export const parallelProbe = defineMachine<ParallelProbeInput>({
  id: 'parallelProbe',
  version: 1,
  machine: parallelProbeMachine,
  title: { en: 'Parallel probe' },
  stateLabels: {},
  eventLabels: {},
  operatorEvents: [],
  inputSchema: z.object({ key: z.string().min(1), leftMs: z.number().int().min(0), rightMs: z.number().int().min(0) }),
  entity: (input) => ({ entityType: 'probe', entityId: input.key }),
});
