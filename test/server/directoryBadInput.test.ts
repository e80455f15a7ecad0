import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { portalPath } from '../support/mailCatcher.js';
import {
  createOfficeWithCompany,
  existingAccount,
  randomCnpj,
  randomEmail,
  useDirectoryStack,
} from '../support/directoryStack.js';
import { eventually } from '../support/stack.js';

const s = useDirectoryStack();
let companyId: string;
let officeId: string;
beforeAll(async () => {
  ({ companyId, officeId } = await createOfficeWithCompany(s.app));
});

const count = async (table: string) => Number((await s.db(table).count({ n: '*' }).first())?.n);

describe('bad input to the directory and the portal', () => {
  it('refuses invalid e-mail, CPF, CNPJ, unknown references and oversize fields with a clear 4xx, changing nothing', async () => {
    const before = {
      users: await count('clientUsers'),
      offices: await count('offices'),
      instances: await count('instances'),
    };
    const cases: Array<[string, Record<string, unknown>, number, RegExp]> = [
      ['/api/clientUsers', { companyId, name: 'X', email: 'not-an-email' }, 400, /email: is not a valid e-mail/],
      [
        '/api/clientUsers',
        { companyId, name: 'X', email: randomEmail('x'), cpf: '123.456.789-00' },
        400,
        /cpf: is not a valid CPF/,
      ],
      ['/api/clientUsers', { companyId: 'nope', name: 'X', email: randomEmail('x') }, 400, /no company "nope"/],
      ['/api/clientUsers', { companyId, name: 'x'.repeat(201), email: randomEmail('x') }, 400, /name/],
      ['/api/clientUsers', { companyId, name: 'X', email: `${'a'.repeat(250)}@example.com` }, 400, /email/],
      ['/api/offices', { name: 'O', cnpj: '11.222.333/0001-00' }, 400, /cnpj: is not a valid CNPJ/],
      ['/api/companies', { officeId: 'nope', name: 'C', cnpj: randomCnpj() }, 400, /no office "nope"/],
      ['/api/officeUsers', { officeId: 'nope', name: 'U', email: randomEmail('u'), role: 'staff' }, 400, /no office/],
      ['/api/officeUsers', { officeId, name: 'U', email: randomEmail('u'), role: 'boss' }, 400, /role/],
    ];
    for (const [url, body, status, message] of cases) {
      const res = await request(s.app).post(url).send(body);
      expect(res.status, `${url} ${JSON.stringify(body).slice(0, 80)}`).toBe(status);
      expect(res.body.message).toMatch(message);
    }
    expect({
      users: await count('clientUsers'),
      offices: await count('offices'),
      instances: await count('instances'),
    }).toEqual(before);
  });

  it('refuses a second active client user with the same e-mail in one company, whatever its case', async () => {
    const email = randomEmail('dup');
    await request(s.app).post('/api/clientUsers').send({ companyId, name: 'First', email }).expect(201);
    const dup = await request(s.app)
      .post('/api/clientUsers')
      .send({ companyId, name: 'Second', email: email.toUpperCase() })
      .expect(409);
    expect(dup.body).toMatchObject({ error: 'duplicate_email' });
    const other = await createOfficeWithCompany(s.app, 'Outro');
    await request(s.app)
      .post('/api/clientUsers')
      .send({ companyId: other.companyId, name: 'Elsewhere', email })
      .expect(201);
  });

  it('answers forged tokens with 400, and used ones with 410, on pages and API alike', async () => {
    const email = randomEmail('tok');
    await request(s.app).post('/api/clientUsers').send({ companyId, name: 'Tok', email }).expect(201);
    const mail = await eventually(() => s.smtp.to(email)[0] ?? Promise.reject(new Error('no mail')));
    const path = portalPath(mail);
    const token = new URL(`http://x${path}`).searchParams.get('token')!;
    const [body, signature] = token.split('.');
    const altered = `${body}.${signature!.slice(0, -2)}${signature!.endsWith('AA') ? 'BB' : 'AA'}`;
    const otherBody = Buffer.from(JSON.stringify({ id: 'guessed', p: 'register' })).toString('base64url');

    await request(s.app)
      .get(`/portal/register?token=${encodeURIComponent(altered)}`)
      .expect(400);
    await request(s.app).get('/portal/register?token=garbage').expect(400);
    await request(s.app)
      .get(`/portal/api/token/${encodeURIComponent(`${otherBody}.${signature}`)}`)
      .expect(400);
    await request(s.app)
      .post('/portal/api/register')
      .send({ token: altered, password: 'long enough password' })
      .expect(400);
    await request(s.app)
      .get(`/portal/link?token=${encodeURIComponent(token)}`)
      .expect(400); // a register link on the link page
    await request(s.app)
      .post('/portal/api/register')
      .send({ token, password: 'x'.repeat(201) })
      .expect(400);
    await request(s.app).post('/portal/api/register').send({ token, password: 'long enough password' }).expect(200);
    const used = await request(s.app).get(path).expect(410);
    expect(used.text).toContain('<html');
    expect(
      (
        await request(s.app)
          .get(`/portal/api/token/${encodeURIComponent(token)}`)
          .expect(410)
      ).body,
    ).toMatchObject({ error: 'token_gone', reason: 'used' });
  });

  it('slows down repeated wrong passwords and links nothing meanwhile', async () => {
    const email = randomEmail('slow');
    const password = 'the right password';
    const identity = await existingAccount(s.db, email, password);
    const other = await createOfficeWithCompany(s.app, 'Terceiro');
    const created = await request(s.app)
      .post('/api/clientUsers')
      .send({ companyId: other.companyId, name: 'Slow', email })
      .expect(201);
    const mail = await eventually(() => s.smtp.to(email)[0] ?? Promise.reject(new Error('no mail')));
    const token = new URL(`http://x${portalPath(mail)}`).searchParams.get('token')!;

    for (let i = 0; i < 3; i++)
      await request(s.app)
        .post('/portal/api/link')
        .send({ token, password: `wrong ${i}` })
        .expect(401);
    const throttled = await request(s.app).post('/portal/api/link').send({ token, password }).expect(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect(await s.db('clientUsers').where({ id: created.body.id }).first()).toMatchObject({ identityId: null });
    await new Promise((r) => setTimeout(r, 1100));
    await request(s.app).post('/portal/api/link').send({ token, password: 'wrong again' }).expect(401);
    const wait = await request(s.app).post('/portal/api/link').send({ token, password }).expect(429);
    expect(wait.body.retryAfterSeconds).toBe(2); // doubled
    await new Promise((r) => setTimeout(r, 2100));
    await request(s.app).post('/portal/api/link').send({ token, password }).expect(200);
    expect(await s.db('clientUsers').where({ id: created.body.id }).first()).toMatchObject({
      identityId: identity.id,
      status: 'linked',
    });
  });
});
