import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { portalPath } from '../support/mailCatcher.js';
import {
  createOfficeWithCompany,
  randomEmail,
  directoryStackForTest,
  type DirectoryStack,
} from '../support/directoryStack.js';
import { instanceRow, pathOf, transitionsOf } from '../support/projection.js';
import { recordFixture } from '../support/fixtures.js';
import { eventually } from '../support/stack.js';

const account = (s: DirectoryStack, companyId: string) => request(s.app).get(`/api/accounts/${companyId}`);
const setStatus = (s: DirectoryStack, companyId: string, status: string, reason = 'test: office asked') =>
  request(s.app).post(`/api/accounts/${companyId}/status`).send({ status, reason });

/** A client user of the company who registered on the portal through the e-mailed link. */
async function registeredClientUser(s: DirectoryStack, companyId: string) {
  const email = randomEmail('cliente');
  await request(s.app).post('/api/clientUsers').send({ companyId, name: 'Cliente', email }).expect(201);
  const mail = await eventually(() => {
    const [m] = s.smtp.to(email);
    if (!m) throw new Error('no mail yet');
    return m;
  });
  const token = new URL(`http://x${portalPath(mail)}`).searchParams.get('token')!;
  await request(s.app).post('/portal/api/register').send({ token, password: 'correct horse battery' }).expect(200);
  return { email, password: 'correct horse battery' };
}

