import { describe, expect, it } from 'vitest';
import { contractService } from '../../../domain/services/contracts.js';
import { integrationKeyService } from '../../../domain/services/integrationKeys.js';
import { officeWithCompany, testTimings } from '../../support/memory/directory.js';
import { useMemoryDeps } from '../../support/memory/deps.js';

const d = useMemoryDeps();
const keys = (graceMs = testTimings.keyRotation.graceMs) =>
  integrationKeyService({ ...d, timing: { ...testTimings.keyRotation, graceMs } });

async function account() {
  const { companyId } = await officeWithCompany(d);
  await contractService({ ...d, timing: testTimings.contract }).create(
    { companyId, planId: 'profissional', payer: 'client' },
    'operator:o1',
  );
  return companyId;
}

describe('integration keys', () => {
  it('are shown once, open the company to their bearer, and start the rotation of the previous ones', async () => {
    const companyId = await account();
    const made = await keys().rotate(companyId, 'first key', 'operator:o1', 'rotate-1');
    expect(made.key).toMatch(/^vk_/);
    expect(await keys().companyOf(`Bearer ${made.key}`)).toMatchObject({ id: companyId, status: 'Teste' });
    expect(d.instances.context(made.instanceId)).toMatchObject({ keyId: made.keyId, companyId });
    expect(d.instances.state(made.instanceId)).toBe('inGrace');

    const again = await keys().rotate(companyId, 'first key', 'operator:o1', 'rotate-1');
    expect(again).toMatchObject({ key: null, keyId: made.keyId, replayed: true });
    expect(d.audit.of('integrationKeys.rotate')).toHaveLength(1);
  });

  it('are not rotated again while a previous key is in its grace period', async () => {
    const companyId = await account();
    await keys().rotate(companyId, 'first key', 'operator:o1');
    const second = await keys().rotate(companyId, 'second key', 'operator:o1');
    expect(second.graceUntil).not.toBeNull();
    await expect(keys().rotate(companyId, 'third key', 'operator:o1')).rejects.toMatchObject({
      code: 'rotation_in_grace',
    });
    expect(d.audit.of('integrationKeys.rotate').map((e) => e.reason)).toEqual(['first key', 'second key']);
  });

  it('without a grace period, revoke the previous key at once', async () => {
    const companyId = await account();
    const first = await keys(0).rotate(companyId, 'first key', 'operator:o1');
    const second = await keys(0).rotate(companyId, 'second key', 'operator:o1');
    await expect(keys(0).companyOf(`Bearer ${first.key}`)).rejects.toMatchObject({ code: 'invalid_key' });
    expect(await keys(0).companyOf(`Bearer ${second.key}`)).toMatchObject({ id: companyId });
    await expect(keys(0).companyOf('Basic abc')).rejects.toMatchObject({ kind: 'unauthenticated' });
  });
});
