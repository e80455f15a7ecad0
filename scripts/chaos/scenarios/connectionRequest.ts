// An office invites a client company whose person has no account yet: the invitation e-mail
// leads to the portal, where the person creates the account; the approval e-mail that follows is
// approved (and the connection later revoked by the office) or rejected. An operator cancels
// some invitations before anyone answers.
import { type Scenario, type ScenarioContext, trackerOf } from './context.js';

const machine = 'connectionRequest';

async function invite(ctx: ScenarioContext, n: number) {
  const tag = `connection-${n}`;
  const { officeId, companyId } = await ctx.officeWithCompany(tag);
  const email = ctx.email(`client${n}`);
  const created = await ctx.api.ok(
    'POST',
    '/api/connectionRequests',
    { direction: 'officeToClient', officeId, companyId, email },
    ctx.key(tag),
  );
  const instanceId = created.body.instanceId as string;
  await ctx.until(instanceId, ['awaitingAccount']);
  return { id: created.body.id as string, instanceId, email };
}

/** The person creates the account from the invitation, then answers the approval e-mail. */
async function answer(ctx: ScenarioContext, n: number, decision: 'approve' | 'reject') {
  const request = await invite(ctx, n);
  const token = await ctx.portalToken(request.email, 'connection/register');
  const registered = await ctx.api.persist('POST', '/portal/api/connection/register', {
    token,
    name: `Cliente ${n}`,
    password: `chaos connection ${n} password`,
  });
  if (registered.status >= 300 && registered.status !== 202)
    throw new Error(`connection register: ${registered.status} ${JSON.stringify(registered.body)}`);
  await ctx.until(request.instanceId, ['awaitingApproval']);
  const link = await ctx.mailMatching(
    request.email,
    new RegExp(`/portal/connection\\?token=([^&\\s]+)&decision=${decision}`),
  );
  const decided = await ctx.api.persist('POST', `/portal/api/connection/${decision}`, {
    token: decodeURIComponent(link[1]!),
  });
  if (decided.status >= 300 && decided.status !== 202)
    throw new Error(`connection ${decision}: ${decided.status} ${JSON.stringify(decided.body)}`);
  return request;
}

const tracked = trackerOf(machine);

export const connectionRequest: Scenario = {
  machine,
  variants: [
    {
      name: 'revoked',
      story: 'account created from the invitation, approved, later revoked by the office',
      expect: 'revoked',
      path: [
        '∅ -xstate.init-> classifying',
        'classifying -xstate.done.actor.0.connectionRequest.classifying-> inviting',
        'inviting -xstate.done.actor.0.connectionRequest.inviting-> awaitingAccount',
        'awaitingAccount -ACCOUNT_CREATED-> requestingApproval',
        'requestingApproval -xstate.done.actor.0.connectionRequest.requestingApproval-> awaitingApproval',
        'awaitingApproval -APPROVE-> approving',
        'approving -xstate.done.actor.0.connectionRequest.approving-> active',
        'active -REVOKE-> revoking',
        'revoking -xstate.done.actor.0.connectionRequest.revoking-> revoked',
      ],
      async drive(ctx, n) {
        const request = await answer(ctx, n, 'approve');
        await ctx.until(request.instanceId, ['active']);
        const revoked = await ctx.api.persist('POST', `/api/connectionRequests/${request.id}/revoke`, {
          side: 'office',
        });
        if (revoked.status >= 300 && revoked.body.error !== 'already_revoked')
          throw new Error(`revoke: ${revoked.status} ${JSON.stringify(revoked.body)}`);
        return [tracked('revoked', request.instanceId, 'revoked', { [request.email]: 2 })];
      },
    },
    {
      name: 'rejected',
      story: 'account created from the invitation, then the request rejected',
      expect: 'rejected',
      path: [
        '∅ -xstate.init-> classifying',
        'classifying -xstate.done.actor.0.connectionRequest.classifying-> inviting',
        'inviting -xstate.done.actor.0.connectionRequest.inviting-> awaitingAccount',
        'awaitingAccount -ACCOUNT_CREATED-> requestingApproval',
        'requestingApproval -xstate.done.actor.0.connectionRequest.requestingApproval-> awaitingApproval',
        'awaitingApproval -REJECT-> closing',
        'closing -xstate.done.actor.0.connectionRequest.closing-> rejected',
      ],
      async drive(ctx, n) {
        const request = await answer(ctx, n, 'reject');
        return [tracked('rejected', request.instanceId, 'rejected', { [request.email]: 2 })];
      },
    },
    {
      name: 'cancelled',
      story: 'cancelled by an operator while the invitation waits',
      expect: 'cancelled',
      path: [
        '∅ -xstate.init-> classifying',
        'classifying -xstate.done.actor.0.connectionRequest.classifying-> inviting',
        'inviting -xstate.done.actor.0.connectionRequest.inviting-> awaitingAccount',
        'awaitingAccount -CANCEL-> closing',
        'closing -xstate.done.actor.0.connectionRequest.closing-> cancelled',
      ],
      async drive(ctx, n) {
        const request = await invite(ctx, n);
        await ctx.nudge(request.instanceId, 'awaitingAccount', 'CANCEL');
        return [tracked('cancelled', request.instanceId, 'cancelled', { [request.email]: 1 })];
      },
    },
  ],
};
