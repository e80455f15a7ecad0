import { describe, expect, it } from 'vitest';
import { contractService } from '../../../domain/services/contracts.js';
import { planChangeService } from '../../../domain/services/planChanges.js';
import { officeWithCompany, testTimings } from '../../support/memory/directory.js';
import { useMemoryDeps } from '../../support/memory/deps.js';

const d = useMemoryDeps();
const day = 86_400_000;
const changes = () => planChangeService({ ...d, timing: { billingDelayMs: day } });
const contracts = () => contractService({ ...d, timing: testTimings.contract });

async function account() {
  const { companyId } = await officeWithCompany(d);
  await contracts().create({ companyId, planId: 'profissional', payer: 'client' }, 'operator:o1');
  return companyId;
}

describe('plan changes', () => {
  it('to a plan that waits for the billing date are scheduled on the contract and carried by a process', async () => {
    const companyId = await account();
    const change = { planId: 'empresarial', reason: 'more users' };
    const answer = await changes().change(companyId, change, 'operator:o1');
    expect(answer).toMatchObject({ fromPlanId: 'profissional', toPlanId: 'empresarial', scheduled: true });
    expect(await contracts().load(companyId)).toMatchObject({
      planId: 'profissional',
      pendingPlanId: 'empresarial',
      pendingPlanInstanceId: answer.instanceId,
    });
    expect(d.instances.context(answer.instanceId)).toMatchObject({ companyId, toPlanId: 'empresarial', delayMs: day });
    expect(d.audit.of('contracts.plan')).toEqual([
      expect.objectContaining({
        reason: 'more users',
        details: expect.objectContaining({ from: 'profissional', to: 'empresarial', delayMs: day }),
      }),
    ]);
  });

  it('are refused while another is scheduled, and to the plan the account has; nothing starts', async () => {
    const companyId = await account();
    await expect(
      changes().change(companyId, { planId: 'profissional', reason: 'same' }, 'operator:o1'),
    ).rejects.toMatchObject({ code: 'same_plan' });
    const first = await changes().change(companyId, { planId: 'empresarial', reason: 'bigger' }, 'operator:o1');
    await expect(
      changes().change(companyId, { planId: 'essencial', reason: 'smaller' }, 'operator:o1'),
    ).rejects.toMatchObject({ code: 'plan_change_pending', details: { instanceId: first.instanceId } });
    expect(d.instances.ids().filter((id) => id.startsWith('planChange-'))).toEqual([first.instanceId]);
  });
});
