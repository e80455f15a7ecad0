import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { recordFixture } from '../support/fixtures.js';
import {
  existingAccount,
  randomCnpj,
  randomEmail,
  directoryStackForTest,
  type DirectoryStack,
  type DirectoryStackOptions,
} from '../support/directoryStack.js';
import { instanceRow, pathOf, transitionsOf } from '../support/projection.js';
import { eventually } from '../support/stack.js';

/*
 * officeUserLink version 2 on the real stack with short timers: reminders to the office user (and
 * the manager with the last one), expiry, an operator's cancellation, and the agent's connection
 * followed from its heartbeats. Each history is kept as a replay fixture (RECORD_FIXTURES=1).
 */

async function stack(o: DirectoryStackOptions) {
  return directoryStackForTest(o);
}

const reach = (s: DirectoryStack, instanceId: string, state: string, status = 'running') =>
  eventually(async () => expect(await instanceRow(s.db, instanceId)).toMatchObject({ state, status }), 20_000, 50);
const nudge = (s: DirectoryStack, instanceId: string, type: string, payload?: Record<string, unknown>) =>
  request(s.app).post(`/api/instances/${instanceId}/events`).send({ type, payload, reason: 'test nudge' });
const subjects = (s: DirectoryStack, email: string) => s.smtp.to(email).map((m) => m.subject);

async function officeWithAgent(s: DirectoryStack) {
  const office = await request(s.app).post('/api/offices').send({ name: 'Escritório Ômega', cnpj: randomCnpj() });
  const officeId = office.body.id as string;
  await request(s.app).post(`/api/offices/${officeId}/agent-heartbeat`).expect(200);
  return officeId;
}

async function officeUser(s: DirectoryStack, officeId: string, role: 'manager' | 'staff', who: string) {
  const email = randomEmail(who);
  const password = `${who} platform password`;
  await existingAccount(s.db, email, password);
  const created = await request(s.app).post('/api/officeUsers').send({ officeId, name: who, email, role }).expect(201);
  return { id: created.body.id as string, instanceId: created.body.instanceId as string, email, password };
}

async function linkedManager(s: DirectoryStack, officeId: string) {
  const manager = await officeUser(s, officeId, 'manager', 'manager');
  await reach(s, manager.instanceId, 'awaitingCredentials');
  await request(s.app).post(`/api/officeUsers/${manager.id}/credentials`).send({ password: manager.password });
  await reach(s, manager.instanceId, 'linked.connected');
  return manager;
}

