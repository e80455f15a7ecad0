import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueueEvent, settleEvent } from '../../domain/events/queue.js';
import { eventSignal, eventUpdate } from '../../workflows/messages.js';
import { eventually, startStack, uniqueId, type Stack } from '../support/stack.js';
import { transitionsOf } from '../support/projection.js';

// A relay that crashes after Temporal accepted a Signal but before it recorded the delivery sends
// the same queued event again: the workflow takes it once.
let stack: Stack;
beforeEach(async () => {
  stack = await startStack();
});
afterEach(async () => {
  await stack.stop();
});

describe('queued event ids', () => {
  it('applies an event delivered several times (Signals and an Update) once', async () => {
    const { instanceId } = await stack.instances.start({
      machine: 'timerProbe',
      input: { key: uniqueId('dedupe'), remindAfterMs: 60_000, expireAfterMs: 60_000 },
      actor: 'system',
    });
    const handle = stack.client.workflow.getHandle(instanceId);
    const envelope = { event: { type: 'PING' }, actor: 'system', eventId: 'evt-1' };
    await handle.signal(eventSignal, envelope);
    await handle.signal(eventSignal, envelope);
    const again = await handle.executeUpdate(eventUpdate, { args: [envelope] });
    expect(again.duplicate).toBe(true);
    // A different id is a different event and is applied.
    await handle.signal(eventSignal, { ...envelope, eventId: 'evt-2' });
    await eventually(async () => {
      const pings = (await transitionsOf(stack.db, instanceId)).filter((t) => t.event === 'PING');
      expect(pings).toHaveLength(2);
    });
    const snapshot = await stack.instances.snapshot(instanceId);
    expect(snapshot.context.pings).toBe(2);
  });

  it('still recognises a redelivery after the process continued as new', async () => {
    const { instanceId } = await stack.instances.start({
      machine: 'timerProbe',
      input: { key: uniqueId('carry'), remindAfterMs: 60_000, expireAfterMs: 60_000 },
      actor: 'system',
      transitionsPerRun: 2,
    });
    const handle = stack.client.workflow.getHandle(instanceId);
    const first = (await handle.describe()).runId;
    for (const id of ['a', 'b', 'c'])
      await handle.signal(eventSignal, { event: { type: 'PING' }, actor: 'system', eventId: id });
    await eventually(async () => expect((await stack.instances.snapshot(instanceId)).context.pings).toBe(3));
    // The run continues as new once its projection writes are done, just after the third PING.
    await eventually(async () => expect((await handle.describe()).runId).not.toBe(first));
    await handle.signal(eventSignal, { event: { type: 'PING' }, actor: 'system', eventId: 'a' });
    await handle.signal(eventSignal, { event: { type: 'PING' }, actor: 'system', eventId: 'd' });
    await eventually(async () => expect((await stack.instances.snapshot(instanceId)).context.pings).toBe(4));
    // The snapshot moves before the projection has written the step: the rows are waited for.
    await eventually(async () =>
      expect((await transitionsOf(stack.db, instanceId)).filter((t) => t.event === 'PING')).toHaveLength(4),
    );
  });

  it('records a queued event the process refused by Signal as refused on its row, with the reason', async () => {
    const { instanceId } = await stack.instances.start({
      machine: 'timerProbe',
      input: { key: uniqueId('refused'), remindAfterMs: 600_000, expireAfterMs: 600_000 },
      actor: 'system',
    });
    const handle = stack.client.workflow.getHandle(instanceId);
    const queue = async (event: { type: string; extraMs?: number }) => {
      const id = await stack.db.transaction((trx) => enqueueEvent(trx, { instanceId, event, actor: 'system' }));
      await handle.signal(eventSignal, { event, actor: 'system', eventId: id });
      await settleEvent(stack.db, id, 'delivered'); // as the relay does once Temporal accepted it
      return id;
    };
    // EXTEND is taken only once reminded: the process, still waiting, refuses it and goes on.
    const extend = await queue({ type: 'EXTEND', extraMs: 1000 });
    const refused = await eventually(async () => {
      const row = await stack.db('queuedEvents').where({ id: extend }).first();
      expect(row.status).toBe('refused');
      return row;
    });
    expect(refused.lastError).toMatch(/"EXTEND" is not accepted in state "waiting"/);
    expect(refused.settledAt).toBeTruthy();
    // ANSWER ends the process; the CONFIRM queued behind it is refused as the process ends.
    const answer = await queue({ type: 'ANSWER' });
    const confirm = await queue({ type: 'CONFIRM' });
    await eventually(async () => {
      const row = await stack.db('queuedEvents').where({ id: confirm }).first();
      expect(row.status).toBe('refused');
      expect(row.lastError).toMatch(/CONFIRM|ended/);
    });
    expect((await stack.db('queuedEvents').where({ id: answer }).first()).status).toBe('delivered');
    const events = (await transitionsOf(stack.db, instanceId)).map((t) => t.event);
    expect(events).toEqual(['xstate.init', 'ANSWER']);
  });

  it('lets a queued event that arrives mid-step wait for that step, then applies it; one never taken is refused after', async () => {
    const { instanceId } = await stack.instances.start({
      machine: 'taskProbe',
      input: { key: uniqueId('waits'), mode: 'succeed', workMs: 1500 },
      actor: 'system',
    });
    const handle = stack.client.workflow.getHandle(instanceId);
    const queue = async (event: { type: string }) => {
      const id = await stack.db.transaction((trx) => enqueueEvent(trx, { instanceId, event, actor: 'system' }));
      await handle.signal(eventSignal, { event, actor: 'system', eventId: id });
      await settleEvent(stack.db, id, 'delivered');
      return id;
    };
    // While "working" runs its activity, FINISH (taken only in "reporting") and RETRY (only in "failed") arrive.
    await eventually(async () => expect((await stack.instances.snapshot(instanceId)).state).toBe('working'));
    const finish = await queue({ type: 'FINISH' });
    const retry = await queue({ type: 'RETRY' });
    expect(await handle.result()).toMatchObject({ result: expect.any(String) });
    const events = (await transitionsOf(stack.db, instanceId)).map((t) => `${t.from ?? '∅'} -${t.event}-> ${t.to}`);
    expect(events).toEqual([
      '∅ -xstate.init-> working',
      'working -xstate.done.actor.work-> reporting',
      'reporting -FINISH-> done',
    ]);
    expect((await stack.db('queuedEvents').where({ id: finish }).first()).status).toBe('delivered');
    const refused = await eventually(async () => {
      const row = await stack.db('queuedEvents').where({ id: retry }).first();
      expect(row.status).toBe('refused');
      return row;
    });
    expect(refused.lastError).toMatch(/RETRY|ended/);
  });
});
