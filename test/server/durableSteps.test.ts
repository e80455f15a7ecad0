import request from 'supertest';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { enqueueEvent } from '../../domain/events/queue.js';
import { EventRelay } from '../../server/temporal/relay.js';
import { eventSignal, eventUpdate } from '../../workflows/messages.js';
import { deliverQueued } from '../../domain/processes.js';
import { freePort } from '../support/serverProcess.js';
import { portalPath } from '../support/mailCatcher.js';
import { createOfficeWithCompany, randomEmail, useDirectoryStack } from '../support/directoryStack.js';
import { instanceRow, transitionsOf } from '../support/projection.js';
import { eventually } from '../support/stack.js';

const s = useDirectoryStack();
let companyId: string;
beforeAll(async () => {
  ({ companyId } = await createOfficeWithCompany(s.app));
});

async function personWithLink() {
  const email = randomEmail('durable');
  const created = await request(s.app).post('/api/clientUsers').send({ companyId, name: 'Rui', email }).expect(201);
  const mail = await eventually(() => s.smtp.to(email)[0] ?? Promise.reject(new Error('no mail yet')));
  const token = new URL(`http://x${portalPath(mail)}`).searchParams.get('token')!;
  const instanceId = created.body.instanceId as string;
  // The mail can arrive before the process records it as sent; operators' events wait for that.
  await eventually(async () => expect((await instanceRow(s.db, instanceId))?.state).toBe('awaitingRegistration'));
  return { email, token, id: created.body.id as string, instanceId };
}

