import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { describeMachine } from '../../machines/describe.js';
import { stateToString } from '../../machines/definition.js';
import { acceptedEvents } from '../../workflows/refusal.js';
import { parallelProbe, parallelProbeMachine } from '../support/machines/parallelProbe.machine.js';
import { taskProbe, taskProbeMachine } from '../support/machines/taskProbe.machine.js';
import { timerProbe, timerProbeMachine } from '../support/machines/timerProbe.machine.js';

type AnyAction = { type: string; params?: unknown };
const types = (actions: AnyAction[]) => actions.map((a) => a.type);
const paramsOf = <T>(actions: AnyAction[], type: string) => actions.find((a) => a.type === type)?.params as T;

describe('taskProbe, as pure transitions', () => {
  const input = { key: 'k1', mode: 'succeed' as const, workMs: 5 };

  it('starts working and asks for the probeWork invoke with its input', () => {
    const [snapshot, actions] = initialTransition(taskProbeMachine, input);
    expect(snapshot.value).toBe('working');
    expect(snapshot.context).toMatchObject({ attempts: 1, result: null });
    expect(paramsOf(actions, 'xstate.spawnChild')).toMatchObject({
      src: 'probeWork',
      id: 'work',
      input: { key: 'k1', mode: 'succeed', workMs: 5 },
    });
  });

  it('moves to reporting on the done event and asks for writeNote with params', () => {
    const [start] = initialTransition(taskProbeMachine, input);
    const [next, actions] = transition(taskProbeMachine, start, {
      type: 'xstate.done.actor.work',
      output: { result: 'r' },
      actorId: 'work',
    } as never);
    expect(next.value).toBe('reporting');
    expect(next.context.result).toBe('r');
    expect(types(actions)).toContain('xstate.stopChild');
    expect(actions.find((a) => a.type === 'writeNote')?.params).toEqual({ key: 'k1', text: 'all good' });
  });

  it('goes to failed, tagged stuck, on the error event; RETRY sets the mode and works again', () => {
    const [start] = initialTransition(taskProbeMachine, { ...input, mode: 'fail' });
    const [failed] = transition(taskProbeMachine, start, {
      type: 'xstate.error.actor.work',
      error: { message: 'boom' },
      actorId: 'work',
    } as never);
    expect(failed.value).toBe('failed');
    expect(failed.hasTag('stuck')).toBe(true);
    expect(failed.context.error).toBe('boom');
    const [again] = transition(taskProbeMachine, failed, { type: 'RETRY', mode: 'succeed' });
    expect(again.value).toBe('working');
    expect(again.context).toMatchObject({ mode: 'succeed', attempts: 2 });
  });

  it('offers operators only the events the state accepts', () => {
    const [start] = initialTransition(taskProbeMachine, input);
    expect(acceptedEvents(taskProbe as never, start)).toEqual(['ABANDON']);
  });
});

describe('timerProbe, as pure transitions', () => {
  const input = { key: 'k2', remindAfterMs: 30, expireAfterMs: 40 };

  it('arms the remind delay on entry and cancels it on leaving', () => {
    const [start, actions] = initialTransition(timerProbeMachine, input);
    expect(paramsOf(actions, 'xstate.raise')).toMatchObject({
      delay: 30,
      id: 'xstate.after.remindDelay.timerProbe.waiting',
    });
    const [answered, exitActions] = transition(timerProbeMachine, start, { type: 'ANSWER' });
    expect(answered.status).toBe('done');
    expect(paramsOf(exitActions, 'xstate.cancel')).toEqual({ sendId: 'xstate.after.remindDelay.timerProbe.waiting' });
  });

  it('reaches expired through both timers, counting pings on the way', () => {
    const [start] = initialTransition(timerProbeMachine, input);
    const [pinged] = transition(timerProbeMachine, start, { type: 'PING' });
    const [reminded] = transition(timerProbeMachine, pinged, {
      type: 'xstate.after.remindDelay.timerProbe.waiting',
    } as never);
    expect(reminded.value).toBe('reminded');
    const [expired] = transition(timerProbeMachine, reminded, {
      type: 'xstate.after.expireDelay.timerProbe.reminded',
    } as never);
    expect(expired.status).toBe('done');
    expect(expired.output).toEqual({ pings: 1, reminders: 1 });
  });
});

describe('parallelProbe, as pure transitions', () => {
  it('starts one invoke per region and finishes when both are done', () => {
    const [start, actions] = initialTransition(parallelProbeMachine, { key: 'k3', leftMs: 1, rightMs: 2 });
    expect(stateToString(start.value)).toBe('both.left.running|both.right.running');
    expect(actions.filter((a) => a.type === 'xstate.spawnChild')).toHaveLength(2);
    const [left] = transition(parallelProbeMachine, start, { type: 'xstate.done.actor.leftWork' } as never);
    expect(stateToString(left.value)).toBe('both.left.done|both.right.running');
    const [both] = transition(parallelProbeMachine, left, { type: 'xstate.done.actor.rightWork' } as never);
    expect(both.value).toBe('finished');
  });
});

describe('machine descriptions', () => {
  it('list nested states, delays and operator events for the console', () => {
    const description = describeMachine(parallelProbe as never);
    expect(description.states[0]).toMatchObject({ path: 'both', type: 'parallel' });
    expect(description.states[0]!.children.map((c) => c.path)).toEqual(['both.left', 'both.right']);
    const timers = describeMachine(timerProbe as never);
    expect(timers.transitions).toContainEqual(
      expect.objectContaining({ source: 'waiting', target: 'reminded', delay: 'remindDelay' }),
    );
    expect(timers.events.find((e) => e.type === 'EXTEND')).toMatchObject({
      operator: true,
      payloadSchema: expect.objectContaining({ type: 'object' }),
    });
  });
});
