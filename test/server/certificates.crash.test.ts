import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renewalProcessOf } from '../../domain/certificates/service.js';
import { createTinyCa, type TinyCa } from '../support/certificates.js';
import { startCertificateStack, type CertificateStack } from '../support/certificateStack.js';
import { createOfficeWithCompany } from '../support/directoryStack.js';
import { instanceRow } from '../support/projection.js';
import { startWorkerProcess as startWorker } from '../support/serverProcess.js';
import { eventually } from '../support/stack.js';

const children: ChildProcess[] = [];
let ca: TinyCa;
let s: CertificateStack;

beforeAll(async () => {
  ca = createTinyCa();
  s = await startCertificateStack({ remindBeforeMs: [60_000, 40_000, 20_000], noWorker: true });
});
afterAll(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await s?.stop();
  ca?.cleanup();
});

/** A worker in its own process on the stack's database, with the certificate activities. */
async function startWorkerProcess(): Promise<ChildProcess> {
  const child = await startWorker({
    dbEnv: s.dbEnv,
    taskQueue: s.taskQueue,
    smtpUrl: s.smtp.url,
    tokenSecret: 'x'.repeat(32),
    env: { CERTIFICATE_KEY: s.sealKey.toString('base64') },
  });
  children.push(child);
  return child;
}

describe('a worker killed between certificate reminders', () => {
  it('sends each reminder once and still expires', async () => {
    const { officeId, companyId } = await createOfficeWithCompany(s.app);
    const { cnpj } = await s.db('companies').where({ id: companyId }).first('cnpj');
    const manager = `manager.${crypto.randomUUID().slice(0, 6)}@example.com`;
    await s.db('officeUsers').insert({
      id: crypto.randomUUID(),
      officeId,
      name: 'Bia',
      email: manager,
      role: 'manager',
      createdAt: new Date().toISOString(),
    });
    const first = await startWorkerProcess();
    const leaf = ca.issue({
      name: 'crash',
      commonName: `ACME:${cnpj}`,
      otherNameCnpj: cnpj,
      // Room for a restarted worker to bundle its workflows (up to ~25 s on a loaded machine) before the last mark.
      endDate: new Date(Date.now() + 70_000),
    });
    await request(s.app)
      .post('/api/certificates')
      .field('companyId', companyId)
      .field('password', 'pw-crash')
      .field('reason', 'first certificate')
      .attach('file', ca.pfx({ key: leaf.key, certs: [leaf.cert], password: 'pw-crash' }), 'a.pfx')
      .expect(201);

    await eventually(() => expect(s.smtp.to(manager)).toHaveLength(1), 30_000, 20);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    await new Promise((r) => setTimeout(r, 2_000));
    await startWorkerProcess();

    const id = renewalProcessOf(companyId);
    await eventually(async () => expect((await instanceRow(s.db, id))?.state).toBe('expired'), 90_000, 200);
    // Each reminder goes out once (one outbox row per mark, one message per row); the first mark
    // and the last are never lost, and one due while the worker was down is sent late, once.
    const rows: Array<{ idempotencyKey: string }> = await s
      .db('outbox')
      .where({ to: manager })
      .select('idempotencyKey');
    const keys = rows.map((r) => r.idempotencyKey);
    const marks = keys.map((k) => Number(k.split(':').at(-2)));
    expect(marks).toEqual([...new Set(marks)]);
    expect(marks).toEqual(expect.arrayContaining([60_000, 20_000]));
    expect(s.smtp.mailbox(manager)).toHaveLength(keys.length);
    expect(s.smtp.to(manager).length).toBeLessThanOrEqual(keys.length + 1); // a cut send repeats with its Message-ID
  }, 150_000);
});
