import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { recordFixture } from '../support/fixtures.js';
import { portalPath, type CaughtMail } from '../support/mailCatcher.js';
import {
  createOfficeWithCompany,
  existingAccount,
  randomCnpj,
  randomEmail,
  directoryStackForTest,
  type DirectoryStack,
} from '../support/directoryStack.js';
import { instanceRow, pathOf, transitionsOf } from '../support/projection.js';
import { eventually } from '../support/stack.js';

/*
 * "Forgot password" on the portal, on the real stack with SMTP on loopback: the link is followed
 * from the e-mail the SMTP server received; a reset wakes the processes waiting on the password.
 */

async function stack() {
  return directoryStackForTest();
}

const tokenOf = (path: string) => new URL(`http://x${path}`).searchParams.get('token')!;
const reach = (s: DirectoryStack, instanceId: string, state: string) =>
  eventually(async () => expect(await instanceRow(s.db, instanceId)).toMatchObject({ state }), 20_000, 50);
const mailsTo = (s: DirectoryStack, email: string, subject: string) =>
  s.smtp.to(email).filter((m) => m.subject.includes(subject));
const nthMail = (s: DirectoryStack, email: string, subject: string, n: number) =>
  eventually(() => mailsTo(s, email, subject)[n - 1] ?? Promise.reject(new Error(`no mail #${n} "${subject}"`)));
const hashOf = async (s: DirectoryStack, email: string) =>
  ((await s.db('identities').where({ email }).first('passwordHash')) as { passwordHash: string }).passwordHash;
const askReset = (s: DirectoryStack, email: string) =>
  request(s.app).post('/portal/api/password-reset').send({ email, locale: 'en' });

/** A client user whose e-mail already has an account elsewhere: the process waits at the link step. */
async function stuckAtLinkStep(s: DirectoryStack) {
  const email = randomEmail('stuck');
  await existingAccount(s.db, email, 'a password nobody remembers');
  const { companyId } = await createOfficeWithCompany(s.app, 'Escritório Reset');
  const created = await request(s.app)
    .post('/api/clientUsers')
    .send({ companyId, name: 'Rita', email, locale: 'en' })
    .expect(201);
  const instanceId = created.body.instanceId as string;
  await reach(s, instanceId, 'awaitingLink');
  const linkMail = await nthMail(s, email, 'Link your account', 1);
  return { email, instanceId, clientUserId: created.body.id as string, linkMail };
}

