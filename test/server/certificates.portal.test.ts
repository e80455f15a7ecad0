import crypto from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTinyCa, type TinyCa } from '../support/certificates.js';
import { startCertificateStack, type CertificateStack } from '../support/certificateStack.js';
import { createOfficeWithCompany, existingAccount } from '../support/directoryStack.js';
import { portalCsrf } from '../support/portalPeople.js';

/*
 * The portal's "Certificado digital" tab: a company's own user sees its certificate and sends a
 * replacement with the file's password; anyone else is refused and nothing is stored.
 */

let ca: TinyCa;
let s: CertificateStack;
const PFX_PASSWORD = 'senha-do-pfx';
const PORTAL_PASSWORD = 'a long portal password';

beforeAll(async () => {
  ca = createTinyCa();
  s = await startCertificateStack();
});
afterAll(async () => {
  await s?.stop();
  ca?.cleanup();
});

/** A company and one of its users, registered on the portal and signed in. */
async function signedInUserOfCompany(companyRole: 'admin' | 'user' = 'admin') {
  const { officeId, companyId } = await createOfficeWithCompany(s.app, 'Contábil Chi');
  const cnpj = String((await s.db('companies').where({ id: companyId }).first('cnpj')).cnpj);
  const email = `ana.${crypto.randomUUID().slice(0, 6)}@example.com`;
  const identity = await existingAccount(s.db, email, PORTAL_PASSWORD);
  await s.db('clientUsers').insert({
    id: crypto.randomUUID(),
    companyId,
    officeId,
    identityId: identity.id,
    name: 'Ana',
    email,
    locale: 'en',
    portalAccess: true,
    status: 'registered',
    companyRole,
    createdAt: new Date().toISOString(),
  });
  const agent = request.agent(s.app);
  const signIn = await agent.post('/portal/api/session').send({ email, password: PORTAL_PASSWORD }).expect(200);
  return { agent, csrf: portalCsrf(signIn), companyId, cnpj };
}

const stored = async () => Number((await s.db('certificates').count({ n: '*' }).first())!.n);

describe('the portal\'s "Certificado digital" tab', () => {
  it('shows a missing certificate, takes a valid replacement from the company’s user, then shows its validity', async () => {
    const { agent, csrf, companyId, cnpj } = await signedInUserOfCompany();
    const url = `/portal/api/companies/${companyId}/certificate`;
    expect((await agent.get(url).expect(200)).body).toMatchObject({
      companyName: 'Contábil Chi Cliente',
      validUntil: null,
      invoicingBlocked: false,
    });
    const page = await agent.get(`/portal/certificate?companyId=${companyId}`).set('Accept-Language', 'pt-BR');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Certificado digital');
    expect(page.text).toContain('Senha do arquivo PFX');
    expect(page.text).toContain('Enviar certificado');

    const leaf = ca.issue({ name: `portal-${companyId}`, commonName: `CHI:${cnpj}`, otherNameCnpj: cnpj });
    const pfx = ca.pfx({ key: leaf.key, certs: [leaf.cert], password: PFX_PASSWORD });
    const wrong = await agent
      .post(url)
      .set('X-CSRF-Token', csrf)
      .field('password', 'not the password')
      .attach('file', pfx, 'chi.pfx')
      .expect(422);
    expect(wrong.body.error).toBe('wrong_password');

    const sent = await agent
      .post(url)
      .set('X-CSRF-Token', csrf)
      .field('password', PFX_PASSWORD)
      .attach('file', pfx, 'chi.pfx');
    expect(sent.status).toBe(201);
    expect(sent.body.certificate).toMatchObject({ status: 'current', cnpj });
    expect(JSON.stringify(sent.body)).not.toContain(PFX_PASSWORD);
    const after = (await agent.get(url).expect(200)).body;
    expect(Date.parse(after.validUntil)).toBeGreaterThan(Date.now());
    const audited = await s.db('audit').where({ action: 'certificates.upload', target: `company:${companyId}` });
    expect(audited.map((a) => a.actor)).toEqual([expect.stringMatching(/^user:/), expect.stringMatching(/^user:/)]);
  });

  it("refuses another company's certificate, a simple user's upload, a change without the CSRF header and no session, storing nothing", async () => {
    const { agent, csrf } = await signedInUserOfCompany();
    const { companyId: other } = await createOfficeWithCompany(s.app, 'Contábil Psi');
    const before = await stored();
    const url = `/portal/api/companies/${other}/certificate`;
    const foreign = await agent
      .post(url)
      .set('X-CSRF-Token', csrf)
      .field('password', PFX_PASSWORD)
      .attach('file', crypto.randomBytes(2000), 'x.pfx')
      .expect(403);
    expect(foreign.body.error).toBe('access_denied');
    expect(foreign.body.why).toMatch(/not a user of Contábil Psi Cliente/);
    expect((await agent.get(url).expect(403)).body.error).toBe('access_denied');
    await agent.get('/portal/api/companies/no-such-company/certificate').expect(404);
    await agent.post(url).field('password', PFX_PASSWORD).attach('file', crypto.randomBytes(10), 'x.pfx').expect(403);
    await request(s.app).get(url).expect(401);

    const simple = await signedInUserOfCompany('user');
    const refused = await simple.agent
      .post(`/portal/api/companies/${simple.companyId}/certificate`)
      .set('X-CSRF-Token', simple.csrf)
      .field('password', PFX_PASSWORD)
      .attach('file', crypto.randomBytes(2000), 'x.pfx')
      .expect(403);
    expect(refused.body.error).toBe('access_denied');
    expect(await stored()).toBe(before);
  });
});
