import crypto from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renewalProcessOf } from '../../domain/certificates/service.js';
import { createTinyCa, type TinyCa } from '../support/certificates.js';
import { startCertificateStack, type CertificateStack } from '../support/certificateStack.js';
import { createOfficeWithCompany } from '../support/directoryStack.js';
import { instanceRow, transitionsOf } from '../support/projection.js';
import { eventually } from '../support/stack.js';
import { secretRuns } from '../support/secretRuns.js';

const PASSWORD = `pfx-${crypto.randomUUID()}`;
const year = 365 * 86_400_000;
let ca: TinyCa;
let s: CertificateStack;
const responses: string[] = [];

beforeAll(async () => {
  ca = createTinyCa();
  s = await startCertificateStack({ remindBeforeMs: [12_000, 6_000] });
});
afterAll(async () => {
  await s?.stop();
  ca?.cleanup();
});

async function companyWithPeople() {
  const { officeId, companyId } = await createOfficeWithCompany(s.app);
  const company = await s.db('companies').where({ id: companyId }).first('cnpj');
  const admin = `admin.${crypto.randomUUID().slice(0, 6)}@example.com`;
  const manager = `manager.${crypto.randomUUID().slice(0, 6)}@example.com`;
  const now = new Date().toISOString();
  await s.db('clientUsers').insert({
    id: crypto.randomUUID(),
    companyId,
    officeId,
    name: 'Ana',
    email: admin,
    locale: 'en',
    portalAccess: true,
    status: 'registered',
    createdAt: now,
  });
  await s
    .db('officeUsers')
    .insert({ id: crypto.randomUUID(), officeId, name: 'Bia', email: manager, role: 'manager', createdAt: now });
  return { companyId, cnpj: String(company.cnpj), admin, manager };
}

const upload = async (companyId: string, pfx: Buffer, password: string, expect: number) => {
  const res = await request(s.app)
    .post('/api/certificates')
    .field('companyId', companyId)
    .field('password', password)
    .field('reason', 'renewal sent by the client')
    .attach('file', pfx, 'company.pfx');
  responses.push(res.text);
  if (res.status !== expect) {
    const row = await s
      .db('instances')
      .where({ id: renewalProcessOf(companyId) })
      .first();
    throw new Error(`Expected ${expect}, got ${res.status}: ${res.text} ${JSON.stringify(row)}`);
  }
  return res.body as Record<string, unknown>;
};

const stateOf = async (id: string) => (await instanceRow(s.db, id))?.state as string | undefined;

describe('certificateRenewal on the real stack', () => {
  it('reminds in order, expires and blocks, refuses a bad upload, renews with a fresh run and re-arms reminders', async () => {
    const { companyId, cnpj, admin, manager } = await companyWithPeople();
    const id = renewalProcessOf(companyId);
    const shortLived = ca.issue({
      name: 'short',
      commonName: `ACME:${cnpj}`,
      otherNameCnpj: cnpj,
      endDate: new Date(Date.now() + 24_000),
    });
    const first = ca.pfx({ key: shortLived.key, certs: [shortLived.cert], password: PASSWORD });
    const accepted = await upload(companyId, first, PASSWORD, 201);
    expect(accepted).toMatchObject({ status: 'current', cnpj });

    await eventually(async () => expect(await stateOf(id)).toBe('expired'), 40_000, 200);
    expect((await s.db('companies').where({ id: companyId }).first('invoicingBlocked')).invoicingBlocked).toBeTruthy();
    for (const who of [admin, manager]) expect(s.smtp.mailbox(who)).toHaveLength(2);
    expect(s.smtp.mailbox(admin)[0]!.subject).toMatch(/expires in 1 day/); // English for the admin
    expect(s.smtp.mailbox(manager)[0]!.subject).toMatch(/^Certificado digital de .* vence/);
    const timerSteps = (await transitionsOf(s.db, id))
      .filter((t) => t.actor === 'timer')
      .map((t) => `${t.from}>${t.to}`);
    expect(timerSteps).toEqual(['valid>reminding', 'expiringSoon>reminding', 'expiringSoon>checking']);

    const wrong = await upload(companyId, first, 'not the password', 422);
    expect(wrong.error).toBe('wrong_password');
    await eventually(async () => expect(await stateOf(id)).toBe('expired'));

    const yearLong = ca.issue({
      name: 'long',
      commonName: `ACME:${cnpj}`,
      otherNameCnpj: cnpj,
      endDate: new Date(Date.now() + year),
    });
    const second = ca.pfx({ key: yearLong.key, certs: [yearLong.cert], password: PASSWORD, format: 'legacy3des' });
    const renewed = await upload(companyId, second, PASSWORD, 201);
    await eventually(async () => expect(await stateOf(id)).toBe('valid'));
    const row = await instanceRow(s.db, id);
    // The wait is computed when the plan is read and armed just after: due within a second of the mark.
    const due = Date.parse(String(renewed.validUntil)) - 12_000;
    expect(Math.abs(Date.parse(row.nextTimerAt) - due)).toBeLessThan(1_000);
    expect((await s.db('companies').where({ id: companyId }).first('invoicingBlocked')).invoicingBlocked).toBeFalsy();

    // The renewal started a fresh run, which carries the reminder timer.
    const runs = (await s.instances.history(id)) as Array<{ events: unknown[] }>;
    expect(runs.length).toBeGreaterThanOrEqual(2);
    const shown = await request(s.app).get(`/api/certificates/${companyId}`).expect(200);
    responses.push(shown.text);
    expect(shown.body.history.map((c: { status: string }) => c.status)).toEqual(['current', 'rejected', 'replaced']);
    const snapshot = await s.instances.snapshot(id);
    expect(snapshot.timers).toHaveLength(1);

    // No secret anywhere: the raw and decoded histories, the logs and every API answer.
    const raw = [];
    for (const run of runs) raw.push(JSON.stringify(run));
    const rawHandle = await s.client.workflow.getHandle(id).fetchHistory();
    raw.push(JSON.stringify(rawHandle));
    const list = await request(s.app).get('/api/certificates').expect(200);
    responses.push(list.text);
    const haystack = [...raw, ...responses, ...s.logs, ...s.smtp.messages.map((m) => m.raw)].join('\n');
    expect(haystack).toContain(companyId); // the search does look at real text
    for (const needle of [PASSWORD, ...secretRuns(first), ...secretRuns(second)])
      expect(haystack).not.toContain(needle);
  });
});