describe('password reset on the portal', () => {
  it('from the mailed link, lets a stuck link step complete at once', async () => {
    const s = await stack();
    const { email, instanceId, clientUserId, linkMail } = await stuckAtLinkStep(s);
    const firstLink = tokenOf(portalPath(linkMail));
    // The link e-mail and page offer the way out.
    expect(linkMail.text).toContain('Forgot the password? Reset it: http://vinculo.test/portal/forgot');
    expect((await request(s.app).get(portalPath(linkMail)).expect(200)).text).toContain('href="/portal/forgot"');

    // Stuck: the password is not known, and after three tries the portal makes the person wait.
    for (let i = 0; i < 3; i += 1)
      await request(s.app)
        .post('/portal/api/link')
        .send({ token: firstLink, password: `guess ${i}` })
        .expect(401);
    await request(s.app).post('/portal/api/link').send({ token: firstLink, password: 'guess 4' }).expect(429);

    // The same answer for a known and an unknown e-mail; a mail only for the known one.
    const unknown = randomEmail('nobody');
    const known = await askReset(s, email).expect(202);
    const other = await askReset(s, unknown).expect(202);
    expect(other.body).toEqual(known.body);
    const resetMail: CaughtMail = await nthMail(s, email, 'Reset the password', 1);
    expect(resetMail.text).toContain(email);
    expect(s.smtp.to(unknown)).toEqual([]);
    expect(await s.db('outbox').where({ to: unknown })).toEqual([]);
    expect(await s.db('outbox').where({ to: email, template: 'passwordReset' })).toHaveLength(1);

    // The link from the SMTP server opens the page.
    const path = portalPath(resetMail);
    expect(path.startsWith('/portal/reset?token=')).toBe(true);
    const page = await request(s.app).get(path).set('Accept-Language', 'en').expect(200);
    expect(page.text).toContain('Choose a new password');
    const token = tokenOf(path);

    // Weak passwords change nothing and leave the link usable.
    const before = await hashOf(s, email);
    for (const weak of ['short', 'password123'])
      expect(
        (await request(s.app).post('/portal/api/password-reset/complete').send({ token, password: weak }).expect(400))
          .body.error,
      ).toBe('bad_request');
    expect(await hashOf(s, email)).toBe(before);

    const newPassword = 'a brand new remembered password';
    const done = await request(s.app)
      .post('/portal/api/password-reset/complete')
      .send({ token, password: newPassword })
      .expect(200);
    expect(done.body).toMatchObject({ changed: true, woken: 1 });
    expect(await hashOf(s, email)).not.toBe(before);

    // The waiting process woke: a fresh link at once, the earlier one withdrawn.
    const freshMail = await nthMail(s, email, 'Link your account', 2);
    await reach(s, instanceId, 'awaitingLink');
    expect(pathOf(await transitionsOf(s.db, instanceId))).toContain(
      'awaitingLink -PASSWORD_RESET-> resendingRegistration',
    );
    const transition = (await transitionsOf(s.db, instanceId)).find((t) => t.event === 'PASSWORD_RESET');
    expect(transition?.actor).toMatch(/^user:/);
    expect(
      (await request(s.app).post('/portal/api/link').send({ token: firstLink, password: newPassword })).status,
    ).toBe(410);

    // No wait left from the guesses: the new password links at once.
    const linked = await request(s.app)
      .post('/portal/api/link')
      .send({ token: tokenOf(portalPath(freshMail)), password: newPassword })
      .expect(200);
    expect(linked.body.state).toBe('linked');
    expect((await request(s.app).get(`/api/clientUsers/${clientUserId}`).expect(200)).body.status).toBe('linked');

    // The reset link is spent: the API and the page say so; nothing changes.
    const again = await request(s.app)
      .post('/portal/api/password-reset/complete')
      .send({ token, password: 'yet another long password' })
      .expect(410);
    expect(again.body).toMatchObject({ error: 'token_gone', reason: 'used' });
    await request(s.app).get(path).expect(410);
    expect(
      (await request(s.app).post('/portal/api/session').send({ email, password: newPassword }).expect(200)).body.email,
    ).toBe(email);

    // Audited like sign-in, without the address.
    const audit = await s.db('audit').where('action', 'like', 'portal.password-reset%').orderBy('id');
    expect(audit.map((r) => r.action)).toEqual(['portal.password-reset.request', 'portal.password-reset']);
    expect(JSON.stringify(audit)).not.toContain(email);
    expect(audit[1]).toMatchObject({
      actor: expect.stringMatching(/^user:/),
      target: expect.stringMatching(/^identities:/),
    });
    await recordFixture('clientUserOnboarding-password-reset', s.client, instanceId);
  });

  it('refuses a forged, expired or replaced link and throttles requests alike for known and unknown e-mails', async () => {
    const s = await stack();
    const email = randomEmail('bad');
    await existingAccount(s.db, email, 'the original long password');
    const before = await hashOf(s, email);
    await askReset(s, email).expect(202);
    const first = tokenOf(portalPath(await nthMail(s, email, 'Reset the password', 1)));
    await askReset(s, email).expect(202);
    const second = tokenOf(portalPath(await nthMail(s, email, 'Reset the password', 2)));
    const complete = (token: string) =>
      request(s.app).post('/portal/api/password-reset/complete').send({ token, password: 'a perfectly fine password' });

    // The newer link replaces the older one.
    expect((await complete(first).expect(410)).body).toMatchObject({ error: 'token_gone', reason: 'revoked' });
    // Forged: one character changed, cut, or made up.
    const flipped = `${second.slice(0, -1)}${second.endsWith('A') ? 'B' : 'A'}`;
    for (const forged of [flipped, second.split('.')[0]!, 'made.up', '../../etc/passwd'])
      expect((await complete(forged).expect(400)).body.error).toBe('invalid_token');
    await request(s.app)
      .get(`/portal/reset?token=${encodeURIComponent(flipped)}`)
      .expect(400);
    // Expired.
    await s
      .db('passwordResets')
      .whereNull('usedAt')
      .whereNull('revokedAt')
      .update({ expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect((await complete(second).expect(410)).body).toMatchObject({ error: 'token_gone', reason: 'expired' });
    expect(await hashOf(s, email)).toBe(before);

    // Throttled alike: a third request is free, the fourth within the minute waits, known or not.
    const unknown = randomEmail('ghost');
    await askReset(s, unknown).expect(202);
    await askReset(s, unknown).expect(202);
    await askReset(s, unknown).expect(202);
    await askReset(s, email).expect(202);
    const knownWait = await askReset(s, email).expect(429);
    const unknownWait = await askReset(s, unknown).expect(429);
    expect(knownWait.body.error).toBe(unknownWait.body.error);
    expect(Number(knownWait.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(unknownWait.headers['retry-after'])).toBeGreaterThan(0);
    await eventually(() => expect(mailsTo(s, email, 'Reset the password')).toHaveLength(3));
    expect(await s.db('outbox').where({ to: unknown })).toEqual([]);
    // Malformed requests: a clear 400.
    expect((await request(s.app).post('/portal/api/password-reset').send({ email: 'not an e-mail' })).status).toBe(400);
  });

  it('wakes an office user whose credentials were rejected, who then links with the new password', async () => {
    const s = await stack();
    const office = await request(s.app).post('/api/offices').send({ name: 'Escritório Sigma', cnpj: randomCnpj() });
    const officeId = office.body.id as string;
    await request(s.app).post(`/api/offices/${officeId}/agent-heartbeat`).expect(200);
    const email = randomEmail('rejected');
    await existingAccount(s.db, email, 'the forgotten office password');
    const created = await request(s.app)
      .post('/api/officeUsers')
      .send({ officeId, name: 'Olga', email, role: 'manager' })
      .expect(201);
    const { id, instanceId } = created.body as { id: string; instanceId: string };
    await reach(s, instanceId, 'awaitingCredentials');
    await request(s.app).post(`/api/officeUsers/${id}/credentials`).send({ password: 'wrong guess' }).expect(401);
    await reach(s, instanceId, 'credentialsRejected');

    await askReset(s, email).expect(202);
    const token = tokenOf(portalPath(await nthMail(s, email, 'Reset the password', 1)));
    const newPassword = 'the office password, new';
    const done = await request(s.app)
      .post('/portal/api/password-reset/complete')
      .send({ token, password: newPassword })
      .expect(200);
    expect(done.body.woken).toBe(1);
    await reach(s, instanceId, 'awaitingCredentials');
    expect(pathOf(await transitionsOf(s.db, instanceId))).toContain(
      'credentialsRejected -PASSWORD_RESET-> awaitingCredentials',
    );
    await request(s.app).post(`/api/officeUsers/${id}/credentials`).send({ password: newPassword }).expect(200);
    await reach(s, instanceId, 'linked.connected');
    await request(s.app).put(`/api/officeUsers/${id}`).send({ active: false, reason: 'test over' }).expect(200);
    await eventually(async () => expect(await instanceRow(s.db, instanceId)).toMatchObject({ state: 'deactivated' }));
    await recordFixture('officeUserLink-v2-password-reset', s.client, instanceId);
  });
});
