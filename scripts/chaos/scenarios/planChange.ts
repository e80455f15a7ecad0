// An account's plan changed by an operator: a plan that takes effect at once is applied; one
// that waits for the next billing date is scheduled, then applied now or cancelled by an operator.
import { type Scenario, type ScenarioContext, trackerOf, trialContract } from './context.js';

const machine = 'planChange';

async function changed(ctx: ScenarioContext, n: number, variant: string, planId: string) {
  const tag = `plan-${variant}-${n}`;
  const { companyId } = await ctx.officeWithCompany(tag);
  const contract = await ctx.account(companyId, 'essencial');
  const res = await ctx.api.ok(
    'POST',
    `/api/accounts/${companyId}/plan`,
    { planId, reason: 'chaos: the client asked' },
    ctx.key(tag),
  );
  return { instanceId: (res.body.planChange as { instanceId: string }).instanceId, contract: trialContract(contract) };
}

const tracked = trackerOf(machine);

export const planChange: Scenario = {
  machine,
  variants: [
    {
      name: 'applied',
      story: 'a plan that changes at once, applied',
      expect: 'applied',
      path: ['∅ -xstate.init-> applying', 'applying -xstate.done.actor.0.planChange.applying-> applied'],
      async drive(ctx, n) {
        const change = await changed(ctx, n, 'applied', 'profissional');
        return [tracked('applied', change.instanceId, 'applied'), change.contract];
      },
    },
    {
      name: 'appliedNow',
      story: 'scheduled for the next billing date, applied now by an operator',
      expect: 'applied',
      path: [
        '∅ -xstate.init-> scheduled',
        'scheduled -APPLY_NOW-> applying',
        'applying -xstate.done.actor.0.planChange.applying-> applied',
      ],
      async drive(ctx, n) {
        const change = await changed(ctx, n, 'now', 'empresarial');
        await ctx.until(change.instanceId, ['scheduled']);
        await ctx.nudge(change.instanceId, 'scheduled', 'APPLY_NOW');
        return [tracked('appliedNow', change.instanceId, 'applied'), change.contract];
      },
    },
    {
      name: 'cancelled',
      story: 'scheduled, then cancelled by an operator',
      expect: 'cancelled',
      path: [
        '∅ -xstate.init-> scheduled',
        'scheduled -CANCEL-> withdrawing',
        'withdrawing -xstate.done.actor.0.planChange.withdrawing-> cancelled',
      ],
      async drive(ctx, n) {
        const change = await changed(ctx, n, 'cancelled', 'empresarial');
        await ctx.until(change.instanceId, ['scheduled']);
        await ctx.nudge(change.instanceId, 'scheduled', 'CANCEL');
        return [tracked('cancelled', change.instanceId, 'cancelled'), change.contract];
      },
    },
  ],
};
