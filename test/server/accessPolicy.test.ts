import crypto from 'node:crypto';
import request from 'supertest';
import { forgedPortalAuth, portalSignIn, type PortalAuth } from '../support/portalPeople.js';
import { describe, expect, it } from 'vitest';
import { generateInvoices } from '../../domain/companyData/documents.js';
import { registerIdentity } from '../../domain/directory/identities.js';
import { createOfficeWithCompany, randomCnpj, randomEmail, useDirectoryStack } from '../support/directoryStack.js';
import { eventually } from '../support/stack.js';

// The access policy's matrix, through the real company-data endpoints: each role × each endpoint
// gets the expected allow or deny (a 403 that says why, or a 401 when nobody signed in); after the
// connection is revoked every accountant call is denied at once.

const s = useDirectoryStack();

type Role = 'companyAdmin' | 'companyUser' | 'accountant' | 'otherOffice' | 'anonymous';
const password = 'uma senha bem longa 42';
const now = () => new Date().toISOString();

async function clientUser(companyId: string, officeId: string, companyRole: 'admin' | 'user') {
  const email = randomEmail(companyRole);
  const identity = await registerIdentity(s.db, email, password);
  await s.db('clientUsers').insert({
    id: crypto.randomUUID(),
    companyId,
    officeId,
    name: `Pessoa ${companyRole}`,
    email,
    status: 'registered',
    portalAccess: true,
    identityId: identity.id,
    companyRole,
    createdAt: now(),
  });
  return email;
}
async function officeUser(officeId: string) {
  const email = randomEmail('contador');
  const identity = await registerIdentity(s.db, email, password);
  await s.db('officeUsers').insert({
    id: crypto.randomUUID(),
    officeId,
    name: 'Pessoa do escritório',
    email,
    role: 'staff',
    active: true,
    identityId: identity.id,
    linkedAt: now(),
    createdAt: now(),
  });
  return email;
}
const sessionOf = (email: string) => portalSignIn(s.app, email, password);

const period = 'year=2026&month=2';
const listFilter = `filter=${encodeURIComponent(JSON.stringify({ year: 2026, month: 2 }))}`;
const settings = { taxRegime: 'presumido', invoiceSeries: 7, monthlyReportByEmail: false };
/** Every company-data endpoint: what it is, and the call. */
const endpoints = (c: string) =>
  [
    ['reports', 'GET', `/portal/api/companies/${c}/reports?${period}&kind=NF-e`],
    ['reports download', 'GET', `/portal/api/companies/${c}/reports/download?${period}`],
    ['supplier XMLs', 'GET', `/portal/api/companies/${c}/supplierXmls?${listFilter}`],
    ['supplier XMLs download', 'GET', `/portal/api/companies/${c}/supplierXmls/download?${period}`],
    ['issued XMLs', 'GET', `/portal/api/companies/${c}/issuedXmls?${listFilter}`],
    ['issued XMLs download', 'GET', `/portal/api/companies/${c}/issuedXmls/download?${period}&kind=NFC-e`],
    ['settings', 'GET', `/portal/api/companies/${c}/settings`],
    ['settings change', 'PUT', `/portal/api/companies/${c}/settings`],
  ] as const;
type Endpoint = ReturnType<typeof endpoints>[number][0];

// Written out, not derived from the module: this is what the issue asks for.
const A = 'allow';
const D = 'deny';
const expected: Record<Role, Record<Endpoint, 'allow' | 'deny' | 'anonymous'>> = {
  companyAdmin: {
    reports: A,
    'reports download': A,
    'supplier XMLs': A,
    'supplier XMLs download': A,
    'issued XMLs': A,
    'issued XMLs download': A,
    settings: A,
    'settings change': A,
  },
  companyUser: {
    reports: A,
    'reports download': A,
    'supplier XMLs': A,
    'supplier XMLs download': D,
    'issued XMLs': A,
    'issued XMLs download': D,
    settings: A,
    'settings change': D,
  },
  accountant: {
    reports: A,
    'reports download': A,
    'supplier XMLs': A,
    'supplier XMLs download': A,
    'issued XMLs': A,
    'issued XMLs download': A,
    settings: D,
    'settings change': D,
  },
  otherOffice: {
    reports: D,
    'reports download': D,
    'supplier XMLs': D,
    'supplier XMLs download': D,
    'issued XMLs': D,
    'issued XMLs download': D,
    settings: D,
    'settings change': D,
  },
  anonymous: {
    reports: 'anonymous',
    'reports download': 'anonymous',
    'supplier XMLs': 'anonymous',
    'supplier XMLs download': 'anonymous',
    'issued XMLs': 'anonymous',
    'issued XMLs download': 'anonymous',
    settings: 'anonymous',
    'settings change': 'anonymous',
  },
};

async function call(method: string, path: string, auth?: PortalAuth) {
  const r = method === 'PUT' ? request(s.app).put(path).send(settings) : request(s.app).get(path);
  return auth ? r.set(auth) : r;
}

