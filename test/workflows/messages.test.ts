import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventSignal } from '../../workflows/messages.js';
import { eventually, startStack, uniqueId, type Stack } from '../support/stack.js';
import { instanceRow, pathOf, transitionsOf } from '../support/projection.js';
import { recordFixture } from '../support/fixtures.js';

let stack: Stack;
beforeEach(async () => {
  stack = await startStack();
});
afterEach(async () => {
  await stack.stop();
});

const startTimer = (key: string) =>
  stack.instances.start({
    machine: 'timerProbe',
    input: { key, remindAfterMs: 60_000, expireAfterMs: 60_000 },
    actor: 'system',
  });

describe('messages', () => {
  it('refuses an Update the current state cannot take, with the reason and state, and changes nothing', async () => {
    const { instanceId } = await startTimer(uniqueId('refuse'));
    const before = await eventually(async () => {
      const rows = await transitionsOf(stack.db, instanceId);
      expect(rows).toHaveLength(1);
      return rows;
    });
    const refusal = stack.instances.send(instanceId, {
      event: { type: 'EXTEND', extraMs: 10 },
      actor: 'operator:o1',
      reason: 'try',
    });
    await expect(refusal).rejects.toMatchObject({
      kind: 'conflict',
      code: 'event_not_allowed',
      message: 'Event "EXTEND" is not accepted in state "waiting". It accepts: ANSWER, CONFIRM, NOTE, PING.',
      details: { state: 'waiting', accepted: ['ANSWER', 'CONFIRM', 'NOTE', 'PING'] },
    });
    await expect(
      stack.instances.send(instanceId, {
        event: { type: 'xstate.after.remindDelay.timerProbe.waiting' },
        actor: 'operator:o1',
      }),
    ).rejects.toMatchObject({ kind: 'conflict' });
    await expect(
      stack.instances.send(instanceId, { event: { type: 'NOPE' }, actor: 'operator:o1' }),
    ).rejects.toMatchObject({ kind: 'conflict' });
    expect(await transitionsOf(stack.db, instanceId)).toEqual(before);
    const snapshot = await stack.instances.snapshot(instanceId);
    expect(snapshot).toMatchObject({ state: 'waiting', seq: 0, status: 'running' });
  });

  it('refuses a payload that does not fit the event schema', async () => {
    const { instanceId: other } = await stack.instances.start({
      machine: 'taskProbe',
      input: { key: uniqueId('schema'), mode: 'fail', workMs: 1 },
      actor: 'system',
    });
    await eventually(async () => expect((await instanceRow(stack.db, other))?.state).toBe('failed'));
    await expect(
      stack.instances.send(other, { event: { type: 'RETRY', mode: 'sometimes' }, actor: 'operator:o1' }),
    ).rejects.toMatchObject({
      kind: 'invalid',
      code: 'invalid_event',
    });
    expect((await instanceRow(stack.db, other))?.state).toBe('failed');
  });

  it('applies a Signal through the same queue, recording who sent it', async () => {
    const { instanceId } = await startTimer(uniqueId('signal'));
    const handle = stack.client.workflow.getHandle(instanceId);
    await handle.signal(eventSignal, { event: { type: 'PING' }, actor: 'user:u7', reason: 'still here' });
    await handle.signal(eventSignal, { event: { type: 'EXTEND', extraMs: 5 }, actor: 'user:u7' });
    await handle.signal(eventSignal, { event: { type: 'ANSWER' }, actor: 'user:u7' });
    expect(await handle.result()).toEqual({ pings: 1, reminders: 0 });
    const rows = await transitionsOf(stack.db, instanceId);
    expect(pathOf(rows)).toEqual(['∅ -xstate.init-> waiting', 'waiting -PING-> waiting', 'waiting -ANSWER-> answered']);
    expect(rows[1]).toMatchObject({ actor: 'user:u7', reason: 'still here' });
    await recordFixture('signals', stack.client, instanceId);
  });

  it('answers the snapshot Query with state, accepted events, timers and context', async () => {
    const key = uniqueId('query');
    const { instanceId } = await startTimer(key);
    const view = await stack.instances.snapshot(instanceId);
    expect(view).toMatchObject({
      machine: 'timerProbe',
      machineVersion: 1,
      entity: { entityType: 'probe', entityId: key },
      state: 'waiting',
      status: 'running',
      can: ['ANSWER', 'CONFIRM', 'NOTE', 'PING'],
      context: { key, pings: 0, reminders: 0 },
      runStatus: 'RUNNING',
    });
    expect(view.timers).toEqual([
      {
        id: 'xstate.after.remindDelay.timerProbe.waiting',
        event: 'xstate.after.remindDelay.timerProbe.waiting',
        dueAt: expect.any(String),
      },
    ]);
  });

  it('keeps search attributes current, so visibility queries find instances by machine and state', async () => {
    const key = uniqueId('visible');
    const { instanceId } = await startTimer(key);
    const find = async (query: string) => {
      const ids: string[] = [];
      for await (const wf of stack.client.workflow.list({ query })) ids.push(wf.workflowId);
      return ids;
    };
    await eventually(async () =>
      expect(
        await find(`VinculoMachine = 'timerProbe' AND VinculoState = 'waiting' AND VinculoEntity = 'probe:${key}'`),
      ).toEqual([instanceId]),
    );
    await stack.instances.send(instanceId, { event: { type: 'ANSWER' }, actor: 'operator:o1' });
    await eventually(async () =>
      expect(
        await find(`VinculoEntity = 'probe:${key}' AND VinculoState = 'answered' AND VinculoMachineVersion = 1`),
      ).toEqual([instanceId]),
    );
  });
});