describe('officeUserLink version 2', () => {
  it('reminds the office user, tells the manager with the last reminder, then expires and frees the e-mail', async () => {
    const s = await stack({ officeLink: { remindDelaysMs: [400, 400], expireAfterMs: 600 } });
    const officeId = await officeWithAgent(s);
    const manager = await linkedManager(s, officeId);
    const staff = await officeUser(s, officeId, 'staff', 'staff');
    await reach(s, staff.instanceId, 'expired', 'completed');

    const reminders = subjects(s, staff.email);
    expect(reminders).toEqual([
      'Lembrete: vincule sua conta ao escritório Escritório Ômega',
      'Lembrete: vincule sua conta ao escritório Escritório Ômega',
    ]);
    expect(subjects(s, manager.email)).toContain('staff ainda não vinculou a conta (Escritório Ômega)');
    // The reminder offers the way out of a forgotten password.
    expect(s.smtp.to(staff.email)[0]?.text).toContain('redefina-a no portal: http://vinculo.test/portal/forgot');
    expect(pathOf(await transitionsOf(s.db, staff.instanceId)).slice(-2)).toEqual([
      'awaitingCredentials -xstate.after.nextReminderDelay.officeUserLink.awaitingCredentials-> unlinking',
      'unlinking -xstate.done.actor.0.officeUserLink.unlinking-> expired',
    ]);
    expect(await s.db('officeUsers').where({ id: staff.id }).first()).toMatchObject({ active: expect.anything() });
    expect(Boolean((await s.db('officeUsers').where({ id: staff.id }).first()).active)).toBe(false);
    // The e-mail is free again: a new user may take it.
    await request(s.app)
      .post('/api/officeUsers')
      .send({ officeId, name: 'again', email: staff.email, role: 'staff' })
      .expect(201);
    await recordFixture('officeUserLink-v2-expired', s.client, staff.instanceId);
  });

  it('an operator reminds now, extends the deadline, then cancels', async () => {
    const s = await stack({});
    const officeId = await officeWithAgent(s);
    const manager = await officeUser(s, officeId, 'manager', 'mgr');
    await reach(s, manager.instanceId, 'awaitingCredentials');
    expect((await nudge(s, manager.instanceId, 'RESEND_NOW')).status).toBe(200);
    await eventually(() => expect(subjects(s, manager.email)).toHaveLength(1));
    await reach(s, manager.instanceId, 'awaitingCredentials');
    expect((await nudge(s, manager.instanceId, 'EXTEND_DEADLINE', { days: 3 })).status).toBe(200);
    const refused = await nudge(s, manager.instanceId, 'EXTEND_DEADLINE', { days: 'many' });
    expect(refused.status).toBe(400);
    expect((await nudge(s, manager.instanceId, 'CANCEL')).status).toBe(200);
    await reach(s, manager.instanceId, 'cancelled', 'completed');
    const late = await nudge(s, manager.instanceId, 'RESEND_NOW');
    expect(late.status).toBeGreaterThanOrEqual(400);
    expect(late.status).toBeLessThan(500);
    await recordFixture('officeUserLink-v2-cancelled', s.client, manager.instanceId);
  });

  it('follows the agent: connected, disconnected, the manager told, a heartbeat connects it again; RECONNECT re-checks', async () => {
    const s = await stack({
      agentOnlineWindowMs: 3_000,
      officeLink: { heartbeatWindowMs: 1_000, disconnectedRemindAfterMs: 1_000 },
    });
    const officeId = await officeWithAgent(s);
    const manager = await officeUser(s, officeId, 'manager', 'health');
    const early = await nudge(s, manager.instanceId, 'RECONNECT');
    expect(early.status).toBe(409);
    expect(early.body.error).toBe('event_not_allowed');
    // The window is short: keep the agent beating until the credentials are taken and linked.
    const beating = async () => request(s.app).post(`/api/offices/${officeId}/agent-heartbeat`).expect(200);
    await eventually(async () => {
      await beating();
      expect(await instanceRow(s.db, manager.instanceId)).toMatchObject({ state: 'awaitingCredentials' });
    });
    await beating();
    await request(s.app).post(`/api/officeUsers/${manager.id}/credentials`).send({ password: manager.password });
    await reach(s, manager.instanceId, 'linked.disconnected.managerReminded');
    expect(subjects(s, manager.email)).toEqual(['O agente de comunicação de Escritório Ômega está desconectado']);

    const beat = await request(s.app).post(`/api/offices/${officeId}/agent-heartbeat`).expect(200);
    expect(beat.body.woken).toBe(1);
    const path = pathOf(await transitionsOf(s.db, manager.instanceId));
    expect(path).toContain('linked.disconnected.managerReminded -HEARTBEAT-> linked.connected');

    // RECONNECT re-checks at once: with a fresh heartbeat it stays connected.
    const again = await nudge(s, manager.instanceId, 'RECONNECT');
    expect(again.status).toBe(200);
    expect(again.body.state).toBe('linked.checkingConnection');
    await reach(s, manager.instanceId, 'linked.connected');

    await request(s.app).put(`/api/officeUsers/${manager.id}`).send({ active: false, reason: 'left' }).expect(200);
    await reach(s, manager.instanceId, 'deactivated', 'completed');
    await recordFixture('officeUserLink-v2-health', s.client, manager.instanceId);
  });
});
