import crypto from 'node:crypto';
import request from 'supertest';
import { portalSignIn } from '../support/portalPeople.js';
import { describe, expect, it } from 'vitest';
import { registerIdentity } from '../../domain/directory/identities.js';
import { createOfficeWithCompany, randomCnpj, randomEmail, useDirectoryStack } from '../support/directoryStack.js';
import { eventually } from '../support/stack.js';

// Deciding and revoking from the portal, signed in, without the e-mail's links.

const s = useDirectoryStack();

const password = 'uma senha bem longa 42';
const now = () => new Date().toISOString();
async function person(table: 'clientUsers' | 'officeUsers', fields: Record<string, unknown>) {
  const email = randomEmail(table);
  const identity = await registerIdentity(s.db, email, password);
  const common = { id: crypto.randomUUID(), name: 'Pessoa', email, identityId: identity.id, createdAt: now() };
  await s
    .db(table)
    .insert(
      table === 'clientUsers'
        ? { ...common, status: 'registered', portalAccess: true, ...fields }
        : { ...common, role: 'staff', active: true, linkedAt: now(), ...fields },
    );
  return { identityId: identity.id, auth: await portalSignIn(s.app, email, password) };
}
const stateOf = async (instanceId: string) => (await s.db('instances').where({ id: instanceId }).first())?.state;

describe('signed in to the portal', () => {
  it('the office decides a client’s request, the company revokes it, once; a new request is a new process', async () => {
    const linked = randomEmail('contato');
    const office = (
      await request(s.app)
        .post('/api/offices')
        .send({ name: 'Contábil Logado', cnpj: randomCnpj(), linkedEmails: [linked] })
        .expect(201)
    ).body.id as string;
    const { officeId: home, companyId } = await createOfficeWithCompany(s.app, 'Empresa Logada');
    const accountant = await person('officeUsers', { officeId: office });
    const admin = await person('clientUsers', { companyId, officeId: home, companyRole: 'admin' });
    const simple = await person('clientUsers', { companyId, officeId: home, companyRole: 'user' });

    const created = await request(s.app)
      .post('/api/connectionRequests')
      .send({ direction: 'clientToOffice', companyId, accountantEmail: linked, officeName: 'Contábil Logado' })
      .expect(201);
    await eventually(async () => expect(await stateOf(created.body.instanceId)).toBe('awaitingApproval'));

    const seen = await request(s.app).get('/portal/api/connectionRequests').set(accountant.auth);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject([
      { id: created.body.id, companyName: 'Empresa Logada Cliente', officeName: 'Contábil Logado', mayDecide: true },
    ]);
    const adminSees = await request(s.app).get('/portal/api/connectionRequests').set(admin.auth);
    expect(adminSees.body).toMatchObject([{ id: created.body.id, mayDecide: false, mayRevoke: false }]);
    expect((await request(s.app).get('/portal/api/connectionRequests').set(simple.auth)).body).toEqual([]);

    // The company asked: only the office decides; nothing changes for the others' attempts.
    for (const who of [admin, simple]) {
      const res = await request(s.app)
        .post(`/portal/api/connectionRequests/${created.body.id}/approve`)
        .set(who.auth)
        .send({});
      expect([res.status, res.body.error]).toEqual([403, 'not_the_decider']);
    }
    expect(
      (await request(s.app).post(`/portal/api/connectionRequests/${created.body.id}/approve`).send({})).status,
    ).toBe(401);
    expect(await stateOf(created.body.instanceId)).toBe('awaitingApproval');

    await request(s.app)
      .post(`/portal/api/connectionRequests/${created.body.id}/approve`)
      .set(accountant.auth)
      .send({})
      .expect(200);
    await eventually(async () => expect(await stateOf(created.body.instanceId)).toBe('active'));
    const approval = await s.db('transitions').where({ instanceId: created.body.instanceId, event: 'APPROVE' }).first();
    expect(approval.actor).toBe(`user:${accountant.identityId}`);
    expect((await s.db('connectionRequests').where({ id: created.body.id }).first()).decidedBy).toBe(
      `office:${office}`,
    );

    // Connected: another request for the same office and company is refused, naming the first.
    const connected = await request(s.app)
      .post('/api/connectionRequests')
      .send({ direction: 'clientToOffice', companyId, accountantEmail: linked, officeName: 'Contábil Logado' });
    expect([connected.status, connected.body.error]).toEqual([409, 'already_connected']);
    expect(connected.body.message).toContain(created.body.id);
    const malformed = await request(s.app).get('/api/connectionRequests/account').query({ email: 'not-an-email' });
    expect(malformed.status).toBe(400);

    // Either side revokes; the simple user cannot; twice is refused.
    const bySimple = await request(s.app)
      .post(`/portal/api/connectionRequests/${created.body.id}/revoke`)
      .set(simple.auth)
      .send({});
    expect([bySimple.status, bySimple.body.error]).toEqual([403, 'not_a_party']);
    await request(s.app)
      .post(`/portal/api/connectionRequests/${created.body.id}/revoke`)
      .set(admin.auth)
      .send({ reason: 'new accountant' })
      .expect(200);
    const twice = await request(s.app)
      .post(`/portal/api/connectionRequests/${created.body.id}/revoke`)
      .set(accountant.auth)
      .send({});
    expect([twice.status, twice.body.error]).toEqual([409, 'already_revoked']);
    await eventually(async () => expect(await stateOf(created.body.instanceId)).toBe('revoked'));
    expect((await s.db('connectionRequests').where({ id: created.body.id }).first()).revokedBy).toBe(
      `company:user:${admin.identityId}`,
    );

    const again = await request(s.app)
      .post('/api/connectionRequests')
      .send({ direction: 'clientToOffice', companyId, accountantEmail: linked, officeName: 'Contábil Logado' })
      .expect(201);
    expect(again.body.instanceId).not.toBe(created.body.instanceId);
  });
});
