import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { portalPath } from '../support/mailCatcher.js';
import { createOfficeWithCompany, randomEmail, useDirectoryStack } from '../support/directoryStack.js';
import { eventually } from '../support/stack.js';

const s = useDirectoryStack();

describe('an expired portal link', () => {
  it('answers 410 on the API and the page, registers nothing, and leaves the process waiting', async () => {
    const { companyId } = await createOfficeWithCompany(s.app, 'Escritório Prazo');
    const email = randomEmail('prazo');
    const created = await request(s.app).post('/api/clientUsers').send({ companyId, name: 'Prazo', email }).expect(201);
    const mail = await eventually(() => s.smtp.to(email)[0] ?? Promise.reject(new Error('no mail yet')));
    const link = portalPath(mail);
    const token = new URL(link, 'http://x').searchParams.get('token')!;
    // Time passes: the link's lifetime ends (the row is what the server checks).
    await s.db('portalTokens').update({ expiresAt: new Date(Date.now() - 1000).toISOString() });

    const info = await request(s.app).get(`/portal/api/token/${encodeURIComponent(token)}`);
    expect(info.status).toBe(410);
    expect(info.body).toMatchObject({ error: 'token_gone', reason: 'expired', message: 'This link has expired.' });
    const register = await request(s.app)
      .post('/portal/api/register')
      .send({ token, password: 'a long enough password' });
    expect(register.status).toBe(410);
    const page = await request(s.app).get(link);
    expect(page.status).toBe(410);
    expect(page.text).toContain('This link has expired.');

    expect(await s.db('identities').where({ email })).toEqual([]);
    expect((await request(s.app).get(`/api/clientUsers/${created.body.id}`)).body).toMatchObject({ status: 'pending' });
  });
});
