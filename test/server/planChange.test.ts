import request from 'supertest';
import { describe, expect, it } from 'vitest';
import {
  createOfficeWithCompany,
  directoryStackForTest,
  type DirectoryStack,
  type DirectoryStackOptions,
} from '../support/directoryStack.js';
import { instanceRow, pathOf, transitionsOf } from '../support/projection.js';
import { recordFixture } from '../support/fixtures.js';
import { eventually } from '../support/stack.js';

async function accountOn(planId: string, o: DirectoryStackOptions = {}) {
  const s = await directoryStackForTest(o);
  const { companyId } = await createOfficeWithCompany(s.app, `Contábil ${planId}`);
  await request(s.app).post('/api/accounts').send({ companyId, planId, payer: 'office' }).expect(201);
  return { s, companyId };
}

const changePlan = (s: DirectoryStack, companyId: string, planId: string, reason = 'test: the client asked') =>
  request(s.app).post(`/api/accounts/${companyId}/plan`).send({ planId, reason });
const account = async (s: DirectoryStack, companyId: string) =>
  (await request(s.app).get(`/api/accounts/${companyId}`).expect(200)).body as Record<string, unknown>;
const auditCount = async (s: DirectoryStack) =>
  Number((await s.db('audit').where({ action: 'contracts.plan' }).count({ n: '*' }))[0]!.n);

describe('plan changes', () => {
  it('applies a plan that changes at once, visible on the account and in the transitions', async () => {
    const { s, companyId } = await accountOn('essencial');
    const answer = await changePlan(s, companyId, 'profissional').expect(200);
    expect(answer.body).toMatchObject({
      planId: 'profissional',
      planName: 'Professional',
      pendingPlanId: null,
      planChange: { fromPlanId: 'essencial', toPlanId: 'profissional', scheduled: false, replayed: false },
    });
    const instanceId = answer.body.planChange.instanceId as string;
    await eventually(async () => expect(await instanceRow(s.db, instanceId)).toMatchObject({ state: 'applied' }));
    expect(pathOf(await transitionsOf(s.db, instanceId))).toEqual([
      '∅ -xstate.init-> applying',
      'applying -xstate.done.actor.0.planChange.applying-> applied',
    ]);
    await recordFixture('planChange-applied', s.client, instanceId);
  });

  it('schedules a plan that changes at the next billing date, refuses a second change meanwhile, then applies it on the timer', async () => {
    const { s, companyId } = await accountOn('essencial', { billingDelayMs: 2500 });
    const answer = await changePlan(s, companyId, 'empresarial').expect(200);
    expect(answer.body).toMatchObject({
      planId: 'essencial',
      pendingPlanId: 'empresarial',
      planChange: { toPlanId: 'empresarial', scheduled: true },
    });
    const instanceId = answer.body.planChange.instanceId as string;
    expect(answer.body.pendingPlanInstanceId).toBe(instanceId);
    expect(Date.parse(answer.body.pendingPlanAt as string)).toBeGreaterThan(Date.now());

    const refused = await changePlan(s, companyId, 'profissional').expect(409);
    expect(refused.body).toMatchObject({ error: 'plan_change_pending', pendingPlanId: 'empresarial', instanceId });
    expect(refused.body.message).toMatch(/already scheduled/);

    await eventually(async () => expect(await account(s, companyId)).toMatchObject({ planId: 'empresarial' }), 20_000);
    expect(await account(s, companyId)).toMatchObject({ pendingPlanId: null, pendingPlanAt: null });
    // The account changes in the step's activity; the projection records the step just after it.
    await eventually(async () =>
      expect(await instanceRow(s.db, instanceId)).toMatchObject({ state: 'applied', status: 'completed' }),
    );
    await recordFixture('planChange-scheduled', s.client, instanceId);
  });

  it('lets an operator cancel a scheduled change, and the account keeps its plan', async () => {
    const { s, companyId } = await accountOn('profissional', { billingDelayMs: 3_600_000 });
    const answer = await changePlan(s, companyId, 'empresarial').expect(200);
    const instanceId = answer.body.planChange.instanceId as string;
    await eventually(async () => expect(await instanceRow(s.db, instanceId)).toMatchObject({ state: 'scheduled' }));
    await request(s.app)
      .post(`/api/instances/${instanceId}/events`)
      .send({ type: 'CANCEL', reason: 'the client changed their mind' })
      .expect(200);
    await eventually(async () => expect(await instanceRow(s.db, instanceId)).toMatchObject({ state: 'cancelled' }));
    expect(await account(s, companyId)).toMatchObject({ planId: 'profissional', pendingPlanId: null });
    await changePlan(s, companyId, 'essencial').expect(200); // nothing pending any more
    await recordFixture('planChange-cancelled', s.client, instanceId);
  });

  it('answers a retry under the same Idempotency-Key with the first change, changing nothing more', async () => {
    const { s, companyId } = await accountOn('essencial', { billingDelayMs: 3_600_000 });
    const once = () => changePlan(s, companyId, 'empresarial').set('Idempotency-Key', 'plan-1');
    const first = await once().expect(200);
    const again = await once().expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.planChange).toMatchObject({
      instanceId: first.body.planChange.instanceId,
      fromPlanId: 'essencial',
      toPlanId: 'empresarial',
      effectiveAt: first.body.planChange.effectiveAt,
      replayed: true,
    });
    expect(await auditCount(s)).toBe(1);
  });

  it('refuses unknown plans, the plan the account has, a missing reason and a cancelled account, changing nothing', async () => {
    const { s, companyId } = await accountOn('essencial');
    const unknown = await changePlan(s, companyId, 'ouro').expect(400);
    expect(unknown.body).toMatchObject({ error: 'unknown_plan' });
    expect(unknown.body.message).toMatch(/There is no plan "ouro"/);
    expect((await changePlan(s, companyId, 'essencial').expect(409)).body.error).toBe('same_plan');
    await request(s.app).post(`/api/accounts/${companyId}/plan`).send({ planId: 'profissional' }).expect(400);
    await changePlan(s, 'no-such-company', 'profissional').expect(404);
    // The contract's process takes the status once it has recorded the trial.
    await eventually(async () =>
      expect(
        (
          await request(s.app)
            .post(`/api/accounts/${companyId}/status`)
            .send({ status: 'Cancelado', reason: 'the client left' })
        ).status,
      ).toBe(200),
    );
    expect((await changePlan(s, companyId, 'profissional').expect(409)).body.error).toBe('account_cancelled');
    expect(await account(s, companyId)).toMatchObject({ planId: 'essencial', pendingPlanId: null });
    expect(await auditCount(s)).toBe(0);
  });
});
