import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { portalPath } from '../support/mailCatcher.js';
import {
  createOfficeWithCompany,
  randomEmail,
  directoryStackForTest,
  type DirectoryStack,
} from '../support/directoryStack.js';
import { instanceRow } from '../support/projection.js';
import { recordFixture } from '../support/fixtures.js';
import { eventually } from '../support/stack.js';

async function accountWithAdmin(s: DirectoryStack, name: string) {
  const { companyId } = await createOfficeWithCompany(s.app, name);
  const email = randomEmail('admin');
  await request(s.app).post('/api/clientUsers').send({ companyId, name: 'Admin', email }).expect(201);
  const mail = await eventually(() => {
    const [m] = s.smtp.to(email);
    if (!m) throw new Error('no mail yet');
    return m;
  });
  const token = new URL(`http://x${portalPath(mail)}`).searchParams.get('token')!;
  await request(s.app).post('/portal/api/register').send({ token, password: 'correct horse battery' }).expect(200);
  await request(s.app).post('/api/accounts').send({ companyId, planId: 'essencial', payer: 'office' }).expect(201);
  return { companyId, email };
}

const rotate = (s: DirectoryStack, companyId: string) =>
  request(s.app).post(`/api/accounts/${companyId}/keys`).send({ reason: 'test: new application' });
const call = (s: DirectoryStack, key?: string) => {
  const r = request(s.app).get('/integration/v1/company');
  return key ? r.set('Authorization', `Bearer ${key}`) : r;
};

describe('integration keys', () => {
  it('keeps the old key working through the grace period, reminds the admins, then only the new one works', async () => {
    const s = await directoryStackForTest({ keyRotation: { graceMs: 3000, reminderBeforeMs: 1500 } });
    const { companyId, email } = await accountWithAdmin(s, 'Contábil Iota');
    const first = (await rotate(s, companyId).expect(201)).body as { key: string; instanceId: string };
    expect((await call(s, first.key).expect(200)).body).toMatchObject({ id: companyId, name: 'Contábil Iota Cliente' });
    const stored = await s.db('integrationKeys').where({ companyId }).select('hash');
    expect(JSON.stringify(stored)).not.toContain(first.key); // only the hash is kept

    const second = (await rotate(s, companyId).expect(201)).body as { key: string; instanceId: string };
    await call(s, first.key).expect(200);
    await call(s, second.key).expect(200);
    const refused = await rotate(s, companyId).expect(409);
    expect(refused.body).toMatchObject({ error: 'rotation_in_grace', instanceId: second.instanceId });

    await eventually(() =>
      expect(s.smtp.to(email).map((m) => m.subject)).toContain(
        'A chave de integração anterior de Contábil Iota Cliente vai parar de funcionar',
      ),
    );
    await eventually(async () =>
      expect(await instanceRow(s.db, second.instanceId)).toMatchObject({ state: 'revoked', status: 'completed' }),
    );
    expect((await call(s, first.key).expect(401)).body.error).toBe('invalid_key');
    await recordFixture('integrationKeyRotation-grace', s.client, second.instanceId);
    await call(s, second.key).expect(200);
  });

  it('lets an operator revoke the old key at once, and refuses every key of a blocked account', async () => {
    const s = await directoryStackForTest({ keyRotation: { graceMs: 3_600_000, reminderBeforeMs: 60_000 } });
    const { companyId } = await accountWithAdmin(s, 'Contábil Kapa');
    const first = (await rotate(s, companyId).expect(201)).body as { key: string };
    const second = (await rotate(s, companyId).expect(201)).body as { key: string; instanceId: string };
    await call(s, first.key).expect(200);
    await request(s.app)
      .post(`/api/instances/${second.instanceId}/events`)
      .send({ type: 'REVOKE_NOW', reason: 'the old key leaked' })
      .expect(200);
    await eventually(async () => expect((await call(s, first.key)).status).toBe(401));
    await s.client.workflow.getHandle(second.instanceId).result();
    await recordFixture('integrationKeyRotation-revoked-now', s.client, second.instanceId);
    await call(s, second.key).expect(200);

    await request(s.app)
      .post(`/api/accounts/${companyId}/status`)
      .send({ status: 'Bloqueado', reason: 'unpaid' })
      .expect(200);
    const blocked = await call(s, second.key).expect(403);
    expect(blocked.body.error).toBe('account_blocked');
    expect(blocked.body.message).toMatch(/blocked/);
    await call(s).expect(401);
    await call(s, 'vk_not-a-key').expect(401);
  });

  it('stops the old key at once by default (no grace), its rotation timed as configured', async () => {
    const s = await directoryStackForTest();
    const { companyId } = await accountWithAdmin(s, 'Contábil Lambda');
    const first = (await rotate(s, companyId).expect(201)).body as { key: string };
    const second = (await rotate(s, companyId).expect(201)).body as { key: string; instanceId: string };
    await call(s, first.key).expect(401);
    await call(s, second.key).expect(200);
    // KEY_GRACE_HOURS 0 and KEY_REMINDER_BEFORE_HOURS 24, as the configuration's defaults say.
    const snapshot = await request(s.app).get(`/api/instances/${second.instanceId}/snapshot`).expect(200);
    expect(snapshot.body.context.timing).toEqual({ graceMs: 0, reminderBeforeMs: 24 * 3_600_000 });
    await request(s.app).post(`/api/accounts/${companyId}/keys`).send({}).expect(400);
  });

  it('makes one key for one request retried under its Idempotency-Key, without showing the key twice', async () => {
    const s = await directoryStackForTest();
    const { companyId } = await accountWithAdmin(s, 'Contábil Mi');
    const once = () => rotate(s, companyId).set('Idempotency-Key', 'rotate-mi-1');
    const first = (await once().expect(201)).body as { key: string; keyId: string; prefix: string };
    const again = await once().expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toMatchObject({ key: null, keyId: first.keyId, prefix: first.prefix, replayed: true });
    expect(again.body.message).toMatch(/shown only once/);
    await call(s, first.key).expect(200); // the retry revoked nothing
    expect(Number((await s.db('integrationKeys').where({ companyId }).count({ n: '*' }).first())?.n)).toBe(1);
    const audited = await s.db('audit').where({ action: 'integrationKeys.rotate' }).count({ n: '*' });
    expect(Number(audited[0]!.n)).toBe(1);

    const other = await rotate(s, companyId)
      .set('Idempotency-Key', 'rotate-mi-1')
      .send({ reason: 'a different request' })
      .expect(409);
    expect(other.body.error).toBe('idempotency_key_reused');
  });
});
