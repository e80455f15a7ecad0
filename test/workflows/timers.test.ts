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

const startTimer = (key: string, remindAfterMs: number, expireAfterMs: number, transitionsPerRun?: number) =>
  stack.instances.start({
    machine: 'timerProbe',
    input: { key, remindAfterMs, expireAfterMs },
    actor: 'system',
    transitionsPerRun,
  });

const ms = (iso: string) => new Date(iso).getTime();

describe('after timers', () => {
  it('fires each timer in turn, on its own, and ends in the final state', async () => {
    const { instanceId } = await startTimer(uniqueId('fire'), 300, 300);
    await stack.client.workflow.getHandle(instanceId).result();
    const rows = await transitionsOf(stack.db, instanceId);
    expect(pathOf(rows)).toEqual([
      '∅ -xstate.init-> waiting',
      'waiting -xstate.after.remindDelay.timerProbe.waiting-> reminded',
      'reminded -xstate.after.expireDelay.timerProbe.reminded-> expired',
    ]);
    expect(rows.slice(1).map((r) => r.actor)).toEqual(['timer', 'timer']);
    expect(ms(rows[1]!.at) - ms(rows[0]!.at)).toBeGreaterThanOrEqual(300);
    await recordFixture('timers-fire', stack.client, instanceId);
  });

  it('cancels the pending timer when an event leaves its state', async () => {
    const { instanceId } = await startTimer(uniqueId('cancel'), 1500, 60_000);
    const handle = stack.client.workflow.getHandle(instanceId);
    await eventually(async () => expect((await stack.instances.snapshot(instanceId)).timers).toHaveLength(1));
    await stack.instances.send(instanceId, { event: { type: 'ANSWER' }, actor: 'user:u1' });
    await handle.result();
    const history = await handle.fetchHistory();
    const types = history.events?.map((e) => e.eventType) ?? [];
    const count = (name: string) => types.filter((t) => String(t) === name || String(t).endsWith(name)).length;
    // EVENT_TYPE_TIMER_STARTED = 17, TIMER_FIRED = 18, TIMER_CANCELED = 19
    expect([count('17'), count('18'), count('19')]).toEqual([1, 0, 1]);
    expect(pathOf(await transitionsOf(stack.db, instanceId))).toEqual([
      '∅ -xstate.init-> waiting',
      'waiting -ANSWER-> answered',
    ]);
  });

  it('re-arms a timer when its state is re-entered, dropping the old one', async () => {
    const { instanceId } = await startTimer(uniqueId('extend'), 10, 800);
    await eventually(async () => expect((await instanceRow(stack.db, instanceId))?.state).toBe('reminded'));
    const before = (await stack.instances.snapshot(instanceId)).timers[0]!;
    await stack.instances.send(instanceId, {
      event: { type: 'EXTEND', extraMs: 700 },
      actor: 'operator:o1',
      reason: 'client asked',
    });
    const after = (await stack.instances.snapshot(instanceId)).timers;
    expect(after).toHaveLength(1);
    expect(ms(after[0]!.dueAt)).toBeGreaterThan(ms(before.dueAt) + 500);
    const output = await stack.client.workflow.getHandle(instanceId).result();
    expect(output).toEqual({ pings: 0, reminders: 2 });
    const rows = await transitionsOf(stack.db, instanceId);
    expect(rows.at(-1)?.to).toBe('expired');
    expect(ms(rows.at(-1)!.at) - ms(rows.at(-2)!.at)).toBeGreaterThanOrEqual(1500);
  });
});

describe('continue-as-new', () => {
  it('carries the snapshot and a pending timer, which still fires at its original time', async () => {
    const { instanceId } = await startTimer(uniqueId('can'), 2500, 100, 3);
    const handle = stack.client.workflow.getHandle(instanceId);
    const firstRun = (await handle.describe()).runId;
    for (let i = 0; i < 7; i += 1) {
      await stack.instances.send(instanceId, { event: { type: 'PING' }, actor: 'operator:o1', reason: `ping ${i}` });
    }
    await eventually(async () => expect((await handle.describe()).runId).not.toBe(firstRun));
    const output = await handle.result();
    expect(output).toEqual({ pings: 7, reminders: 1 });
    const rows = await transitionsOf(stack.db, instanceId);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i));
    const reminded = rows.find((r) => r.to === 'reminded')!;
    const elapsed = ms(reminded.at) - ms(rows[0]!.at);
    expect(elapsed).toBeGreaterThanOrEqual(2500);
    expect(elapsed).toBeLessThan(2500 + 2000);
    const runs = await stack.instances.history(instanceId);
    expect(runs.length).toBeGreaterThanOrEqual(3);
    await recordFixture('continued-run', stack.client, instanceId);
  });
});
