import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { enqueueEvent } from '../../domain/events/queue.js';
import {
  existingAccount,
  randomCnpj,
  randomEmail,
  directoryStackForTest,
  type DirectoryStack,
} from '../support/directoryStack.js';
import { instanceRow, transitionsOf } from '../support/projection.js';
import { eventually } from '../support/stack.js';

const stateOf = async (s: DirectoryStack, id: string) =>
  (await request(s.app).get(`/api/officeUsers/${id}`).expect(200)).body.linkStatus as string;
const waitFor = (s: DirectoryStack, id: string, state: string) =>
  eventually(async () => expect(await stateOf(s, id)).toBe(state));

async function officeUser(s: DirectoryStack, officeId: string, role: 'manager' | 'staff', who: string) {
  const email = randomEmail(who);
  const password = `${who} platform password`;
  await existingAccount(s.db, email, password);
  const created = await request(s.app).post('/api/officeUsers').send({ officeId, name: who, email, role }).expect(201);
  return { id: created.body.id as string, instanceId: created.body.instanceId as string, email, password };
}

describe('officeUserLink', () => {
  it('holds staff until the manager is linked, and links only while the agent is online', async () => {
    // A long recheck: staff must move on because the manager's link wakes it, not by polling.
    const s = await directoryStackForTest({ agentOnlineWindowMs: 60_000 });
    const office = await request(s.app)
      .post('/api/offices')
      .send({ name: 'Escritório Beta', cnpj: randomCnpj() })
      .expect(201);
    const officeId = office.body.id as string;

    const staff = await officeUser(s, officeId, 'staff', 'staff');
    await waitFor(s, staff.id, 'awaitingManager');
    await request(s.app)
      .post(`/api/officeUsers/${staff.id}/credentials`)
      .send({ password: staff.password })
      .expect(409);

    const manager = await officeUser(s, officeId, 'manager', 'manager');
    await waitFor(s, manager.id, 'awaitingAgent'); // no heartbeat yet
    await request(s.app)
      .post('/api/officeUsers')
      .send({ officeId, name: 'Second manager', email: randomEmail('m2'), role: 'manager' })
      .expect(409);

    const beat = await request(s.app).post(`/api/offices/${officeId}/agent-heartbeat`).expect(200);
    expect(beat.body.woken).toBe(1);
    await waitFor(s, manager.id, 'awaitingCredentials');

    const wrong = await request(s.app)
      .post(`/api/officeUsers/${manager.id}/credentials`)
      .send({ password: 'the desktop password' })
      .expect(401);
    expect(wrong.body).toMatchObject({ error: 'invalid_credentials', state: 'credentialsRejected' });
    await request(s.app)
      .post(`/api/officeUsers/${manager.id}/credentials`)
      .send({ password: manager.password })
      .expect(200);
    await waitFor(s, manager.id, 'linked.connected');

    // The manager's link wakes the staff user, who now waits for credentials.
    await waitFor(s, staff.id, 'awaitingCredentials');
    const woken = (await transitionsOf(s.db, staff.instanceId)).find((t) => t.event === 'MANAGER_LINKED');
    expect(woken).toMatchObject({ from: 'awaitingManager', to: 'checking', actor: 'system' });
    await request(s.app)
      .post(`/api/officeUsers/${staff.id}/credentials`)
      .send({ email: staff.email, password: staff.password })
      .expect(200);
    await waitFor(s, staff.id, 'linked.connected');
    const linked = await request(s.app)
      .get(`/api/officeUsers?filter=${encodeURIComponent(JSON.stringify({ officeId }))}`)
      .expect(200);
    expect(linked.body.map((u: { linkStatus: string }) => u.linkStatus)).toEqual([
      'linked.connected',
      'linked.connected',
    ]);
    expect(linked.body.every((u: { linkedAt: string | null }) => u.linkedAt)).toBe(true);

    // Heartbeats, credentials and the manager's wake-up of the staff all went through the event
    // queue, each delivered and applied once.
    const queued = async (instanceId: string) =>
      (await s.db('queuedEvents').where({ instanceId }).orderBy('createdAt')).map(
        (r: { eventType: string; status: string }) => `${r.eventType}:${r.status}`,
      );
    expect(await queued(manager.instanceId)).toEqual([
      'AGENT_ONLINE:delivered',
      'CREDENTIALS_REJECTED:delivered',
      'CREDENTIALS_VERIFIED:delivered',
    ]);
    expect(await queued(staff.instanceId)).toEqual(['MANAGER_LINKED:delivered', 'CREDENTIALS_VERIFIED:delivered']);
    for (const type of ['AGENT_ONLINE', 'CREDENTIALS_VERIFIED'])
      expect((await transitionsOf(s.db, manager.instanceId)).filter((t) => t.event === type)).toHaveLength(1);
    expect((await transitionsOf(s.db, staff.instanceId)).filter((t) => t.event === 'MANAGER_LINKED')).toHaveLength(1);
  });

  it('waits while the agent heartbeat is stale, and moves on when one arrives', async () => {
    const s = await directoryStackForTest({ agentOnlineWindowMs: 500, recheckAfterMs: 60_000 });
    const office = await request(s.app)
      .post('/api/offices')
      .send({ name: 'Escritório Gama', cnpj: randomCnpj() })
      .expect(201);
    const officeId = office.body.id as string;
    await request(s.app).post(`/api/offices/${officeId}/agent-heartbeat`).expect(200);
    await new Promise((r) => setTimeout(r, 600)); // the heartbeat is now older than the window
    const manager = await officeUser(s, officeId, 'manager', 'gm');
    await waitFor(s, manager.id, 'awaitingAgent');
    await new Promise((r) => setTimeout(r, 300));
    expect(await stateOf(s, manager.id)).toBe('awaitingAgent');
    // An AGENT_ONLINE from an earlier heartbeat still waits (held by a relay that went away):
    // this heartbeat queues no second one, and the waiting one is delivered once the hold ends.
    const earlier = await s.db.transaction((trx) =>
      enqueueEvent(trx, {
        instanceId: manager.instanceId,
        event: { type: 'AGENT_ONLINE' },
        actor: 'system',
        reason: 'agent heartbeat',
      }),
    );
    await s
      .db('queuedEvents')
      .where({ id: earlier })
      .update({ claimedUntil: new Date(Date.now() + 600_000).toISOString() });
    const beat = await request(s.app).post(`/api/offices/${officeId}/agent-heartbeat`).expect(200);
    expect(beat.body.woken).toBe(0);
    expect(await s.db('queuedEvents').where({ instanceId: manager.instanceId }).pluck('id')).toEqual([earlier]);
    expect(await stateOf(s, manager.id)).toBe('awaitingAgent');
    await s.db('queuedEvents').where({ id: earlier }).update({ claimedUntil: null });
    await waitFor(s, manager.id, 'awaitingCredentials');
    expect((await transitionsOf(s.db, manager.instanceId)).filter((t) => t.event === 'AGENT_ONLINE')).toHaveLength(1);
  });

  it('unlinks on deactivation and lets a new user take the e-mail', async () => {
    const s = await directoryStackForTest();
    const office = await request(s.app)
      .post('/api/offices')
      .send({ name: 'Escritório Delta', cnpj: randomCnpj() })
      .expect(201);
    const officeId = office.body.id as string;
    await request(s.app).post(`/api/offices/${officeId}/agent-heartbeat`).expect(200);
    const manager = await officeUser(s, officeId, 'manager', 'dm');
    await waitFor(s, manager.id, 'awaitingCredentials');
    await request(s.app)
      .post(`/api/officeUsers/${manager.id}/credentials`)
      .send({ password: manager.password })
      .expect(200);
    await waitFor(s, manager.id, 'linked.connected');
    await request(s.app)
      .post('/api/officeUsers')
      .send({ officeId, name: 'Taker', email: manager.email, role: 'staff' })
      .expect(409);

    await request(s.app)
      .put(`/api/officeUsers/${manager.id}`)
      .send({ active: false, reason: 'left the office' })
      .expect(200);
    await eventually(async () =>
      expect(await instanceRow(s.db, manager.instanceId)).toMatchObject({ state: 'deactivated', status: 'completed' }),
    );
    expect(await s.db('officeUsers').where({ id: manager.id }).first()).toMatchObject({
      identityId: null,
      linkedAt: null,
    });

    const successor = await request(s.app)
      .post('/api/officeUsers')
      .send({ officeId, name: 'Successor', email: manager.email, role: 'manager' })
      .expect(201);
    await waitFor(s, successor.body.id, 'awaitingCredentials');
    await request(s.app)
      .post(`/api/officeUsers/${successor.body.id}/credentials`)
      .send({ password: manager.password })
      .expect(200);
    await waitFor(s, successor.body.id, 'linked.connected');
  });
});