describe('clientContract through the API', () => {
  it('reminds the payer, blocks the unconfirmed trial, refuses portal sign-in while blocked, and unblocks to effective', async () => {
    const s = await directoryStackForTest({
      contract: { reminderDelaysMs: [600], trialEndAfterMs: 900, cancelAfterBlockedMs: 3_600_000 },
    });
    const { companyId } = await createOfficeWithCompany(s.app, 'Contábil Beta');
    const user = await registeredClientUser(s, companyId);
    const payer = randomEmail('pagador');
    const created = await request(s.app)
      .post('/api/accounts')
      .send({ companyId, planId: 'essencial', payer: 'client', contactName: 'Paula', contactEmail: payer })
      .expect(201);
    expect(created.body).toMatchObject({
      companyName: 'Contábil Beta Cliente',
      officeName: 'Contábil Beta',
      planName: 'Essential',
      status: 'Teste',
      instanceId: `clientContract-${companyId}`,
    });
    await request(s.app).post('/portal/api/offices').send(user).expect(200);

    await eventually(async () => expect((await account(s, companyId)).body.status).toBe('Bloqueado'), 30_000);
    const [reminder] = s.smtp.to(payer);
    expect(reminder?.subject).toBe('O período de teste de Contábil Beta Cliente está terminando');
    expect(reminder?.text).toContain('Paula');

    const refused = await request(s.app).post('/portal/api/offices').send(user).expect(403);
    expect(refused.body.error).toBe('account_blocked');
    expect(refused.body.message).toMatch(/blocked/);

    const notAllowed = await setStatus(s, companyId, 'Teste').expect(409);
    expect(notAllowed.body).toMatchObject({
      error: 'status_change_not_allowed',
      status: 'Bloqueado',
      allowed: ['Efetivado', 'Cancelado'],
    });
    await request(s.app).post(`/api/accounts/${companyId}/status`).send({ status: 'Efetivado' }).expect(400);

    const unblocked = await setStatus(s, companyId, 'Efetivado', 'payment received').expect(200);
    expect(unblocked.body.status).toBe('Efetivado');
    await request(s.app).post('/portal/api/offices').send(user).expect(200);
    const steps = await transitionsOf(s.db, created.body.instanceId);
    expect(pathOf(steps)).toEqual([
      '∅ -xstate.init-> recording',
      'recording -xstate.done.actor.0.clientContract.recording-> trial',
      'trial -xstate.after.nextTrialDelay.clientContract.trial-> remindingPayer',
      'remindingPayer -xstate.done.actor.0.clientContract.remindingPayer-> trial',
      'trial -xstate.after.nextTrialDelay.clientContract.trial-> recording',
      'recording -xstate.done.actor.0.clientContract.recording-> blocked',
      'blocked -UNBLOCK-> recording',
      'recording -xstate.done.actor.0.clientContract.recording-> effective',
    ]);
    expect(steps.find((t) => t.event === 'UNBLOCK')).toMatchObject({ reason: 'payment received' });
    await recordFixture('clientContract-blocked-unblocked', s.client, created.body.instanceId);
  });

  it('cancels an account left blocked, after which no status change is allowed', async () => {
    const s = await directoryStackForTest({
      contract: { reminderDelaysMs: [], trialEndAfterMs: 3_600_000, cancelAfterBlockedMs: 800 },
    });
    const { companyId } = await createOfficeWithCompany(s.app, 'Contábil Gama');
    const user = await registeredClientUser(s, companyId);
    const created = await request(s.app)
      .post('/api/accounts')
      .send({ companyId, planId: 'profissional', payer: 'office' })
      .expect(201);
    await eventually(async () => expect((await account(s, companyId)).body.status).toBe('Teste'));
    await eventually(async () =>
      expect(await instanceRow(s.db, created.body.instanceId)).toMatchObject({ state: 'trial' }),
    );
    expect((await setStatus(s, companyId, 'Bloqueado', 'unpaid').expect(200)).body.status).toBe('Bloqueado');
    await eventually(
      async () =>
        expect(await instanceRow(s.db, created.body.instanceId)).toMatchObject({
          state: 'cancelled',
          status: 'completed',
        }),
      30_000,
    );
    expect((await account(s, companyId)).body.status).toBe('Cancelado');
    await recordFixture('clientContract-cancelled', s.client, created.body.instanceId);
    const refused = await request(s.app).post('/portal/api/offices').send(user).expect(403);
    expect(refused.body.error).toBe('account_cancelled');
    const final = await setStatus(s, companyId, 'Efetivado').expect(409);
    expect(final.body).toMatchObject({ status: 'Cancelado', allowed: [] });
  });

  it('refuses unknown plans and companies, and a second contract with other terms, changing nothing', async () => {
    const s = await directoryStackForTest();
    const { companyId } = await createOfficeWithCompany(s.app, 'Contábil Delta');
    const unknownPlan = await request(s.app)
      .post('/api/accounts')
      .send({ companyId, planId: 'ouro', payer: 'office' })
      .expect(400);
    expect(unknownPlan.body).toMatchObject({
      error: 'unknown_plan',
      plans: ['essencial', 'profissional', 'empresarial'],
    });
    await request(s.app)
      .post('/api/accounts')
      .send({ companyId: 'nope', planId: 'essencial', payer: 'office' })
      .expect(400);
    await request(s.app).post('/api/accounts').send({ companyId, planId: 'essencial', payer: 'nobody' }).expect(400);
    expect((await request(s.app).get('/api/accounts').expect(200)).body).toEqual([]);
    await request(s.app).post('/api/accounts').send({ companyId, planId: 'essencial', payer: 'office' }).expect(201);
    const again = await request(s.app)
      .post('/api/accounts')
      .send({ companyId, planId: 'essencial', payer: 'office' })
      .expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    await request(s.app).post('/api/accounts').send({ companyId, planId: 'empresarial', payer: 'office' }).expect(409);
    const filtered = await request(s.app)
      .get(`/api/accounts?filter=${encodeURIComponent(JSON.stringify({ status: 'Teste' }))}`)
      .expect(200);
    expect(filtered.body.map((a: { companyId: string }) => a.companyId)).toEqual([companyId]);
    await request(s.app)
      .get(`/api/accounts?filter=${encodeURIComponent(JSON.stringify({ planet: 'x' }))}`)
      .expect(400);
    await request(s.app).get('/api/accounts/nope').expect(404);
  });
});
