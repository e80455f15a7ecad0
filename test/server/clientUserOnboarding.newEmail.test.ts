import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { portalPath } from '../support/mailCatcher.js';
import { createOfficeWithCompany, randomCpf, randomEmail, directoryStackForTest } from '../support/directoryStack.js';
import { instanceRow } from '../support/projection.js';
import { eventually } from '../support/stack.js';

describe('clientUserOnboarding with a new e-mail', () => {
  it('mails a registration link; the user sets a password and the process ends registered', async () => {
    const s = await directoryStackForTest();
    const { companyId, officeId } = await createOfficeWithCompany(s.app, 'Contábil Alfa');
    const email = randomEmail('ana');
    const created = await request(s.app)
      .post('/api/clientUsers')
      .send({ companyId, name: 'Ana <Souza>', email: `  ${email.toUpperCase()} `, cpf: randomCpf() })
      .expect(201);
    expect(created.body).toMatchObject({
      email,
      status: 'pending',
      officeId,
      instanceId: `clientUserOnboarding-${created.body.id}`,
    });

    const mail = await eventually(() => {
      const [m] = s.smtp.to(email);
      if (!m) throw new Error('no mail yet');
      return m;
    });
    expect(mail.text).toContain('Ana <Souza>'); // plain text keeps the name as typed
    const page = await request(s.app).get(portalPath(mail)).expect(200);
    expect(page.text).toContain(email);

    const token = new URL(`http://x${portalPath(mail)}`).searchParams.get('token')!;
    const info = await request(s.app)
      .get(`/portal/api/token/${encodeURIComponent(token)}`)
      .expect(200);
    expect(info.body).toMatchObject({ purpose: 'register', email, existingAccount: false });

    await request(s.app).post('/portal/api/register').send({ token, password: 'short' }).expect(400);
    const done = await request(s.app)
      .post('/portal/api/register')
      .send({ token, password: 'correct horse battery' })
      .expect(200);
    expect(done.body.state).toBe('registered');
    expect(done.body.offices).toEqual([{ officeId, officeName: 'Contábil Alfa', roles: ['client'] }]);

    const row = await instanceRow(s.db, created.body.instanceId);
    expect(row).toMatchObject({ state: 'registered', status: 'completed' });
    const user = await request(s.app).get(`/api/clientUsers/${created.body.id}`).expect(200);
    expect(user.body).toMatchObject({ status: 'registered', portalAccess: true });

    // The link is single-use: the page and the API now answer 410.
    await request(s.app).get(portalPath(mail)).expect(410);
    await request(s.app).post('/portal/api/register').send({ token, password: 'another password' }).expect(410);
    expect(s.smtp.to(email)).toHaveLength(1);
    const outbox = await request(s.app)
      .get(`/api/outbox?filter=${encodeURIComponent(JSON.stringify({ instanceId: created.body.instanceId }))}`)
      .expect(200);
    expect(outbox.body).toHaveLength(1);
    expect(outbox.body[0]).toMatchObject({ to: email, template: 'registration', locale: 'pt-BR', status: 'sent' });
    expect(outbox.headers['content-range']).toBe('outbox 0-0/1');
    const message = await request(s.app).get(`/api/outbox/${outbox.body[0].id}`).expect(200);
    expect(message.body.html).toContain('Ana &lt;Souza&gt;'); // the HTML part has it escaped
  });
});
