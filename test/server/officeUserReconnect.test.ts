import request from 'supertest';
import { describe, expect, it } from 'vitest';
import {
  existingAccount,
  randomCnpj,
  randomEmail,
  directoryStackForTest,
  type DirectoryStack,
} from '../support/directoryStack.js';
import { portalCsrf } from '../support/portalPeople.js';
import { instanceRow, pathOf, transitionsOf } from '../support/projection.js';
import { eventually } from '../support/stack.js';

/*
 * "Try the connection again" (RECONNECT) for a linked office user: from an operator
 * (POST /api/officeUsers/:id/reconnect) and from the office's user on the portal
 * (POST /portal/api/reconnect), on the real stack with a short agent window.
 */

const reach = (s: DirectoryStack, instanceId: string, state: string) =>
  eventually(async () => expect(await instanceRow(s.db, instanceId)).toMatchObject({ state }), 20_000, 50);

async function officeUser(s: DirectoryStack, officeId: string, role: 'manager' | 'staff', who: string) {
  const email = randomEmail(who);
  const password = `${who} platform password`;
  await existingAccount(s.db, email, password);
  const created = await request(s.app).post('/api/officeUsers').send({ officeId, name: who, email, role }).expect(201);
  return { id: created.body.id as string, instanceId: created.body.instanceId as string, email, password };
}

const agentGoesQuiet = (s: DirectoryStack, officeId: string) =>
  s
    .db('offices')
    .where({ id: officeId })
    .update({ agentOnlineAt: new Date(Date.now() - 3_600_000).toISOString() });

describe('RECONNECT for office users', () => {
  it('an operator re-checks a linked user at once; an unlinked one is refused with nothing changed', async () => {
    const s = await directoryStackForTest({ officeLink: { disconnectedRemindAfterMs: 500 } });
    const office = await request(s.app).post('/api/offices').send({ name: 'Escritório Rho', cnpj: randomCnpj() });
    const officeId = office.body.id as string;
    await request(s.app).post(`/api/offices/${officeId}/agent-heartbeat`).expect(200);
    const manager = await officeUser(s, officeId, 'manager', 'rho');
    const staff = await officeUser(s, officeId, 'staff', 'rhostaff');
    await reach(s, manager.instanceId, 'awaitingCredentials');

    // Not linked yet: a clear 409, no transition, no audit entry.
    const transitionsBefore = (await transitionsOf(s.db, manager.instanceId)).length;
    const early = await request(s.app)
      .post(`/api/officeUsers/${manager.id}/reconnect`)
      .send({ reason: 'the client called' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ error: 'not_linked', state: 'awaitingCredentials' });
    expect(early.body.message).toContain('not linked');
    expect((await transitionsOf(s.db, manager.instanceId)).length).toBe(transitionsBefore);
    expect(await s.db('audit').where({ action: 'officeUsers.reconnect' })).toEqual([]);
    expect((await request(s.app).post(`/api/officeUsers/${manager.id}/reconnect`).send({})).status).toBe(400);
    expect((await request(s.app).post('/api/officeUsers/nobody/reconnect').send({ reason: 'x' })).status).toBe(404);

    await request(s.app).post(`/api/officeUsers/${manager.id}/credentials`).send({ password: manager.password });
    await reach(s, manager.instanceId, 'linked.connected');

    // The agent went quiet: the re-check finds it disconnected, and the manager is told later.
    await agentGoesQuiet(s, officeId);
    const quiet = await request(s.app)
      .post(`/api/officeUsers/${manager.id}/reconnect`)
      .send({ reason: 'the office says it is down' })
      .expect(200);
    expect(quiet.body.state).toMatch(/^linked\.disconnected/);
    await reach(s, manager.instanceId, 'linked.disconnected.managerReminded');
    expect(s.smtp.to(manager.email).map((m) => m.subject)).toEqual([
      'O agente de comunicação de Escritório Rho está desconectado',
    ]);
    // A heartbeat connects it again; RECONNECT with the agent back stays connected.
    await request(s.app).post(`/api/offices/${officeId}/agent-heartbeat`).expect(200);
    await reach(s, manager.instanceId, 'linked.connected');
    const back = await request(s.app)
      .post(`/api/officeUsers/${manager.id}/reconnect`)
      .send({ reason: 'check again' })
      .expect(200);
    expect(back.body.state).toBe('linked.connected');
    expect(pathOf(await transitionsOf(s.db, manager.instanceId))).toEqual(
      expect.arrayContaining([
        'linked.connected -RECONNECT-> linked.checkingConnection',
        'linked.disconnected.managerReminded -HEARTBEAT-> linked.connected',
      ]),
    );
    const audit = await s.db('audit').where({ action: 'officeUsers.reconnect' }).orderBy('id');
    expect(audit.map((r) => r.reason)).toEqual(['the office says it is down', 'check again']);

    // The office's own user, signed in on the portal, tries again on their link.
    const agent = request.agent(s.app);
    const signIn = await agent
      .post('/portal/api/session')
      .send({ email: manager.email, password: manager.password })
      .expect(200);
    expect(signIn.body.selected).toMatchObject({ officeId, roles: ['manager'] });
    expect(signIn.body.selected.staffLink).toMatchObject({ officeUserId: manager.id, connection: 'connected' });
    await agentGoesQuiet(s, officeId);
    const mine = await agent.post('/portal/api/reconnect').set('X-CSRF-Token', portalCsrf(signIn)).send({}).expect(200);
    expect(mine.body.state).toMatch(/^linked\.disconnected/);
    const home = await agent.get('/portal/api/session').expect(200);
    expect(home.body.selected.staffLink.connection).toBe('disconnected');
    const byUser = await s.db('transitions').where({ instanceId: manager.instanceId, event: 'RECONNECT' });
    expect(byUser.some((t) => String(t.actor).startsWith('user:'))).toBe(true);
    expect((await agent.post('/portal/api/reconnect').send({})).status).toBe(403); // no CSRF header

    // A user who is not linked has nothing to re-check from the portal either.
    const staffAgent = request.agent(s.app);
    const staffIn = await staffAgent
      .post('/portal/api/session')
      .send({ email: staff.email, password: staff.password })
      .expect(200);
    const refused = await staffAgent.post('/portal/api/reconnect').set('X-CSRF-Token', portalCsrf(staffIn)).send({});
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('not_linked');

    // Deactivated: the process ended, nothing to re-check.
    await request(s.app).put(`/api/officeUsers/${manager.id}`).send({ active: false, reason: 'left' }).expect(200);
    await eventually(async () =>
      expect(await instanceRow(s.db, manager.instanceId)).toMatchObject({ state: 'deactivated' }),
    );
    const ended = await request(s.app).post(`/api/officeUsers/${manager.id}/reconnect`).send({ reason: 'late' });
    expect(ended.status).toBe(409);
    expect(ended.body.error).toBe('not_linked');
  });
});
