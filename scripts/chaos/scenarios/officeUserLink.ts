// officeUserLink (version 2, what new office users run). A manager with a platform account (she
// registered on the portal as a client user first) links once the office's agent is online and
// she confirms her password, and is later deactivated by an operator; a staff member created
// before any manager waits for one until an operator cancels.
import { registeredClientUser } from './clientUserOnboarding.js';
import type { Scenario } from './context.js';

const machine = 'officeUserLink';

export const officeUserLink: Scenario = {
  machine,
  variants: [
    {
      name: 'deactivated',
      story: 'a manager links (agent online, password confirmed), then is deactivated',
      expect: 'deactivated',
      path: [
        '∅ -xstate.init-> checking',
        'checking -xstate.done.actor.0.officeUserLink.checking-> awaitingCredentials',
        'awaitingCredentials -CREDENTIALS_VERIFIED-> checking',
        'checking -xstate.done.actor.0.officeUserLink.checking-> linking',
        'linking -xstate.done.actor.0.officeUserLink.linking-> linked.connected',
        'linked.connected -DEACTIVATE-> unlinking',
        'unlinking -xstate.done.actor.0.officeUserLink.unlinking-> deactivated',
      ],
      async drive(ctx, n) {
        const tag = `link-${n}`;
        const officeId = await ctx.office(`Escritório ${tag}`, tag);
        const own = await ctx.company(officeId, `Escritório ${tag} (livros próprios)`, tag);
        const manager = await registeredClientUser(ctx, own.id, `manager${n}`);
        await ctx.api.ok('POST', `/api/offices/${officeId}/agent-heartbeat`, {});
        const created = await ctx.api.ok(
          'POST',
          '/api/officeUsers',
          { officeId, name: `Gerente ${n}`, email: manager.email, role: 'manager' },
          ctx.key(`office-user-${tag}`),
        );
        const id = created.body.id as string;
        const instanceId = created.body.instanceId as string;
        await ctx.until(instanceId, ['awaitingCredentials']);
        await ctx.api.persist('POST', `/api/officeUsers/${id}/credentials`, { password: manager.password });
        await ctx.until(instanceId, ['linked.connected']);
        await ctx.api.ok('PUT', `/api/officeUsers/${id}`, { active: false, reason: 'chaos: left the office' });
        return [manager.tracked, { machine, variant: 'deactivated', instanceId, expect: 'deactivated', mails: {} }];
      },
    },
    {
      name: 'cancelled',
      story: 'staff waiting for a manager, cancelled by an operator',
      expect: 'cancelled',
      path: [
        '∅ -xstate.init-> checking',
        'checking -xstate.done.actor.0.officeUserLink.checking-> awaitingManager',
        'awaitingManager -CANCEL-> unlinking',
        'unlinking -xstate.done.actor.0.officeUserLink.unlinking-> cancelled',
      ],
      async drive(ctx, n) {
        const tag = `staff-${n}`;
        const officeId = await ctx.office(`Escritório ${tag}`, tag);
        const created = await ctx.api.ok(
          'POST',
          '/api/officeUsers',
          { officeId, name: `Equipe ${n}`, email: ctx.email(`staff${n}`), role: 'staff' },
          ctx.key(`office-user-${tag}`),
        );
        const instanceId = created.body.instanceId as string;
        await ctx.until(instanceId, ['awaitingManager']);
        await ctx.nudge(instanceId, 'awaitingManager', 'CANCEL');
        return [{ machine, variant: 'cancelled', instanceId, expect: 'cancelled', mails: {} }];
      },
    },
  ],
};
