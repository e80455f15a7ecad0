import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

const startTask = (key: string, mode: 'succeed' | 'fail', workMs: number, noteText?: string) =>
  stack.instances.start({ machine: 'taskProbe', input: { key, mode, workMs, noteText }, actor: 'system' });

describe('invokes', () => {
  it('feeds an activity result back as the done event and runs the named action after it', async () => {
    const key = uniqueId('ok');
    const { instanceId } = await startTask(key, 'succeed', 50);
    await eventually(async () => expect((await instanceRow(stack.db, instanceId))?.state).toBe('reporting'));
    await eventually(() => expect(stack.journal.notes).toContain(`${key}:all good`));
    await stack.instances.send(instanceId, { event: { type: 'FINISH' }, actor: 'operator:tester', reason: 'checked' });
    const output = await stack.client.workflow.getHandle(instanceId).result();
    expect(output).toEqual({ result: `${key}:ok`, attempts: 1 });
    expect(pathOf(await transitionsOf(stack.db, instanceId))).toEqual([
      '∅ -xstate.init-> working',
      'working -xstate.done.actor.work-> reporting',
      'reporting -FINISH-> done',
    ]);
    expect((await instanceRow(stack.db, instanceId))?.status).toBe('completed');
    await recordFixture('invoke-success', stack.client, instanceId);
  });

  it('turns an activity failure into the error event, and a retry with a new mode succeeds', async () => {
    const key = uniqueId('fail');
    const { instanceId } = await startTask(key, 'fail', 10);
    await eventually(async () => expect((await instanceRow(stack.db, instanceId))?.state).toBe('failed'));
    const row = await instanceRow(stack.db, instanceId);
    expect(Boolean(row?.stuck)).toBe(true);
    const snapshot = await stack.instances.snapshot(instanceId);
    expect(snapshot.context.error).toBe(`probe ${key} was told to fail`);
    expect(snapshot.can).toEqual(['ABANDON', 'RETRY']);
    const result = await stack.instances.send(instanceId, {
      event: { type: 'RETRY', mode: 'succeed' },
      actor: 'operator:tester',
      reason: 'fixed upstream',
    });
    expect(result.state).toBe('working');
    await eventually(async () => expect((await instanceRow(stack.db, instanceId))?.state).toBe('reporting'));
    expect(Boolean((await instanceRow(stack.db, instanceId))?.stuck)).toBe(false);
    await recordFixture('invoke-failure-retry', stack.client, instanceId);
  });

  it('cancels the activity of an invoke when its state is left', async () => {
    const key = uniqueId('cancel');
    const { instanceId } = await startTask(key, 'succeed', 30_000);
    await eventually(() => expect(stack.journal.started).toContain(key));
    const result = await stack.instances.send(instanceId, {
      event: { type: 'ABANDON' },
      actor: 'operator:tester',
      reason: 'not needed',
    });
    expect(result).toMatchObject({ state: 'abandoned', status: 'completed' });
    await eventually(() => expect(stack.journal.cancelled).toContain(key));
    expect(pathOf(await transitionsOf(stack.db, instanceId))).toEqual([
      '∅ -xstate.init-> working',
      'working -ABANDON-> abandoned',
    ]);
  });

  it('turns a failed named action into an event the machine handles', async () => {
    const key = uniqueId('note');
    const { instanceId } = await startTask(key, 'succeed', 10, 'please fail');
    await eventually(async () => expect((await instanceRow(stack.db, instanceId))?.state).toBe('noteFailed'));
    const rows = await transitionsOf(stack.db, instanceId);
    expect(rows.at(-1)?.event).toBe('ACTION_FAILED.writeNote');
    expect((await instanceRow(stack.db, instanceId))?.lastError).toContain(`note for ${key} refused`);
    await recordFixture('named-action-failure', stack.client, instanceId);
  });
});

describe('a named action failure the machine does not handle', () => {
  it('keeps the process where it is, flagged stuck with the error, across continue-as-new, until it moves on', async () => {
    const { instanceId } = await stack.instances.start({
      machine: 'timerProbe',
      input: { key: uniqueId('unhandled'), remindAfterMs: 60_000, expireAfterMs: 60_000 },
      actor: 'system',
      transitionsPerRun: 3,
    });
    const handle = stack.client.workflow.getHandle(instanceId);
    const firstRun = (await handle.describe()).runId;
    await stack.instances.send(instanceId, {
      event: { type: 'NOTE', text: 'this must fail' },
      actor: 'operator:o1',
      reason: 'try',
    });
    await eventually(async () => {
      const row = await instanceRow(stack.db, instanceId);
      expect({ ...row, stuck: Boolean(row?.stuck) }).toMatchObject({
        state: 'waiting',
        status: 'running',
        stuck: true,
      });
    });
    expect((await instanceRow(stack.db, instanceId))?.lastError).toContain('writeNote: note for');
    expect((await transitionsOf(stack.db, instanceId)).at(-1)).toMatchObject({
      from: 'waiting',
      to: 'waiting',
      event: 'ACTION_FAILED.writeNote',
      actor: 'system',
    });
    for (let i = 0; i < 3; i += 1)
      await stack.instances.send(instanceId, { event: { type: 'PING' }, actor: 'operator:o1' });
    await eventually(async () => expect((await handle.describe()).runId).not.toBe(firstRun));
    await stack.instances.send(instanceId, { event: { type: 'PING' }, actor: 'operator:o1' });
    expect(Boolean((await instanceRow(stack.db, instanceId))?.stuck)).toBe(true);
    await stack.instances.send(instanceId, { event: { type: 'ANSWER' }, actor: 'user:u1' });
    expect(await instanceRow(stack.db, instanceId)).toMatchObject({ state: 'answered', status: 'completed' });
    expect(Boolean((await instanceRow(stack.db, instanceId))?.stuck)).toBe(false);
  });
});
