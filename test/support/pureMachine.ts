import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';

/** An action a pure step returns, as the tests read it. */
export type Action = { type: string; params?: Record<string, unknown> };
export type Step = [AnyMachineSnapshot, Action[]];

const isTimer = (a: Action) => a.type === 'xstate.raise' && typeof a.params?.delay === 'number';

/**
 * A machine driven as the interpreter drives it, without Temporal: `start` and `step` are XState's
 * pure functions; `finish` and `fail` answer the running invoke as its activity would (its id is
 * XState's default, derived from the state); `fire` raises the event of the timer a step armed.
 */
export function pureMachine(machine: AnyStateMachine, input: unknown) {
  const start = () => initialTransition(machine, input) as unknown as Step;
  const step = (s: AnyMachineSnapshot, event: Record<string, unknown>) =>
    transition(machine, s, event as never) as unknown as Step;
  const running = (s: AnyMachineSnapshot) => {
    const child = Object.keys(s.children)[0];
    if (!child) throw new Error(`no invoke running in ${JSON.stringify(s.value)}`);
    return child;
  };
  return {
    start,
    step,
    finish: (s: AnyMachineSnapshot, output?: unknown) => step(s, { type: `xstate.done.actor.${running(s)}`, output }),
    fail: (s: AnyMachineSnapshot, error: Record<string, unknown> = { message: 'failed' }) =>
      step(s, { type: `xstate.error.actor.${running(s)}`, error }),
    fire: (s: AnyMachineSnapshot, actions: Action[]) => {
      const event = timerEvent(actions);
      if (!event) throw new Error(`no timer in ${JSON.stringify(s.value)}`);
      return step(s, event);
    },
  };
}

/** The invokes a step starts: what the interpreter runs as activities, with their input. */
export const spawned = (actions: Action[]) =>
  actions.filter((a) => a.type === 'xstate.spawnChild').map((a) => ({ src: a.params?.src, input: a.params?.input }));

/** The delays of the timers a step arms. */
export const delays = (actions: Action[]) => actions.filter(isTimer).map((a) => a.params?.delay);

/** The event the first timer a step arms will raise. */
export const timerEvent = (actions: Action[]) =>
  actions.find(isTimer)?.params?.event as (Record<string, unknown> & { type: string }) | undefined;