describe('parallel states', () => {
  it('runs one activity per region at the same time and completes when both regions are done', async () => {
    const key = uniqueId('par');
    const { instanceId } = await stack.instances.start({
      machine: 'parallelProbe',
      input: { key, leftMs: 1500, rightMs: 1500 },
      actor: 'system',
    });
    await eventually(async () => {
      const view = await stack.instances.snapshot(instanceId);
      expect(view.state).toBe('both.left.running|both.right.running');
      expect(view.activities.map((a) => a.id).sort()).toEqual(['leftWork', 'rightWork']);
    });
    await stack.client.workflow.getHandle(instanceId).result();
    expect(stack.journal.maxConcurrent).toBe(2);
    const rows = await transitionsOf(stack.db, instanceId);
    expect(rows.at(-1)?.to).toBe('finished');
    expect(
      rows
        .map((r) => r.event)
        .slice(1)
        .sort(),
    ).toEqual(['xstate.done.actor.leftWork', 'xstate.done.actor.rightWork']);
    await recordFixture('parallel', stack.client, instanceId);
  });
});

describe('events queued behind the end', () => {
  it('refuses the Updates still queued when an event ends the process, instead of leaving them waiting', async () => {
    const { instanceId } = await startTimer(uniqueId('late'));
    const sends = [
      stack.instances.send(instanceId, { event: { type: 'ANSWER' }, actor: 'user:u1' }),
      ...Array.from({ length: 4 }, () =>
        stack.instances.send(instanceId, { event: { type: 'PING' }, actor: 'user:u1' }),
      ),
    ];
    const outcomes = await Promise.allSettled(sends);
    expect(outcomes[0]).toMatchObject({ status: 'fulfilled', value: { state: 'answered', status: 'completed' } });
    for (const outcome of outcomes.slice(1)) {
      if (outcome.status === 'rejected')
        expect(outcome.reason).toMatchObject({ kind: 'conflict', code: 'event_not_allowed' });
    }
    expect(await stack.client.workflow.getHandle(instanceId).result()).toMatchObject({ reminders: 0 });
  });
});
