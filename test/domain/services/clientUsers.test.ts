import { describe, expect, it } from 'vitest';
import { clientUserService } from '../../../domain/services/clientUsers.js';
import { officeWithCompany, testTimings } from '../../support/memory/directory.js';
import { useMemoryDeps } from '../../support/memory/deps.js';
import { randomEmail } from '../../support/randomIds.js';

const d = useMemoryDeps();
const users = () => clientUserService({ ...d, timing: testTimings.onboarding });

async function created(email = randomEmail('ana')) {
  const { officeId, companyId } = await officeWithCompany(d);
  const fields = { companyId, name: 'Ana', email, locale: 'pt-BR' };
  return { officeId, companyId, fields, ...(await users().create(fields, 'operator:o1', 'key-1')) };
}

describe('client users', () => {
  it('are created pending with their onboarding started, once however often the request comes', async () => {
    const { id, officeId, companyId, fields } = await created();
    const row = await users().load(id);
    expect(row).toMatchObject({ status: 'pending', email: fields.email, instanceId: `clientUserOnboarding-${id}` });
    expect(d.instances.context(row.instanceId)).toMatchObject({ clientUserId: id, officeId, companyId });
    expect(d.instances.state(row.instanceId)).toBe('checkingEmail');

    expect(await users().create(fields, 'operator:o1', 'key-1')).toEqual({ id, created: false });
    expect(await users().create(fields, 'operator:o1')).toEqual({ id, created: false });
    expect(d.instances.ids()).toEqual([row.instanceId]);
    expect(d.audit.of('clientUsers.create')).toEqual([
      { actor: 'operator:o1', action: 'clientUsers.create', target: `clientUsers:${id}`, reason: undefined },
    ]);
  });

  it('refuse a second active user of the company with the same e-mail, and make nothing', async () => {
    const { fields } = await created();
    await expect(users().create({ ...fields, name: 'Another Ana' }, 'operator:o1')).rejects.toMatchObject({
      code: 'duplicate_email',
    });
    expect(d.instances.ids()).toHaveLength(1);
    expect(d.audit.of('clientUsers.create')).toHaveLength(1);
  });

  it('keep their e-mail when the process cannot take a correction now', async () => {
    const { id } = await created();
    const before = await users().load(id);
    await expect(users().update(id, { email: randomEmail('new') }, 'operator:o1')).rejects.toMatchObject({
      code: 'event_not_allowed',
      details: { state: 'checkingEmail' },
    });
    expect(await users().load(id)).toEqual(before);
    expect(d.audit.of('clientUsers.update')).toEqual([]);
  });

  it('are deactivated at once, and their process is told with the reason', async () => {
    const { id } = await created();
    const row = await users().update(id, { status: 'inactive', reason: 'left the company' }, 'operator:o1');
    expect(row).toMatchObject({ status: 'inactive', portalAccess: 0 });
    expect(d.instances.state(row.instanceId)).toBe('closing');
    expect(d.instances.eventsOf(row.instanceId)).toEqual(['DEACTIVATE']);
    expect(d.audit.of('clientUsers.update')).toEqual([
      expect.objectContaining({
        reason: 'left the company',
        details: { fields: [], emailCorrected: false, deactivated: true },
      }),
    ]);
    await expect(users().update(id, { status: 'pending' }, 'operator:o1')).rejects.toMatchObject({ kind: 'invalid' });
  });
});
