import { describe, expect, it } from 'vitest';
import { contractService } from '../../../domain/services/contracts.js';
import { officeWithCompany, testTimings } from '../../support/memory/directory.js';
import { useMemoryDeps } from '../../support/memory/deps.js';

const d = useMemoryDeps();
const contracts = () => contractService({ ...d, timing: testTimings.contract });

async function contract() {
  const { officeId, companyId } = await officeWithCompany(d);
  await contracts().create({ companyId, planId: 'profissional', payer: 'client' }, 'operator:o1');
  return { officeId, companyId, instanceId: `clientContract-${companyId}` };
}

describe('contracts', () => {
  it('start in trial with their process; the same contract again is the same, another one is refused', async () => {
    const { companyId, officeId, instanceId } = await contract();
    expect(await contracts().load(companyId)).toMatchObject({ status: 'Teste', officeId, instanceId });
    expect(d.instances.context(instanceId)).toMatchObject({ companyId, officeId, timing: testTimings.contract });
    expect(
      await contracts().create({ companyId, planId: 'profissional', payer: 'client' }, 'operator:o1'),
    ).toMatchObject({ id: companyId, created: false });
    await expect(
      contracts().create({ companyId, planId: 'essencial', payer: 'client' }, 'operator:o1'),
    ).rejects.toMatchObject({ code: 'contract_exists' });
    await expect(
      contracts().create({ companyId, planId: 'no-such-plan', payer: 'client' }, 'operator:o1'),
    ).rejects.toMatchObject({ kind: 'invalid' });
    expect(d.instances.ids()).toEqual([instanceId]);
  });

  it('refuse a status the current one does not lead to, naming those it does, and send nothing', async () => {
    const { companyId, instanceId } = await contract();
    d.instances.finishSteps(instanceId);
    await expect(
      contracts().changeStatus(companyId, { status: 'Teste', reason: 'again' }, 'operator:o1'),
    ).rejects.toMatchObject({
      code: 'status_change_not_allowed',
      details: { status: 'Teste', allowed: ['Efetivado', 'Bloqueado', 'Cancelado'] },
    });
    expect(d.instances.eventsOf(instanceId)).toEqual([]);
    expect(d.audit.of('contracts.status')).toEqual([]);
  });

  it('refuse a change the process cannot take yet, saying why', async () => {
    const { companyId, instanceId } = await contract();
    expect(d.instances.state(instanceId)).toBe('recording');
    await expect(
      contracts().changeStatus(companyId, { status: 'Efetivado', reason: 'paid' }, 'operator:o1'),
    ).rejects.toMatchObject({ code: 'status_change_not_allowed', message: expect.stringContaining(' now (') });
    expect(d.instances.eventsOf(instanceId)).toEqual([]);
    expect(d.audit.of('contracts.status')).toEqual([]);
  });
});
