// A client account (its contract) opened in the console: it stays in trial, is made effective or
// cancelled by an operator, or is blocked, and then either unblocked by an operator or cancelled
// by its timer after the configured time blocked.
import { type Scenario, type ScenarioContext, trackerOf, trialContract } from './context.js';
import { sleep } from '../stack.js';

const machine = 'clientContract';

/** An operator's status change; a retry that finds the status already changed is the same outcome. */
export async function setStatus(ctx: ScenarioContext, companyId: string, status: string) {
  for (;;) {
    const res = await ctx.api.persist('POST', `/api/accounts/${companyId}/status`, {
      status,
      reason: `chaos: ${status} by an operator`,
    });
    if (res.status < 300) return;
    if ((await ctx.api.ok('GET', `/api/accounts/${companyId}`)).body.status === status) return;
    if (res.status !== 409) throw new Error(`status ${status}: ${res.status} ${JSON.stringify(res.body)}`);
    await sleep(500);
  }
}

async function opened(ctx: ScenarioContext, n: number, variant: string) {
  const { companyId } = await ctx.officeWithCompany(`contract-${variant}-${n}`);
  const instanceId = await ctx.account(companyId, 'essencial');
  return { companyId, instanceId };
}

const tracked = trackerOf(machine);

export const clientContract: Scenario = {
  machine,
  variants: [
    {
      name: 'trial',
      story: 'stays in trial',
      expect: 'trial',
      path: ['∅ -xstate.init-> recording', 'recording -xstate.done.actor.0.clientContract.recording-> trial'],
      async drive(ctx, n) {
        return [trialContract((await opened(ctx, n, 'trial')).instanceId)];
      },
    },
    {
      name: 'effective',
      story: 'made effective by an operator during the trial',
      expect: 'effective',
      path: [
        '∅ -xstate.init-> recording',
        'recording -xstate.done.actor.0.clientContract.recording-> trial',
        'trial -CONFIRM-> recording',
        'recording -xstate.done.actor.0.clientContract.recording-> effective',
      ],
      async drive(ctx, n) {
        const account = await opened(ctx, n, 'effective');
        await setStatus(ctx, account.companyId, 'Efetivado');
        return [tracked('effective', account.instanceId, 'effective')];
      },
    },
    {
      name: 'cancelled',
      story: 'cancelled by an operator during the trial',
      expect: 'cancelled',
      path: [
        '∅ -xstate.init-> recording',
        'recording -xstate.done.actor.0.clientContract.recording-> trial',
        'trial -CANCEL-> recording',
        'recording -xstate.done.actor.0.clientContract.recording-> cancelled',
      ],
      async drive(ctx, n) {
        const account = await opened(ctx, n, 'cancelled');
        await setStatus(ctx, account.companyId, 'Cancelado');
        return [tracked('cancelled', account.instanceId, 'cancelled')];
      },
    },
    {
      name: 'unblocked',
      story: 'blocked, then unblocked (effective) by an operator',
      expect: 'effective',
      path: [
        '∅ -xstate.init-> recording',
        'recording -xstate.done.actor.0.clientContract.recording-> trial',
        'trial -BLOCK-> recording',
        'recording -xstate.done.actor.0.clientContract.recording-> blocked',
        'blocked -UNBLOCK-> recording',
        'recording -xstate.done.actor.0.clientContract.recording-> effective',
      ],
      async drive(ctx, n) {
        const account = await opened(ctx, n, 'unblocked');
        await setStatus(ctx, account.companyId, 'Bloqueado');
        await setStatus(ctx, account.companyId, 'Efetivado');
        return [tracked('unblocked', account.instanceId, 'effective')];
      },
    },
    {
      name: 'blockedExpired',
      story: 'blocked, then cancelled by its timer',
      expect: 'cancelled',
      path: [
        '∅ -xstate.init-> recording',
        'recording -xstate.done.actor.0.clientContract.recording-> trial',
        'trial -BLOCK-> recording',
        'recording -xstate.done.actor.0.clientContract.recording-> blocked',
        'blocked -xstate.after.cancelAfterBlocked.clientContract.blocked-> recording',
        'recording -xstate.done.actor.0.clientContract.recording-> cancelled',
      ],
      async drive(ctx, n) {
        const account = await opened(ctx, n, 'blocked');
        await setStatus(ctx, account.companyId, 'Bloqueado');
        return [tracked('blockedExpired', account.instanceId, 'cancelled')];
      },
    },
  ],
};