describe('the access policy of a company’s data', () => {
  it('answers each role × endpoint as the matrix says, explains each refusal, and ends the accountant’s access at revocation', async () => {
    const { officeId, companyId } = await createOfficeWithCompany(s.app, 'Contábil Política');
    const other = (
      await request(s.app).post('/api/offices').send({ name: 'Contábil Alheio', cnpj: randomCnpj() }).expect(201)
    ).body.id as string;
    expect(await generateInvoices(s.db, companyId, { year: 2026, months: [1, 2, 3], seed: 'policy' })).toBe(24);
    const adminEmail = await clientUser(companyId, officeId, 'admin');
    const auth: Record<Role, PortalAuth | undefined> = {
      companyAdmin: await sessionOf(adminEmail),
      companyUser: await sessionOf(await clientUser(companyId, officeId, 'user')),
      accountant: await sessionOf(await officeUser(officeId)),
      otherOffice: await sessionOf(await officeUser(other)),
      anonymous: undefined,
    };

    // Before any connection the office's user is nobody to the company.
    const early = await call('GET', `/portal/api/companies/${companyId}/reports?${period}`, auth.accountant);
    expect(early.status).toBe(403);
    expect(early.body.why).toMatch(/not connected/);

    // The office connects through the real process: the company's admin approves from the e-mail.
    const created = await request(s.app)
      .post('/api/connectionRequests')
      .send({ direction: 'officeToClient', officeId, companyId, email: adminEmail })
      .expect(201);
    const mail = await eventually(() => {
      expect(s.smtp.to(adminEmail)).toHaveLength(1);
      return s.smtp.to(adminEmail)[0]!;
    });
    const token = decodeURIComponent(/\/portal\/connection\?token=([^&\s]+)&decision=approve/.exec(mail.text)![1]!);
    await request(s.app).post('/portal/api/connection/approve').send({ token }).expect(200);
    await eventually(async () =>
      expect((await s.db('connectionRequests').where({ id: created.body.id }).first()).state).toBe('active'),
    );

    const got: string[] = [];
    const want: string[] = [];
    for (const role of Object.keys(expected) as Role[])
      for (const [name, method, path] of endpoints(companyId)) {
        const res = await call(method, path, auth[role]);
        const outcome = res.status === 200 ? A : res.status === 403 ? D : res.status === 401 ? 'anonymous' : res.status;
        got.push(`${role} ${name}: ${outcome}`);
        want.push(`${role} ${name}: ${expected[role][name]}`);
        if (res.status === 403) {
          expect(res.body).toMatchObject({ error: 'access_denied', role: role === 'otherOffice' ? 'none' : role });
          expect(res.body.why, `${role} ${name}`).toMatch(/^You are .+\. .+/);
        }
      }
    expect(got).toEqual(want);

    // What was allowed answered with the data.
    const report = await call('GET', `/portal/api/companies/${companyId}/reports?${period}&kind=NF-e`, auth.accountant);
    expect(report.body).toMatchObject({ year: 2026, month: 2, kind: 'NF-e', count: 2 });
    const xml = await call(
      'GET',
      `/portal/api/companies/${companyId}/supplierXmls/download?${period}`,
      auth.accountant,
    );
    expect(xml.type).toBe('application/xml');
    expect(xml.text.match(/<NFe>/g)).toHaveLength(4);
    const pending = await call(
      'GET',
      `/portal/api/companies/${companyId}/supplierXmls?filter=${encodeURIComponent(JSON.stringify({ status: 'pending' }))}`,
      auth.companyUser,
    );
    expect(pending.body.map((d: { month: number }) => d.month)).toEqual([3, 3, 3, 3]);
    expect(pending.body[0].xml).toBeUndefined();
    expect(pending.headers['content-range']).toBe('supplierXmls 0-3/4');
    const denied = await call('GET', `/portal/api/companies/${companyId}/settings`, auth.accountant);
    expect(denied.body.why).toMatch(/none of its settings/);
    expect((await call('GET', `/portal/api/companies/${companyId}/settings`, auth.companyUser)).body).toEqual(settings);

    // Revoked: every accountant call is denied at once, before the process has even recorded it.
    await request(s.app)
      .post(`/api/connectionRequests/${created.body.id}/revoke`)
      .send({ side: 'company', reason: 'changed accountants' })
      .expect(200);
    for (const [name, method, path] of endpoints(companyId)) {
      const res = await call(method, path, auth.accountant);
      expect(res.status, name).toBe(403);
      expect(res.body.why, name).toMatch(/not connected/);
    }
    const access = await call('GET', `/portal/api/companies/${companyId}/access`, auth.accountant);
    expect(access.body).toMatchObject({ role: 'none', connectionId: null });
    expect(access.body.matrix.every((r: { allow: boolean }) => !r.allow)).toBe(true);
  });

  it('refuses a forged session, a wrong password and bad periods, changing nothing', async () => {
    const { officeId, companyId } = await createOfficeWithCompany(s.app, 'Contábil Entrada');
    const email = await clientUser(companyId, officeId, 'admin');
    const auth = await sessionOf(email);
    const forged = await call('GET', `/portal/api/companies/${companyId}/settings`, forgedPortalAuth(auth));
    expect(forged.status).toBe(401);
    expect(forged.body.message).toMatch(/Sign in/);
    const wrong = await request(s.app).post('/portal/api/session').send({ email, password: 'not the password' });
    expect(wrong.status).toBe(401);
    for (const q of ['year=1999&month=2', 'year=2026&month=13', 'year=2026&month=2&kind=NF', 'month=2'])
      expect((await call('GET', `/portal/api/companies/${companyId}/reports?${q}`, auth)).status, q).toBe(400);
    const bad = await request(s.app)
      .put(`/portal/api/companies/${companyId}/settings`)
      .set(auth)
      .send({ taxRegime: 'nenhum', invoiceSeries: 7, monthlyReportByEmail: true });
    expect(bad.status).toBe(400);
    expect(await s.db('companySettings').where({ companyId })).toHaveLength(0);
    expect((await call('GET', '/portal/api/companies/nope/settings', auth)).status).toBe(404);
  });
});
