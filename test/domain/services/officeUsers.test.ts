import { describe, expect, it } from 'vitest';
import { officeLinkHealthService } from '../../../domain/services/officeLinkHealth.js';
import { officeUserService } from '../../../domain/services/officeUsers.js';
import { officeWithCompany, testTimings } from '../../support/memory/directory.js';
import { useMemoryDeps } from '../../support/memory/deps.js';
import { randomEmail } from '../../support/randomIds.js';

const d = useMemoryDeps();
const users = () => officeUserService({ ...d, timing: testTimings.officeLink });

async function manager() {
  const { officeId } = await officeWithCompany(d);
  const fields = { officeId, name: 'Gestora', email: randomEmail('gestora'), role: 'manager' as const };
  const { id } = await users().create(fields, 'operator:o1');
  return { officeId, fields, id, instanceId: `officeUserLink-${id}` };
}

describe('office users', () => {
  it("start their link process on the machine's latest version; an office has one active manager", async () => {
    const { officeId, fields, id, instanceId } = await manager();
    expect((await users().load(id)).instanceId).toBe(instanceId);
    expect(d.instances.context(instanceId)).toMatchObject({
      officeUserId: id,
      officeId,
      timing: testTimings.officeLink,
    });
    expect(await users().create(fields, 'operator:o1')).toEqual({ id, created: false });
    await expect(
      users().create({ ...fields, name: 'Outro', email: randomEmail('outro') }, 'operator:o1'),
    ).rejects.toMatchObject({ code: 'manager_exists' });
    expect(d.instances.ids()).toEqual([instanceId]);
  });

  it('are deactivated for good: the process is told, and a reactivation is refused', async () => {
    const { id, instanceId } = await manager();
    const row = await users().update(id, { active: false, reason: 'left the office' }, 'operator:o1');
    expect(Boolean(row.active)).toBe(false);
    expect(d.instances.eventsOf(instanceId)).toEqual(['DEACTIVATE']);
    expect(d.audit.of('officeUsers.update')).toEqual([
      expect.objectContaining({ reason: 'left the office', details: { fields: [], deactivated: true } }),
    ]);
    await expect(users().update(id, { active: true }, 'operator:o1')).rejects.toMatchObject({ kind: 'invalid' });
  });

  it('are not asked for credentials, nor reconnected, while their process is not waiting for it', async () => {
    const { id, instanceId } = await manager();
    expect(d.instances.state(instanceId)).toBe('checking');
    await expect(users().checkCredentials(id, { password: 'whatever' }, 'operator:o1')).rejects.toMatchObject({
      code: 'event_not_allowed',
      details: { state: 'checking' },
    });
    await expect(officeLinkHealthService(d).reconnect(id, 'operator:o1', 'try')).rejects.toMatchObject({
      code: 'not_linked',
    });
    expect(d.instances.eventsOf(instanceId)).toEqual([]);
    expect([...d.audit.of('officeUsers.credentials'), ...d.audit.of('officeUsers.reconnect')]).toEqual([]);
  });
});
