import { setup } from 'xstate';
import { runsAsActivity } from '../machines/activityActor.js';
import type { EngineMachine, PayloadRule } from '../machines/definition.js';

/** What both sides of the cost benchmark run: a start input and one step Update. */
export interface CostInput {
  key: string;
  /** Wait this long before the first step: the idle workflows the memory figure counts. */
  idleMs?: number;
}

// Written by hand rather than with zod, so this file works on any engine the bench is pointed at.
const noPayload: PayloadRule = {
  safeParse: (payload) =>
    payload && typeof payload === 'object' && Object.keys(payload).length > 0
      ? { success: false, error: { issues: [{ path: [], message: 'Unrecognized keys' }] } }
      : { success: true },
};

const costMachine = setup({
  types: {} as { input: CostInput; context: CostInput; events: { type: 'STEP' } },
  actors: { benchWork: runsAsActivity<void, { key: string }>() },
  delays: { idle: ({ context }) => context.idleMs ?? 1, cooldown: 50 },
  guards: { idles: ({ context }) => (context.idleMs ?? 0) > 0 },
}).createMachine({
  id: 'benchSteps',
  initial: 'starting',
  context: ({ input }) => input,
  states: {
    starting: { always: [{ guard: 'idles', target: 'idle' }, { target: 'step0' }] },
    idle: { after: { idle: 'step0' } },
    step0: { on: { STEP: 'step1' } },
    step1: { on: { STEP: 'step2' } },
    step2: { on: { STEP: 'step3' } },
    step3: { on: { STEP: 'step4' } },
    step4: { on: { STEP: 'working' } },
    working: {
      invoke: { src: 'benchWork', input: ({ context }) => ({ key: context.key }), onDone: 'cooling' },
    },
    cooling: { after: { cooldown: 'done' } },
    done: { type: 'final' },
  },
});

/**
 * The engine's side: one activity, five Update-driven steps (the validator refuses anything
 * else), a 50 ms timer. Built eagerly here: the engine being measured decides what its own
 * registry costs, and this machine is the one every measured workflow runs anyway.
 */
export const costMachineV1: EngineMachine<CostInput> = {
  id: 'benchSteps',
  version: 1,
  machine: costMachine,
  eventSchemas: { STEP: noPayload },
  entity: (input) => ({ entityType: 'bench', entityId: input.key }),
};
