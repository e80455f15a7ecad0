import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueEvent } from '../../domain/events/queue.js';
import { createProjectionActivities } from '../../activities/projection.js';
import { createTestDb } from '../support/testDb.js';

type Db = Awaited<ReturnType<typeof createTestDb>>['db'];
let db: Db;
beforeAll(async () => {
  ({ db } = await createTestDb());
});
afterAll(async () => db?.destroy());

describe('the event queue', () => {
  it('queues an event named by a key once, however often its caller runs (a retried activity)', async () => {
    const queue = () =>
      db.transaction((trx) =>
        enqueueEvent(trx, {
          instanceId: 'officeUserLink-staff',
          event: { type: 'MANAGER_LINKED' },
          actor: 'system',
          onceKey: 'MANAGER_LINKED:manager-1:officeUserLink-staff',
        }),
      );
    const first = await queue();
    expect(await queue()).toBe(first);
    expect(await db('queuedEvents').where({ instanceId: 'officeUserLink-staff' })).toHaveLength(1);
    // Another key (another manager) is another event.
    const other = await db.transaction((trx) =>
      enqueueEvent(trx, {
        instanceId: 'officeUserLink-staff',
        event: { type: 'MANAGER_LINKED' },
        actor: 'system',
        onceKey: 'MANAGER_LINKED:manager-2:officeUserLink-staff',
      }),
    );
    expect(other).not.toBe(first);
    expect(first.length).toBeLessThanOrEqual(64);
  });

  it('a refusal recorded by the workflow settles the row, whether or not the relay had marked it delivered', async () => {
    const { recordRefusedEvent } = createProjectionActivities({ db });
    const ids = await db.transaction(async (trx) => [
      await enqueueEvent(trx, { instanceId: 'p-1', event: { type: 'A' }, actor: 'system' }),
      await enqueueEvent(trx, { instanceId: 'p-1', event: { type: 'B' }, actor: 'system' }),
    ]);
    await db('queuedEvents').where({ id: ids[1] }).update({ status: 'delivered' });
    for (const id of ids) await recordRefusedEvent({ eventId: id, reason: 'Event "A" is not accepted', at: 'now' });
    await recordRefusedEvent({ eventId: ids[0]!, reason: 'again', at: 'later' }); // a retried local activity
    const rows = await db('queuedEvents').whereIn('id', ids).orderBy('eventType');
    expect(rows.map((r: { status: string; lastError: string }) => [r.status, r.lastError])).toEqual([
      ['refused', 'Event "A" is not accepted'],
      ['refused', 'Event "A" is not accepted'],
    ]);
  });
});
