// A client user created in the console: the registration e-mail goes out, and the person sets a
// password through the link on the portal, or an operator cancels the invitation.
import type { Scenario, ScenarioContext, Tracked } from './context.js';

const machine = 'clientUserOnboarding';

async function invited(ctx: ScenarioContext, n: number | string, companyId?: string) {
  companyId ??= await ctx.once('onboarding-company', async () => (await ctx.officeWithCompany('Onboarding')).companyId);
  const email = ctx.email(`person${n}`);
  const created = await ctx.api.ok(
    'POST',
    '/api/clientUsers',
    { companyId, name: `Pessoa ${n}`, email },
    ctx.key(`client-user-${n}`),
  );
  const instanceId = created.body.instanceId as string;
  const token = await ctx.portalToken(email, 'register');
  await ctx.until(instanceId, ['awaitingRegistration']);
  return { instanceId, email, token };
}

/** A person with a platform account: invited as a client user of the company, registered through the link. */
export async function registeredClientUser(ctx: ScenarioContext, companyId: string, who: string) {
  const { instanceId, email, token } = await invited(ctx, who, companyId);
  const password = ctx.password();
  const res = await ctx.api.persist('POST', '/portal/api/register', { token, password });
  if (res.status !== 200 && res.status !== 202) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
  const tracked: Tracked = { machine, variant: 'registered', instanceId, expect: 'registered', mails: { [email]: 1 } };
  return { email, password, tracked };
}

export const clientUserOnboarding: Scenario = {
  machine,
  variants: [
    {
      name: 'registered',
      story: 'registers through the e-mailed link',
      expect: 'registered',
      path: [
        '∅ -xstate.init-> checkingEmail',
        'checkingEmail -xstate.done.actor.0.clientUserOnboarding.checkingEmail-> sendingRegistration',
        'sendingRegistration -xstate.done.actor.0.clientUserOnboarding.sendingRegistration-> awaitingRegistration',
        'awaitingRegistration -REGISTERED-> completingRegistration',
        'completingRegistration -xstate.done.actor.0.clientUserOnboarding.completingRegistration-> registered',
      ],
      async drive(ctx, n) {
        const companyId = await ctx.once(
          'onboarding-company',
          async () => (await ctx.officeWithCompany('Onboarding')).companyId,
        );
        return [(await registeredClientUser(ctx, companyId, String(n))).tracked];
      },
    },
    {
      name: 'cancelled',
      story: 'cancelled by an operator while it awaits the registration',
      expect: 'cancelled',
      path: [
        '∅ -xstate.init-> checkingEmail',
        'checkingEmail -xstate.done.actor.0.clientUserOnboarding.checkingEmail-> sendingRegistration',
        'sendingRegistration -xstate.done.actor.0.clientUserOnboarding.sendingRegistration-> awaitingRegistration',
        'awaitingRegistration -CANCEL-> closing',
        'closing -xstate.done.actor.0.clientUserOnboarding.closing-> cancelled',
      ],
      async drive(ctx, n) {
        const { instanceId, email } = await invited(ctx, n);
        await ctx.nudge(instanceId, 'awaitingRegistration', 'CANCEL');
        return [{ machine, variant: 'cancelled', instanceId, expect: 'cancelled', mails: { [email]: 1 } }];
      },
    },
  ],
};
