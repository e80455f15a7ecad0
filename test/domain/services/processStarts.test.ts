import { describe, expect, it } from 'vitest';
import { clientUserService } from '../../../domain/services/clientUsers.js';
import { processStartService } from '../../../domain/services/processStarts.js';
import { officeWithCompany, testTimings } from '../../support/memory/directory.js';
import { useMemoryDeps } from '../../support/memory/deps.js';
import { randomEmail } from '../../support/randomIds.js';

const d = useMemoryDeps();
const starts = () => processStartService({ ...d, timing: testTimings });
const operator = { actor: 'operator:o1', auditActor: { id: 'o1', role: 'operator' } };

async function clientUser() {
  const { officeId, companyId } = await officeWithCompany(d);
  const users = clientUserService({ ...d, timing: testTimings.onboarding });
  const { id } = await users.create(
    { companyId, name: 'Ana', email: randomEmail('ana'), locale: 'pt-BR' },
    'operator:o1',
  );
  return { users, id, input: { clientUserId: id, officeId, companyId }, instanceId: (await users.load(id)).instanceId };
}

describe('starting a process for an operator', () => {
  it('refused by its policy, starts nothing and records nothing', async () => {
    const { officeId, companyId } = await officeWithCompany(d);
    const missing = { clientUserId: 'nobody', officeId, companyId };
    await expect(
      starts().start({ machine: 'clientUserOnboarding', input: missing, ...operator }),
    ).rejects.toMatchObject({ kind: 'not_found' });
    await expect(
      starts().start({
        machine: 'clientUserOnboarding',
        input: { ...missing, timing: testTimings.onboarding },
        ...operator,
      }),
    ).rejects.toMatchObject({ kind: 'invalid', message: expect.stringContaining('input.timing is not accepted') });
    expect(d.instances.ids()).toEqual([]);
    expect(d.audit.of('instance.create')).toEqual([]);
  });

  it('starts with the configured timing and records who started it, why and which machine', async () => {
    const { input, instanceId } = await clientUser();
    // The user's own process ends (deactivated) while the user stays pending: it may start again.
    await d.instances.send(instanceId, { event: { type: 'DEACTIVATE' }, actor: 'system' });
    d.instances.finishSteps(instanceId);
    expect(d.instances.state(instanceId)).toBe('deactivated');

    const started = await starts().start({
      machine: 'clientUserOnboarding',
      input,
      restart: true,
      reason: 'the client asked for a new invitation',
      ...operator,
    });
    expect(started.instanceId).toBe(`${instanceId}-r2`);
    expect(d.instances.context(started.instanceId)).toMatchObject({
      clientUserId: input.clientUserId,
      timing: testTimings.onboarding,
    });
    expect(
      (await clientUserService({ ...d, timing: testTimings.onboarding }).load(input.clientUserId)).instanceId,
    ).toBe(started.instanceId);
    expect(d.audit.of('instance.restart')).toEqual([
      {
        actor: operator.auditActor,
        action: 'instance.restart',
        target: `instance:${started.instanceId}`,
        reason: 'the client asked for a new invitation',
        details: { machine: 'clientUserOnboarding' },
      },
    ]);
  });

  it('refuses a restart for a user who may no longer have one, and leaves the user on their process', async () => {
    const { users, id, input, instanceId } = await clientUser();
    await users.update(id, { status: 'inactive', reason: 'left the company' }, 'operator:o1');
    d.instances.finishSteps(instanceId);
    await expect(
      starts().start({ machine: 'clientUserOnboarding', input, restart: true, reason: 'again', ...operator }),
    ).rejects.toMatchObject({ code: 'start_not_allowed', message: expect.stringContaining('inactive') });
    expect(d.instances.ids()).toEqual([instanceId]);
    expect((await users.load(id)).instanceId).toBe(instanceId);
    expect(d.audit.of('instance.restart')).toEqual([]);
  });
});
