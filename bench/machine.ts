import { assign, setup } from 'xstate';
import { z } from 'zod';
import { createRegistry, defineMachine } from '../machines/definition.js';

/** What the benchmark drives: a process waiting on a long timer that counts PING Updates. */
export const pingMachine = setup({
  types: {} as { input: { key: string; expireAfterMs: number }; events: { type: 'PING' } },
  delays: { expireDelay: ({ context }) => context.expireAfterMs },
}).createMachine({
  id: 'benchPing',
  initial: 'waiting',
  context: ({ input }) => ({ ...input, pings: 0 }),
  on: { PING: { actions: assign({ pings: ({ context }) => context.pings + 1 }) } },
  states: {
    waiting: { after: { expireDelay: 'expired' } },
    expired: { type: 'final' },
  },
});

export const benchRegistry = createRegistry([
  defineMachine<{ key: string; expireAfterMs: number }>({
    id: 'benchPing',
    version: 1,
    machine: pingMachine,
    title: { en: 'Benchmark ping' },
    stateLabels: {},
    eventLabels: {},
    operatorEvents: ['PING'],
    eventSchemas: { PING: z.object({}).strict() },
    inputSchema: z.object({ key: z.string().min(1), expireAfterMs: z.number().int().min(1) }),
    entity: (input) => ({ entityType: 'bench', entityId: input.key }),
  }),
]);
