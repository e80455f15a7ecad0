import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { portalPath, type CaughtMail } from '../support/mailCatcher.js';
import { randomCnpj, randomEmail, directoryStackForTest, type DirectoryStack } from '../support/directoryStack.js';
import { instanceRow } from '../support/projection.js';
import { recordFixture } from '../support/fixtures.js';
import { signUpForm } from '../support/signUpForm.js';
import { eventually } from '../support/stack.js';

const tokenOf = (mail: CaughtMail) => new URL(`http://x${portalPath(mail)}`).searchParams.get('token')!;

async function sendLink(s: DirectoryStack, officeName: string) {
  const office = await request(s.app).post('/api/offices').send({ name: officeName, cnpj: randomCnpj() }).expect(201);
  const email = randomEmail('futuro.cliente');
  const sent = await request(s.app)
    .post('/api/hiringLinks')
    .send({ officeId: office.body.id, planId: 'profissional', payer: 'client', email })
    .expect(201);
  return {
    officeId: office.body.id as string,
    email,
    sent: sent.body as { id: string; link: string; instanceId: string },
  };
}

const signUp = (s: DirectoryStack, token: string, over: Record<string, string> = {}) =>
  request(s.app).post('/portal/api/hire').send(signUpForm(token, over));

describe('clientHiring: the hiring link', () => {
  it('is sent, reminded, used on the portal to sign up an account in trial that then becomes effective', async () => {
    const s = await directoryStackForTest({ hiring: { resendDelaysMs: [600], expireAfterMs: 3_600_000 } });
    const { officeId, email, sent } = await sendLink(s, 'Contábil Épsilon');
    expect(sent.link).toMatch(/^http:\/\/vinculo\.test\/portal\/hire\?token=/);
    const mails = await eventually(() => {
      const got = s.smtp.to(email);
      if (got.length < 2) throw new Error(`${got.length} mails so far`);
      return got;
    }, 20_000);
    expect(mails[0]!.subject).toBe('Contábil Épsilon convida você a contratar a plataforma');
    expect(mails.map(tokenOf)).toEqual([tokenOf(mails[0]!), tokenOf(mails[0]!)]); // the reminder carries the same link
    expect(`http://vinculo.test${portalPath(mails[1]!)}`).toBe(sent.link);

    const page = await request(s.app).get(portalPath(mails[1]!)).expect(200);
    expect(page.text).toContain('Contábil Épsilon');
    expect(page.text).toContain('Profissional');
    const token = tokenOf(mails[1]!);
    const badCnpj = await signUp(s, token, { cnpj: '11111111111111' }).expect(400);
    expect(badCnpj.body.message).toMatch(/cnpj/i);

    const adminEmail = randomEmail('joana');
    const done = await signUp(s, token, { adminEmail }).expect(201);
    const companyId = done.body.companyId as string;
    expect(done.body.status).toBe('Teste');
    await eventually(async () =>
      expect(await instanceRow(s.db, sent.instanceId)).toMatchObject({ state: 'signedUp', status: 'completed' }),
    );
    // The sign-up reached the hiring process through the event queue, queued with the new company.
    expect(await s.db('queuedEvents').where({ instanceId: sent.instanceId })).toEqual([
      expect.objectContaining({ eventType: 'SIGNED_UP', status: 'delivered' }),
    ]);
    await eventually(async () =>
      expect(await instanceRow(s.db, `clientContract-${companyId}`)).toMatchObject({ state: 'trial' }),
    );
    const account = await request(s.app).get(`/api/accounts/${companyId}`).expect(200);
    expect(account.body).toMatchObject({
      companyName: 'Padaria Pão Quente',
      officeId,
      officeName: 'Contábil Épsilon',
      planId: 'profissional',
      payer: 'client',
      status: 'Teste',
    });
    const again = await signUp(s, token).expect(410);
    expect(again.body.error).toBe('link_used');
    await request(s.app).get(portalPath(mails[0]!)).expect(410);
    const forged = await signUp(s, `${token.slice(0, -2)}xx`).expect(400);
    expect(forged.body.error).toBe('invalid_link');

    await request(s.app)
      .post(`/api/accounts/${companyId}/status`)
      .send({ status: 'Efetivado', reason: 'first payment received' })
      .expect(200);
    const signIn = await request(s.app)
      .post('/portal/api/offices')
      .send({ email: adminEmail, password: 'correct horse battery' })
      .expect(200);
    expect(signIn.body.offices).toEqual([{ officeId, officeName: 'Contábil Épsilon', roles: ['client'] }]);
    await recordFixture('clientHiring-signed-up', s.client, sent.instanceId);
  });

  it('expires when nobody signs up, and then refuses the sign-up', async () => {
    const s = await directoryStackForTest({ hiring: { resendDelaysMs: [], expireAfterMs: 800 } });
    const { email, sent } = await sendLink(s, 'Contábil Zeta');
    await eventually(async () =>
      expect(await instanceRow(s.db, sent.instanceId)).toMatchObject({ state: 'expired', status: 'completed' }),
    );
    expect(s.smtp.to(email)).toHaveLength(1);
    const token = tokenOf(s.smtp.to(email)[0]!);
    await request(s.app)
      .get(portalPath(s.smtp.to(email)[0]!))
      .expect(410);
    const refused = await signUp(s, token).expect(410);
    expect(refused.body.error).toBe('link_expired');
    await recordFixture('clientHiring-expired', s.client, sent.instanceId);
    expect((await request(s.app).get('/api/accounts').expect(200)).body).toEqual([]);
  });

  it('refuses an already registered CNPJ and e-mail without using the link; operators cancel it', async () => {
    const s = await directoryStackForTest();
    const first = await sendLink(s, 'Contábil Eta');
    const cnpj = randomCnpj();
    const adminEmail = randomEmail('admin');
    await eventually(() => expect(s.smtp.to(first.email)).toHaveLength(1));
    await signUp(s, tokenOf(s.smtp.to(first.email)[0]!), { cnpj, adminEmail }).expect(201);

    const second = await sendLink(s, 'Contábil Teta');
    await eventually(() => expect(s.smtp.to(second.email)).toHaveLength(1));
    const token = tokenOf(s.smtp.to(second.email)[0]!);
    const taken = await signUp(s, token, { cnpj }).expect(409);
    expect(taken.body.error).toBe('duplicate_cnpj');
    expect((await signUp(s, token, { adminEmail }).expect(409)).body.error).toBe('already_registered');
    await request(s.app)
      .get(`/portal/api/hire/${encodeURIComponent(token)}`)
      .expect(200); // still usable

    await request(s.app)
      .post('/api/hiringLinks')
      .send({ officeId: second.officeId, planId: 'ouro', payer: 'client', email: second.email })
      .expect(400);
    await request(s.app)
      .post(`/api/instances/${second.sent.instanceId}/events`)
      .send({ type: 'CANCEL', reason: 'sent to the wrong client' })
      .expect(200);
    await eventually(async () =>
      expect(await instanceRow(s.db, second.sent.instanceId)).toMatchObject({ state: 'cancelled' }),
    );
    expect((await signUp(s, token).expect(410)).body.error).toBe('link_cancelled');
    await recordFixture('clientHiring-cancelled', s.client, second.sent.instanceId);
  });
});
