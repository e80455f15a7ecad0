import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { officesOfIdentity } from '../../domain/directory/identities.js';
import { placeholderDomain } from '../../domain/directory/validation.js';
import { portalPath } from '../support/mailCatcher.js';
import {
  createOfficeWithCompany,
  randomEmail,
  directoryStackForTest,
  type DirectoryStack,
} from '../support/directoryStack.js';
import { transitionsOf } from '../support/projection.js';
import { eventually } from '../support/stack.js';

const tokenOf = (path: string) => new URL(`http://x${path}`).searchParams.get('token')!;

/** A client user of the first office who already registered: the account the second office will reuse. */
async function registeredAtFirstOffice(s: DirectoryStack, email: string, password: string) {
  const first = await createOfficeWithCompany(s.app, 'Primeiro Escritório');
  const user = await request(s.app)
    .post('/api/clientUsers')
    .send({ companyId: first.companyId, name: 'Bia', email })
    .expect(201);
  const mail = await eventually(() => s.smtp.to(email)[0] ?? Promise.reject(new Error('no mail')));
  await request(s.app)
    .post('/portal/api/register')
    .send({ token: tokenOf(portalPath(mail)), password })
    .expect(200);
  s.smtp.messages.length = 0;
  return { ...first, clientUserId: user.body.id as string };
}

describe('clientUserOnboarding with an e-mail already used at another office', () => {
  it('follows the field procedure step by step and links the accounts with the existing password', async () => {
    const s = await directoryStackForTest();
    const email = randomEmail('bia');
    const password = 'the existing password';
    const first = await registeredAtFirstOffice(s, email, password);
    const identityId = (await s.db('identities').where({ email }).first()).id as string;
    const before = await officesOfIdentity(s.db, identityId);

    const second = await createOfficeWithCompany(s.app, 'Segundo Escritório');
    const created = await request(s.app)
      .post('/api/clientUsers')
      .send({ companyId: second.companyId, name: 'Bia', email, locale: 'en' })
      .expect(201);
    const instanceId = created.body.instanceId as string;
    const mail = await eventually(() => s.smtp.to(email)[0] ?? Promise.reject(new Error('no mail')));
    expect(mail.subject).toContain('Link your account');

    // The mail can arrive before the process records its move to awaitingLink.
    await eventually(async () => {
      const path = (await transitionsOf(s.db, instanceId)).map((t) => t.to);
      expect(path).toEqual([
        'checkingEmail',
        'registeringWithPlaceholder',
        'correctingEmail',
        'resendingRegistration',
        'awaitingLink',
      ]);
    });
    expect(s.smtp.messages.filter((m) => m.to.some((to) => to.endsWith(placeholderDomain)))).toEqual([]);
    expect(s.smtp.to(email)).toHaveLength(1);
    expect(await s.db('outbox').where('to', 'like', `%${placeholderDomain}`)).toEqual([]);

    const page = await request(s.app).get(portalPath(mail)).expect(200);
    expect(page.text).toContain('Link accounts');
    const token = tokenOf(portalPath(mail));
    expect(
      (
        await request(s.app)
          .get(`/portal/api/token/${encodeURIComponent(token)}`)
          .expect(200)
      ).body,
    ).toMatchObject({ purpose: 'link', existingAccount: true });

    // A wrong password links nothing and keeps the link usable.
    const wrong = await request(s.app).post('/portal/api/link').send({ token, password: 'not it' }).expect(401);
    expect(wrong.body.error).toBe('invalid_credentials');
    expect(await officesOfIdentity(s.db, identityId)).toEqual(before);

    const linked = await request(s.app).post('/portal/api/link').send({ token, password }).expect(200);
    expect(linked.body.state).toBe('linked');
    expect(linked.body.offices.map((o: { officeId: string }) => o.officeId).sort()).toEqual(
      [first.officeId, second.officeId].sort(),
    );
    const after = await officesOfIdentity(s.db, identityId);
    expect(after.find((o) => o.officeId === first.officeId)).toEqual(before[0]);
    const firstUser = await request(s.app).get(`/api/clientUsers/${first.clientUserId}`).expect(200);
    expect(firstUser.body).toMatchObject({ status: 'registered', identityId, email });
    const secondUser = await request(s.app).get(`/api/clientUsers/${created.body.id}`).expect(200);
    expect(secondUser.body).toMatchObject({ status: 'linked', identityId, email, portalAccess: true });

    const transitions = (await transitionsOf(s.db, instanceId)).map((t) => t.to);
    expect(transitions.slice(-2)).toEqual(['linkingAccounts', 'linked']);
    // The same request again (a retry after a broken connection) gets the first outcome; the link
    // with any other password stays used, and nothing is applied twice.
    const again = await request(s.app).post('/portal/api/link').send({ token, password }).expect(200);
    expect(again.body.state).toBe('linked');
    await request(s.app).post('/portal/api/link').send({ token, password: 'not the password' }).expect(410);
    expect((await transitionsOf(s.db, instanceId)).filter((t) => t.event === 'ACCOUNT_LINK_CONFIRMED')).toHaveLength(1);

    // The offices page lists both for the identity.
    const offices = await request(s.app).post('/portal/api/offices').send({ email, password }).expect(200);
    expect(offices.body.offices).toHaveLength(2);
    await request(s.app).get('/portal/offices').expect(200);
  });
});