describe('durable portal steps', () => {
  it('records the step, its token use and its event together; a retry gets the same outcome, another password changes nothing', async () => {
    const p = await personWithLink();
    const password = 'correct horse battery staple';
    const first = await request(s.app).post('/portal/api/register').send({ token: p.token, password }).expect(200);
    expect(first.body.state).toBe('registered');
    const queued = await s.db('queuedEvents').where({ instanceId: p.instanceId });
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ eventType: 'REGISTERED', status: 'delivered' });
    const hash = (await s.db('identities').where({ email: p.email }).first('passwordHash')).passwordHash;

    const again = await request(s.app).post('/portal/api/register').send({ token: p.token, password }).expect(200);
    expect(again.body).toEqual(first.body);
    const other = await request(s.app)
      .post('/portal/api/register')
      .send({ token: p.token, password: 'a different long password' })
      .expect(410);
    expect(other.body).toMatchObject({ error: 'token_gone', reason: 'used' });
    expect((await s.db('identities').where({ email: p.email }).first('passwordHash')).passwordHash).toBe(hash);
    expect(await s.db('queuedEvents').where({ instanceId: p.instanceId })).toHaveLength(1);
    expect((await transitionsOf(s.db, p.instanceId)).filter((t) => t.event === 'REGISTERED')).toHaveLength(1);
  });

  it('records an event for a process that has ended as refused, shows it to operators and never retries it', async () => {
    const p = await personWithLink();
    await s.instances.cancel(p.instanceId);
    await eventually(async () =>
      expect((await s.client.workflow.getHandle(p.instanceId).describe()).status.name).toBe('CANCELLED'),
    );
    const eventId = await s.db.transaction((trx) =>
      enqueueEvent(trx, { instanceId: p.instanceId, event: { type: 'REGISTERED', identityId: 'x' }, actor: 'system' }),
    );
    const row = await eventually(async () => {
      const r = await s.db('queuedEvents').where({ id: eventId }).first();
      expect(r.status).toBe('refused');
      return r;
    });
    expect(row.lastError).toMatch(/ended/);
    const list = await request(s.app)
      .get('/api/queuedEvents')
      .query({ filter: JSON.stringify({ status: 'refused', instanceId: p.instanceId }) })
      .expect(200);
    expect(list.body).toEqual([expect.objectContaining({ id: eventId, status: 'refused', eventType: 'REGISTERED' })]);
    expect(list.body[0]).not.toHaveProperty('tokenId');
    await new Promise((r) => setTimeout(r, 1000));
    expect((await s.db('queuedEvents').where({ id: eventId }).first()).attempts).toBe(0);
  });

  it('an event whose delivery was accepted but not recorded (its relay killed) and that ended the process is recorded delivered, not refused', async () => {
    const p = await personWithLink();
    // The stack's relay is held off; the Signal goes out as an earlier relay's would have, and that
    // relay dies before it records the outcome: the row stays pending with its lease run out.
    await s.directoryDeps.relay.stop();
    onTestFinished(() => s.directoryDeps.relay.start());
    const eventId = await s.db.transaction((trx) =>
      enqueueEvent(trx, { instanceId: p.instanceId, event: { type: 'CANCEL' }, actor: 'system', reason: 'duplicate' }),
    );
    await s.client.workflow
      .getHandle(p.instanceId)
      .signal(eventSignal, { event: { type: 'CANCEL' }, actor: 'system', reason: 'duplicate', eventId });
    await eventually(async () =>
      expect((await s.client.workflow.getHandle(p.instanceId).describe()).status.name).toBe('COMPLETED'),
    );
    const later = new EventRelay({ db: s.db, client: s.client });
    expect(await later.deliver(eventId)).toBe('delivered');
    expect(await s.db('queuedEvents').where({ id: eventId }).first()).toMatchObject({ status: 'delivered' });
    expect((await transitionsOf(s.db, p.instanceId)).filter((t) => t.event === 'CANCEL')).toHaveLength(1);

    // Another event for the same ended process, never sent: refused, as before.
    const other = await s.db.transaction((trx) =>
      enqueueEvent(trx, { instanceId: p.instanceId, event: { type: 'CANCEL' }, actor: 'system' }),
    );
    expect(await later.deliver(other)).toBe('refused');
  });

  it('an event an Update delivered while its caller was gone (the process ended with it) is recorded delivered by the relay and by a direct delivery', async () => {
    await s.directoryDeps.relay.stop();
    onTestFinished(() => s.directoryDeps.relay.start());
    // The request that queued each event sent it as an Update and was gone before recording it.
    const updatedEvent = async () => {
      const p = await personWithLink();
      const eventId = await s.db.transaction((trx) =>
        enqueueEvent(trx, { instanceId: p.instanceId, event: { type: 'CANCEL' }, actor: 'system', reason: 'dup' }),
      );
      await s.client.workflow.getHandle(p.instanceId).executeUpdate(eventUpdate, {
        args: [{ event: { type: 'CANCEL' }, actor: 'system', reason: 'dup', eventId }],
      });
      await eventually(async () =>
        expect((await s.client.workflow.getHandle(p.instanceId).describe()).status.name).toBe('COMPLETED'),
      );
      return { ...p, eventId };
    };
    const viaRelay = await updatedEvent();
    expect(await new EventRelay({ db: s.db, client: s.client }).deliver(viaRelay.eventId)).toBe('delivered');
    const direct = await updatedEvent();
    expect(await deliverQueued(s.db, s.instances, direct.eventId)).toMatchObject({ outcome: 'delivered' });
    for (const { eventId, instanceId } of [viaRelay, direct]) {
      expect(await s.db('queuedEvents').where({ id: eventId }).first()).toMatchObject({ status: 'delivered' });
      expect((await transitionsOf(s.db, instanceId)).filter((t) => t.event === 'CANCEL')).toHaveLength(1);
    }
  });

  it('an event the process refuses after the relay delivered it (its state moved on) is recorded refused, with why, for operators', async () => {
    const { instanceId } = await s.instances.start({
      machine: 'timerProbe',
      input: { key: `moved-${Date.now()}`, remindAfterMs: 600_000, expireAfterMs: 600_000 },
      actor: 'system',
    });
    // EXTEND is taken only once reminded; the process still waits. The relay delivers it as a Signal.
    const eventId = await s.db.transaction((trx) =>
      enqueueEvent(trx, { instanceId, event: { type: 'EXTEND', extraMs: 1000 }, actor: 'system' }),
    );
    const shown = await eventually(async () => {
      const res = await request(s.app).get(`/api/queuedEvents/${eventId}`).expect(200);
      expect(res.body.status).toBe('refused');
      return res.body;
    });
    expect(shown).toMatchObject({ instanceId, eventType: 'EXTEND', attempts: 0 });
    expect(shown.lastError).toMatch(/"EXTEND" is not accepted in state "waiting"/);
    const list = await request(s.app)
      .get('/api/queuedEvents')
      .query({ filter: JSON.stringify({ status: 'refused', instanceId }) })
      .expect(200);
    expect(list.body.map((r: { id: string }) => r.id)).toEqual([eventId]);
    // The process went on as if it had not come, and the relay never tries it again.
    expect((await s.instances.snapshot(instanceId)).state).toBe('waiting');
    await new Promise((r) => setTimeout(r, 1000));
    expect((await s.db('queuedEvents').where({ id: eventId }).first()).status).toBe('refused');
  });

  it('health reports a backlog the relay could not deliver, and is ok once it is delivered', async () => {
    const { instanceId } = await s.instances.start({
      machine: 'timerProbe',
      input: { key: `health-${Date.now()}`, remindAfterMs: 600_000, expireAfterMs: 600_000 },
      actor: 'system',
    });
    // As the relay leaves an event it could not deliver: an error, and the next try later.
    const old = new Date(Date.now() - 120_000).toISOString();
    await s.db('queuedEvents').insert({
      id: `stuck-${Date.now()}`,
      instanceId,
      eventType: 'PING',
      event: JSON.stringify({ type: 'PING' }),
      actor: 'system',
      status: 'pending',
      attempts: 5,
      nextAttemptAt: new Date(Date.now() + 600_000).toISOString(),
      lastError: 'connect ECONNREFUSED 127.0.0.1:7233',
      createdAt: old,
    });
    const behind = await request(s.app).get('/api/health').expect(503);
    expect(behind.body).toMatchObject({
      relay: 'behind',
      queuedEvents: { pending: 1, lastError: expect.stringMatching(/ECONNREFUSED/) },
    });
    expect(behind.body.queuedEvents.oldestPendingSeconds).toBeGreaterThanOrEqual(120);
    await s.db('queuedEvents').where({ instanceId }).update({ nextAttemptAt: new Date().toISOString() });
    await eventually(async () => expect((await request(s.app).get('/api/health')).body.relay).toBe('ok'));
    await eventually(async () => expect((await s.instances.snapshot(instanceId)).context.pings).toBe(1));
  });

  it('a relay that cannot reach Temporal keeps the events pending, counting its tries; they drain once it can', async () => {
    const { instanceId } = await s.instances.start({
      machine: 'timerProbe',
      input: { key: `cutoff-${Date.now()}`, remindAfterMs: 600_000, expireAfterMs: 600_000 },
      actor: 'system',
    });
    // A relay whose Temporal address answers nothing (as when Temporal is down or unreachable).
    const nowhere = new Client({
      connection: Connection.lazy({ address: `127.0.0.1:${await freePort()}`, connectTimeout: 500 }),
    });
    const cutOff = new EventRelay({ db: s.db, client: nowhere, leaseMs: 60_000 });
    // Only the cut-off relay runs for now.
    await s.directoryDeps.relay.stop();
    const ids = await s.db.transaction(async (trx) => [
      await enqueueEvent(trx, { instanceId, event: { type: 'PING' }, actor: 'system' }),
      await enqueueEvent(trx, { instanceId, event: { type: 'PING' }, actor: 'system' }),
    ]);
    // A pass stops at the first failure: the other event keeps its place, untried.
    await cutOff.drain();
    const rows = await s.db('queuedEvents').whereIn('id', ids);
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['pending', 'pending']);
    expect(rows.map((r: { attempts: number }) => r.attempts).sort()).toEqual([0, 1]);
    expect(rows.find((r: { attempts: number }) => r.attempts === 1)?.lastError).toBeTruthy();
    const health = await request(s.app).get('/api/health');
    expect(health.body.queuedEvents.pending).toBeGreaterThanOrEqual(2);
    expect(health.body.queuedEvents.lastError).toBeTruthy();
    expect((await s.instances.snapshot(instanceId)).context.pings ?? 0).toBe(0);
    // Temporal reachable again (a relay with a working client, after the backoff): both applied, once each.
    const back = new EventRelay({ db: s.db, client: s.client, pollMs: 200 });
    back.start();
    onTestFinished(() => back.stop());
    await eventually(async () => {
      const statuses = (await s.db('queuedEvents').whereIn('id', ids)).map((r: { status: string }) => r.status);
      expect(statuses).toEqual(['delivered', 'delivered']);
    }, 20_000);
    await eventually(async () => expect((await s.instances.snapshot(instanceId)).context.pings).toBe(2));
    expect((await transitionsOf(s.db, instanceId)).filter((t) => t.event === 'PING')).toHaveLength(2);
    await nowhere.connection.close().catch(() => {});
  });
});
