// An office sends a hiring link to a future client: the person signs up on the portal (a new
// company and its account in trial, whose contract process starts), or an operator cancels it.
import type { Scenario, ScenarioContext } from './context.js';
import { randomCnpj } from './context.js';

const machine = 'clientHiring';

async function sent(ctx: ScenarioContext, n: number) {
  const officeId = await ctx.once('hiring-office', () => ctx.office('Escritório Contratações', 'hiring'));
  const email = ctx.email(`future${n}`);
  const res = await ctx.api.ok(
    'POST',
    '/api/hiringLinks',
    { officeId, planId: 'profissional', payer: 'client', email },
    ctx.key(`hiring-${n}`),
  );
  const instanceId = res.body.instanceId as string;
  const token = await ctx.portalToken(email, 'hire');
  await ctx.until(instanceId, ['awaitingSignUp']);
  return { id: res.body.id as string, instanceId, email, token };
}

export const clientHiring: Scenario = {
  machine,
  variants: [
    {
      name: 'signedUp',
      story: 'signs up on the portal: a company and its account in trial',
      expect: 'signedUp',
      path: [
        '∅ -xstate.init-> sending',
        'sending -xstate.done.actor.0.clientHiring.sending-> awaitingSignUp',
        'awaitingSignUp -SIGNED_UP-> signedUp',
      ],
      async drive(ctx, n) {
        const link = await sent(ctx, n);
        const cnpj = randomCnpj();
        const adminEmail = ctx.email(`admin${n}`);
        const body = {
          token: link.token,
          companyName: `Empresa Contratada ${n}`,
          cnpj,
          contactName: `Contato ${n}`,
          adminEmail,
          password: ctx.password(),
        };
        const res = await ctx.api.persist('POST', '/portal/api/hire', body);
        if (res.status !== 201 && !(res.status === 410 && res.body.error === 'link_used'))
          throw new Error(`hire: ${res.status} ${JSON.stringify(res.body)}`);
        await ctx.until(link.instanceId, ['signedUp']);
        // A retry may meet the link used by its first attempt: the link names the company it made.
        const companyId = (await ctx.api.ok('GET', `/api/hiringLinks/${link.id}`)).body.companyId as string;
        return [
          { machine, variant: 'signedUp', instanceId: link.instanceId, expect: 'signedUp', mails: { [link.email]: 1 } },
          { machine: 'clientContract', variant: 'trial', instanceId: `clientContract-${companyId}`, expect: 'trial' },
        ];
      },
    },
    {
      name: 'cancelled',
      story: 'cancelled by an operator before anyone signs up',
      expect: 'cancelled',
      path: [
        '∅ -xstate.init-> sending',
        'sending -xstate.done.actor.0.clientHiring.sending-> awaitingSignUp',
        'awaitingSignUp -CANCEL-> closing',
        'closing -xstate.done.actor.0.clientHiring.closing-> cancelled',
      ],
      async drive(ctx, n) {
        const link = await sent(ctx, n);
        await ctx.nudge(link.instanceId, 'awaitingSignUp', 'CANCEL');
        return [
          {
            machine,
            variant: 'cancelled',
            instanceId: link.instanceId,
            expect: 'cancelled',
            mails: { [link.email]: 1 },
          },
        ];
      },
    },
  ],
};
