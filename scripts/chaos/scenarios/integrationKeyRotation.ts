// A new integration key for an account, issued in the console: the previous keys keep working
// for the grace period (its reminder, then revoked on the timer), or an operator revokes them at
// once. The new key answers on the integration API either way.
import { type Scenario, type ScenarioContext, trackerOf, trialContract } from './context.js';

const machine = 'integrationKeyRotation';

async function rotated(ctx: ScenarioContext, n: number, variant: string) {
  const tag = `key-${variant}-${n}`;
  const { companyId } = await ctx.officeWithCompany(tag);
  const contract = await ctx.account(companyId, 'essencial');
  const res = await ctx.api.ok(
    'POST',
    `/api/accounts/${companyId}/keys`,
    { reason: 'chaos: a new application' },
    ctx.key(tag),
  );
  // A replayed answer hides the key (it is shown once); the first answer carries it.
  const key = res.body.key as string | null;
  if (key) {
    const company = await ctx.api.persist('GET', '/integration/v1/company', undefined, {
      Authorization: `Bearer ${key}`,
    });
    if (company.status !== 200) throw new Error(`the new key is refused: ${company.status}`);
  }
  return { instanceId: res.body.instanceId as string, contract: trialContract(contract) };
}

const tracked = trackerOf(machine);

export const integrationKeyRotation: Scenario = {
  machine,
  variants: [
    {
      name: 'grace',
      story: 'previous keys revoked when the grace period ends',
      expect: 'revoked',
      path: [
        '∅ -xstate.init-> inGrace',
        'inGrace -xstate.after.untilReminder.integrationKeyRotation.inGrace-> remindingAdmins',
        'remindingAdmins -xstate.done.actor.0.integrationKeyRotation.remindingAdmins-> endingGrace',
        'endingGrace -xstate.after.afterReminder.integrationKeyRotation.endingGrace-> revoking',
        'revoking -xstate.done.actor.0.integrationKeyRotation.revoking-> revoked',
      ],
      async drive(ctx, n) {
        const rotation = await rotated(ctx, n, 'grace');
        return [tracked('grace', rotation.instanceId, 'revoked'), rotation.contract];
      },
    },
    {
      name: 'revokedNow',
      story: 'previous keys revoked at once by an operator during the grace period',
      expect: 'revoked',
      path: [
        '∅ -xstate.init-> inGrace',
        'inGrace -REVOKE_NOW-> revoking',
        'revoking -xstate.done.actor.0.integrationKeyRotation.revoking-> revoked',
      ],
      async drive(ctx, n) {
        const rotation = await rotated(ctx, n, 'now');
        await ctx.until(rotation.instanceId, ['inGrace']);
        await ctx.nudge(rotation.instanceId, 'inGrace', 'REVOKE_NOW');
        return [tracked('revokedNow', rotation.instanceId, 'revoked'), rotation.contract];
      },
    },
  ],
};
