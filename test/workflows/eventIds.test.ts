import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
    expect((await handle.describe()).runId).not.toBe(first);
    await handle.signal(eventSignal, { event: { type: 'PING' }, actor: 'system', eventId: 'a' });
    await handle.signal(eventSignal, { event: { type: 'PING' }, actor: 'system', eventId: 'd' });
    await eventually(async () => expect((await stack.instances.snapshot(instanceId)).context.pings).toBe(4));
    expect((await transitionsOf(stack.db, instanceId)).filter((t) => t.event === 'PING')).toHaveLength(4);
  });
});
