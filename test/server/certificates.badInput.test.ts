import crypto from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTinyCa, type TinyCa } from '../support/certificates.js';
import { startCertificateStack, type CertificateStack } from '../support/certificateStack.js';
import { createOfficeWithCompany } from '../support/directoryStack.js';

let ca: TinyCa;
let s: CertificateStack;
const PASSWORD = 'senha-do-pfx';

beforeAll(async () => {
  ca = createTinyCa();
  s = await startCertificateStack();
});
afterAll(async () => {
  await s?.stop();
  ca?.cleanup();
});

const post = (fields: Record<string, string>, file?: Buffer) => {
  let r = request(s.app).post('/api/certificates');
  for (const [k, v] of Object.entries(fields)) r = r.field(k, v);
  return file ? r.attach('file', file, 'a.pfx') : r;
};
const stored = async () => Number((await s.db('certificates').count({ n: '*' }).first())!.n);

describe('POST /api/certificates refuses bad input and stores nothing', () => {
  it('missing file, empty password, no reason, unknown company, a big file', async () => {
    const { companyId } = await createOfficeWithCompany(s.app);
    const pfx = crypto.randomBytes(2000);
    const cases: Array<[string, request.Test, number, string]> = [
      ['missing file', post({ companyId, password: PASSWORD, reason: 'renewal' }), 400, 'file_required'],
      ['empty password', post({ companyId, password: '', reason: 'renewal' }, pfx), 400, 'password_required'],
      ['no reason', post({ companyId, password: PASSWORD }, pfx), 400, 'bad_request'],
      [
        'unknown company',
        post({ companyId: 'nope', password: PASSWORD, reason: 'renewal' }, pfx),
        404,
        'unknown_company',
      ],
      [
        'a 50 MB upload',
        post({ companyId, password: PASSWORD, reason: 'renewal' }, Buffer.alloc(50 * 1024 * 1024, 7)),
        413,
        'file_too_large',
      ],
    ];
    for (const [name, req, status, code] of cases) {
      const res = await req;
      expect([name, res.status, res.body.error, typeof res.body.message]).toEqual([name, status, code, 'string']);
    }
    expect(await stored()).toBe(0);
  });

  it('tells a rejected file apart with its code and keeps no secret of it', async () => {
    const { companyId } = await createOfficeWithCompany(s.app);
    const res = await post(
      { companyId, password: PASSWORD, reason: 'renewal' },
      Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n'),
    );
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: 'pem_not_pfx' });
    expect(res.text).not.toContain(PASSWORD);
    const row = await s.db('certificates').where({ companyId }).first();
    expect(row).toMatchObject({ status: 'rejected', sealedPfx: null, sealedPassword: null });
    const audit = await s.db('audit').where({ action: 'certificates.upload' }).orderBy('id', 'desc').first();
    expect(audit).toMatchObject({ target: `company:${companyId}`, reason: 'renewal' });
  });

  it('refuses a second upload while one is being validated', async () => {
    const { companyId } = await createOfficeWithCompany(s.app);
    const company = await s.db('companies').where({ id: companyId }).first('cnpj');
    const leaf = ca.issue({ name: `c-${companyId}`, commonName: `ACME:${company.cnpj}`, otherNameCnpj: company.cnpj });
    const good = ca.pfx({ key: leaf.key, certs: [leaf.cert], password: PASSWORD });
    // A pending upload stands for one being validated (as between the API's store and the activity).
    await s.store.addPending(companyId, good, PASSWORD, 'operator:other');
    const res = await post({ companyId, password: PASSWORD, reason: 'again' }, good);
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('upload_in_progress');
    expect(await s.db('certificates').where({ companyId })).toHaveLength(1);
  });

  it('lists with the expired and expiring filters, and refuses an unknown one', async () => {
    const list = await request(s.app)
      .get('/api/certificates')
      .query({ filter: JSON.stringify({ window: 'expired' }) });
    expect(list.status).toBe(200);
    expect(list.headers['content-range']).toMatch(/^certificates /);
    const bad = await request(s.app)
      .get('/api/certificates')
      .query({ filter: JSON.stringify({ window: 'soon' }) });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('bad_request');
    await request(s.app).get('/api/certificates/nope').expect(404);
  });
});
