import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { existingAccount, randomCnpj, randomEmail, useDirectoryStack } from '../support/directoryStack.js';
import { portalPath } from '../support/mailCatcher.js';
import { instanceRow } from '../support/projection.js';
import { eventually } from '../support/stack.js';

const s = useDirectoryStack();

async function office(name: string, linkedEmails: string[] = []) {
  const created = await request(s.app)
    .post('/api/offices')
    .send({ name, cnpj: randomCnpj(), linkedEmails })
    .expect(201);
  return created.body.id as string;
}

const registration = (officeId: string, adminEmail: string, cnpj = randomCnpj()) => ({
  officeId,
  planId: 'profissional',
  payer: 'client',
  company: { name: 'Mercearia Boa Vista', cnpj },
  admin: { name: 'Rita', email: adminEmail },
});
const register = (body: object) => request(s.app).post('/api/accounts/register').send(body);
const count = async (table: string) => Number((await s.db(table).count({ n: '*' }))[0]!.n);

describe('"Novo cadastro": an office registers its client itself', () => {
  it('makes the company, its contract in trial and its admin, whose registration e-mail arrives', async () => {
    const officeId = await office('Contábil Nu');
    const email = randomEmail('rita');
    const done = await register(registration(officeId, email)).expect(201);
    expect(done.body).toMatchObject({
      companyName: 'Mercearia Boa Vista',
      officeName: 'Contábil Nu',
      planId: 'profissional',
      payer: 'client',
      status: 'Teste',
      warnings: [],
    });
    const admin = await request(s.app).get(`/api/clientUsers/${done.body.clientUserId}`).expect(200);
    expect(admin.body).toMatchObject({ email, companyId: done.body.companyId });
    const mail = await eventually(() => s.smtp.to(email)[0] ?? Promise.reject(new Error('no mail yet')));
    await request(s.app).get(portalPath(mail)).expect(200);
    await eventually(async () =>
      expect(await instanceRow(s.db, `clientContract-${done.body.companyId}`)).toMatchObject({ state: 'trial' }),
    );
  });

  it('takes the placeholder path for an e-mail that already has an account', async () => {
    const officeId = await office('Contábil Xi');
    const email = randomEmail('existente');
    await existingAccount(s.db, email, 'the existing password');
    const done = await register(registration(officeId, email)).expect(201);
    const admin = (await request(s.app).get(`/api/clientUsers/${done.body.clientUserId}`).expect(200)).body;
    await eventually(async () =>
      expect(await instanceRow(s.db, admin.instanceId as string)).toMatchObject({ state: 'awaitingLink' }),
    );
  });

  it('warns, without refusing, when the e-mail is the office’s own or another office’s', async () => {
    const ownEmail = randomEmail('fiscal');
    const officeId = await office('Contábil Ômicron', [ownEmail]);
    const other = await office('Contábil Pi');
    const staffEmail = randomEmail('contador');
    await request(s.app)
      .post('/api/officeUsers')
      .send({ officeId: other, name: 'Caio', email: staffEmail, role: 'manager' })
      .expect(201);

    const own = await request(s.app)
      .post('/api/accounts/register/check')
      .send({ officeId, email: ownEmail })
      .expect(200);
    expect(own.body.warnings).toEqual([
      expect.objectContaining({ code: 'email_of_this_office', officeName: 'Contábil Ômicron' }),
    ]);
    const foreign = await register(registration(officeId, staffEmail)).expect(201);
    expect(foreign.body.warnings).toEqual([
      expect.objectContaining({ code: 'email_of_another_office', officeName: 'Contábil Pi' }),
    ]);
    expect(foreign.body.warnings[0].message).toMatch(/another accounting office \(Contábil Pi\)/);
    const clean = await request(s.app)
      .post('/api/accounts/register/check')
      .send({ officeId, email: randomEmail('cliente') })
      .expect(200);
    expect(clean.body.warnings).toEqual([]);
  });

  it('answers the same request again with the same account, creating nothing twice', async () => {
    const officeId = await office('Contábil Rô');
    const body = registration(officeId, randomEmail('repete'));
    const before = await count('companies');
    const first = await register(body).set('Idempotency-Key', 'novo-cadastro-1').expect(201);
    const again = await register(body).set('Idempotency-Key', 'novo-cadastro-1').expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toMatchObject({ id: first.body.id, clientUserId: first.body.clientUserId });
    expect(await count('companies')).toBe(before + 1);
  });

  it('refuses bad input with the reason and creates nothing', async () => {
    const officeId = await office('Contábil Sigma');
    const before = { companies: await count('companies'), users: await count('clientUsers') };
    const badCnpj = await register(registration(officeId, randomEmail('x'), '11111111111111')).expect(400);
    expect(badCnpj.body.message).toMatch(/cnpj/i);
    const unknownPlan = await register({ ...registration(officeId, randomEmail('x')), planId: 'ouro' }).expect(400);
    expect(unknownPlan.body.error).toBe('unknown_plan');
    const unknownOffice = await register(registration('no-such-office', randomEmail('x'))).expect(400);
    expect(unknownOffice.body.error).toBe('unknown_office');
    await register({ ...registration(officeId, 'not-an-email') }).expect(400);
    const { admin: _admin, ...noAdmin } = registration(officeId, randomEmail('x'));
    expect((await register(noAdmin).expect(400)).body.message).toMatch(/admin/);
    const taken = randomCnpj();
    await register(registration(officeId, randomEmail('a'), taken)).expect(201);
    before.companies += 1;
    before.users += 1;
    const duplicate = await register({
      ...registration(officeId, randomEmail('b'), taken),
      company: { name: 'Outra Empresa', cnpj: taken },
    }).expect(409);
    expect(duplicate.body.error).toBe('duplicate_cnpj');
    expect({ companies: await count('companies'), users: await count('clientUsers') }).toEqual(before);
  });
});
