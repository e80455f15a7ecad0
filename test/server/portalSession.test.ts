import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomCnpj, randomEmail, useDirectoryStack } from '../support/directoryStack.js';
import { personInTwoOffices, portalCsrf, type TwoOfficePerson } from '../support/portalPeople.js';
import { eventually } from '../support/stack.js';

/*
 * The portal session carries the office the person chose: the home shows that office and the
 * person's companies in it, switching changes it at once, an office the person does not belong
 * to is refused, and an office the person was removed from disappears.
 */

const s = useDirectoryStack();
let person: TwoOfficePerson;
beforeAll(async () => {
  person = await personInTwoOffices(s);
});

const sessionRow = async () => s.db('portalSessions').orderBy('createdAt', 'desc').first();

describe('the portal session and its office switcher', () => {
  it('signs in, shows the chosen office and its companies, and switches at once', async () => {
    const agent = request.agent(s.app);
    const signIn = await agent.post('/portal/api/session').send({ email: person.email, password: person.password });
    expect(signIn.status).toBe(200);
    const csrf = portalCsrf(signIn);
    const cookies = ([] as string[]).concat(signIn.headers['set-cookie'] ?? []);
    expect(cookies.find((c) => c.startsWith('vinculo_portal_session='))).toMatch(/HttpOnly/i);
    expect(cookies.every((c) => /SameSite=Strict/i.test(c) && /Path=\/portal/i.test(c))).toBe(true);

    expect(signIn.body.offices.map((o: { officeName: string }) => o.officeName)).toEqual([
      'Escritório Alfa',
      'Escritório Beta',
    ]);
    expect(signIn.body.selected).toMatchObject({
      officeId: person.first.officeId,
      officeName: 'Escritório Alfa',
      roles: ['client'],
      companies: [{ id: person.first.companyId, name: 'Escritório Alfa Cliente' }],
      staffLink: null,
    });
    expect((await sessionRow()).officeId).toBe(person.first.officeId);

    const switched = await agent
      .put('/portal/api/session/office')
      .set('X-CSRF-Token', csrf)
      .send({ officeId: person.second.officeId })
      .expect(200);
    expect(switched.body.selected).toMatchObject({
      officeId: person.second.officeId,
      companies: [{ id: person.second.companyId, name: 'Escritório Beta Cliente' }],
    });
    const home = await agent.get('/portal/api/session').expect(200);
    expect(home.body.selected.officeId).toBe(person.second.officeId);
    expect((await sessionRow()).officeId).toBe(person.second.officeId);
  });

  it('refuses an office the person does not belong to, a change without the CSRF header, and no session', async () => {
    const agent = request.agent(s.app);
    const signIn = await agent
      .post('/portal/api/session')
      .send({ email: person.email, password: person.password })
      .expect(200);
    const csrf = portalCsrf(signIn);
    const other = await request(s.app).post('/api/offices').send({ name: 'Outro', cnpj: randomCnpj() }).expect(201);
    const otherId = other.body.id as string;
    for (const officeId of [otherId, 'no-such-office']) {
      const refused = await agent.put('/portal/api/session/office').set('X-CSRF-Token', csrf).send({ officeId });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ error: 'not_your_office' });
      expect(refused.body.message).toContain('do not belong');
    }
    expect((await agent.get('/portal/api/session').expect(200)).body.selected.officeId).toBe(person.first.officeId);
    const noCsrf = await agent.put('/portal/api/session/office').send({ officeId: person.second.officeId });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error).toBe('csrf_failed');
    expect((await agent.get('/portal/api/session').expect(200)).body.selected.officeId).toBe(person.first.officeId);
    expect((await request(s.app).get('/portal/api/session')).status).toBe(401);
    expect(
      (await agent.put('/portal/api/session/office').set('X-CSRF-Token', csrf).send({ officeId: 42 })).status,
    ).toBe(400);
    // Wrong passwords and unknown e-mails: one answer.
    const wrong = await request(s.app).post('/portal/api/session').send({ email: person.email, password: 'nope' });
    const unknown = await request(s.app)
      .post('/portal/api/session')
      .send({ email: randomEmail('nobody'), password: 'nope' });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body).toEqual(unknown.body);
    // Signing out ends the session.
    await agent.post('/portal/api/session/logout').set('X-CSRF-Token', csrf).send({}).expect(200);
    expect((await agent.get('/portal/api/session')).status).toBe(401);
  });

  it('a person removed from an office no longer sees it; the session follows', async () => {
    const agent = request.agent(s.app);
    const signIn = await agent
      .post('/portal/api/session')
      .send({ email: person.email, password: person.password })
      .expect(200);
    await agent
      .put('/portal/api/session/office')
      .set('X-CSRF-Token', portalCsrf(signIn))
      .send({ officeId: person.second.officeId })
      .expect(200);
    await request(s.app)
      .put(`/api/clientUsers/${person.second.clientUserId}`)
      .send({ status: 'inactive', reason: 'left the company' })
      .expect(200);
    await eventually(async () => {
      const home = await agent.get('/portal/api/session').expect(200);
      expect(home.body.offices.map((o: { officeId: string }) => o.officeId)).toEqual([person.first.officeId]);
      expect(home.body.selected.officeId).toBe(person.first.officeId);
    });
    expect((await sessionRow()).officeId).toBe(person.first.officeId);
    const back = await agent
      .put('/portal/api/session/office')
      .set('X-CSRF-Token', portalCsrf(signIn))
      .send({ officeId: person.second.officeId });
    expect(back.status).toBe(403);
    // Signing in is audited without the address.
    const audit = await s.db('audit').where({ action: 'portal.login' });
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(person.email);
  });
});
