import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { portalPath, type CaughtMail } from '../support/mailCatcher.js';
import { createOfficeWithCompany, randomEmail, useDirectoryStack } from '../support/directoryStack.js';
import { instanceRow } from '../support/projection.js';
import { eventually } from '../support/stack.js';

// Defect 2 of the hostile probe: back-office staff must never hold a usable portal link, and a
// resend must leave only the newest link alive.
const s = useDirectoryStack();
let email: string;
let instanceId: string;
let first: CaughtMail;
beforeAll(async () => {
  const { companyId } = await createOfficeWithCompany(s.app);
  email = randomEmail('links');
  const created = await request(s.app).post('/api/clientUsers').send({ companyId, name: 'Lia', email }).expect(201);
  instanceId = created.body.instanceId;
  first = await eventually(() => s.smtp.to(email)[0] ?? Promise.reject(new Error('no mail yet')));
  // The mail can arrive before the process records it as sent; RESEND_NOW is taken once it has.
  await eventually(async () => expect((await instanceRow(s.db, instanceId))?.state).toBe('awaitingRegistration'));
});

const tokenOf = (mail: CaughtMail) => new URL(`http://x${portalPath(mail)}`).searchParams.get('token')!;
const tokenStatus = async (token: string) =>
  (await request(s.app).get(`/portal/api/token/${encodeURIComponent(token)}`)).status;

describe('portal links in the outbox', () => {
  it('are redacted in every outbox view: list, message, HTML preview and resend answer', async () => {
    const token = tokenOf(first);
    expect(await tokenStatus(token)).toBe(200);
    const list = await request(s.app)
      .get('/api/outbox')
      .query({ filter: JSON.stringify({ instanceId }) })
      .expect(200);
    const id = list.body[0].id as string;
    const views = [
      JSON.stringify(list.body),
      JSON.stringify((await request(s.app).get(`/api/outbox/${id}`).expect(200)).body),
      (await request(s.app).get(`/api/outbox/${id}/html`).expect(200)).text,
      JSON.stringify(
        (await request(s.app).post(`/api/outbox/${id}/resend`).send({ reason: 'lost it' }).expect(201)).body,
      ),
    ];
    for (const view of views) {
      expect(view).not.toContain(token);
      expect(view).not.toContain(token.split('.')[0]);
    }
    const message = (await request(s.app).get(`/api/outbox/${id}`)).body as { html: string; text: string };
    expect(message.text).toMatch(/portal\/register\?token=\[link hidden/);
    expect(message.html).toMatch(/link hidden/);
  });

  it('RESEND_NOW issues a new link and the earlier one stops working', async () => {
    const before = s.smtp.to(email).length;
    await request(s.app)
      .post(`/api/instances/${instanceId}/events`)
      .send({ type: 'RESEND_NOW', reason: 'the user asked again' })
      .expect(200);
    const mails = await eventually(() => {
      const all = s.smtp.to(email);
      if (all.length <= before) throw new Error('no resend yet');
      return all;
    });
    const newest = tokenOf(mails[mails.length - 1]!);
    expect(newest).not.toBe(tokenOf(first));
    expect(await tokenStatus(newest)).toBe(200);
    expect(await tokenStatus(tokenOf(first))).toBe(410);
  });
});
