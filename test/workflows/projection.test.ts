import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventSignal } from '../../workflows/messages.js';
import { transitionsOf } from '../support/projection.js';
import { eventually, startStack, uniqueId, type Stack } from '../support/stack.js';

let stack: Stack;
beforeEach(async () => {
  stack = await startStack();
});
afterEach(async () => {
  await stack.stop();
});

type HistoryEvent = { eventType: string } & Record<string, unknown>;
const decode = (payload: { data?: string }) =>
  JSON.parse(Buffer.from(payload.data ?? '', 'base64').toString('utf8')) as unknown;

async function historyEvents(id: string): Promise<HistoryEvent[]> {
  const runs = (await stack.instances.history(id)) as Array<{ events: HistoryEvent[] }>;
  return runs.flatMap((r) => r.events);
}

const ofType = (events: HistoryEvent[], type: string) => events.filter((e) => e.eventType === `EVENT_TYPE_${type}`);

describe('the projection', () => {
  it('holds one row per applied transition, matching what the Temporal history shows', async () => {
    const key = uniqueId('proj');
    const { instanceId } = await stack.instances.start({
      machine: 'timerProbe',
      input: { key, remindAfterMs: 200, expireAfterMs: 60_000 },
      actor: 'operator:o1',
      reason: 'test',
    });
    const handle = stack.client.workflow.getHandle(instanceId);
    await eventually(async () => expect((await stack.instances.snapshot(instanceId)).state).toBe('reminded'));
    await stack.instances.send(instanceId, { event: { type: 'PING' }, actor: 'operator:o1', reason: 'one' });
    await handle.signal(eventSignal, { event: { type: 'EXTEND', extraMs: 1000 }, actor: 'user:u1' });
    await stack.instances.send(instanceId, { event: { type: 'ANSWER' }, actor: 'user:u1' });
    await handle.result();

    const rows = await transitionsOf(stack.db, instanceId);
    const events = await historyEvents(instanceId);

    // Every applied transition was written by exactly one local-activity marker (patch markers aside).
    const localActivities = ofType(events, 'MARKER_RECORDED').filter(
      (e) => (e.markerRecordedEventAttributes as { markerName?: string }).markerName === 'core_local_activity',
    );
    expect(localActivities).toHaveLength(rows.length);
    // Timer-caused rows match fired timers; operator and user rows match accepted Updates and Signals.
    expect(rows.filter((r) => r.actor === 'timer')).toHaveLength(ofType(events, 'TIMER_FIRED').length);
    const external =
      ofType(events, 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED').length +
      ofType(events, 'WORKFLOW_EXECUTION_SIGNALED').length;
    expect(rows.filter((r) => r.actor.startsWith('operator:') || r.actor.startsWith('user:')).length - 1).toBe(
      external,
    );
    // The state each row reached is the state published to search attributes, in the same order.
    const published = ofType(events, 'UPSERT_WORKFLOW_SEARCH_ATTRIBUTES').map((e) => {
      const fields = (
        e.upsertWorkflowSearchAttributesEventAttributes as {
          searchAttributes: { indexedFields: Record<string, { data?: string }> };
        }
      ).searchAttributes.indexedFields;
      return fields.VinculoState ? decode(fields.VinculoState) : undefined;
    });
    const reached = rows.map((r) => r.to).filter((to, i, all) => i === 0 || to !== all[i - 1]);
    // The SDK's own upsert of TemporalChangeVersion (a patch marker) carries no state.
    expect(published.filter((state) => state !== undefined)).toEqual(reached);
    expect(rows.map((r) => r.event)).toEqual([
      'xstate.init',
      'xstate.after.remindDelay.timerProbe.waiting',
      'PING',
      'EXTEND',
      'ANSWER',
    ]);
    expect(rows[0]).toMatchObject({ actor: 'operator:o1', reason: 'test' });

    const instance = await stack.db('instances').where({ id: instanceId }).first();
    expect(instance).toMatchObject({
      machine: 'timerProbe',
      state: 'answered',
      status: 'completed',
      entityType: 'probe',
      entityId: key,
      lastSeq: 4,
      nextTimerAt: null,
    });
  });

  it('records a cancelled process as cancelled', async () => {
    const { instanceId } = await stack.instances.start({
      machine: 'timerProbe',
      input: { key: uniqueId('cancel'), remindAfterMs: 60_000, expireAfterMs: 60_000 },
      actor: 'system',
    });
    await eventually(async () => expect(await transitionsOf(stack.db, instanceId)).toHaveLength(1));
    expect((await stack.db('instances').where({ id: instanceId }).first())?.nextTimerAt).toEqual(expect.any(String));
    await stack.instances.cancel(instanceId);
    await eventually(async () =>
      expect(await stack.db('instances').where({ id: instanceId }).first()).toMatchObject({
        status: 'cancelled',
        state: 'waiting',
      }),
    );
    expect((await transitionsOf(stack.db, instanceId)).at(-1)).toMatchObject({ event: 'workflow.cancelled', seq: 1 });
  });
});
