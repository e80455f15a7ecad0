import { describe, expect, it } from 'vitest';
import { officeService } from '../../../domain/services/offices.js';
import { useMemoryDeps } from '../../support/memory/deps.js';
import { randomCnpj, randomEmail } from '../../support/randomIds.js';

const d = useMemoryDeps();
const offices = () => officeService(d);

describe('offices and their companies', () => {
  it('are created once per CNPJ: the same office again is the same one, another name is refused', async () => {
    const fields = { name: 'Contábil Alfa', cnpj: randomCnpj(), linkedEmails: [randomEmail('alfa')] };
    const first = await offices().createOffice(fields, 'operator:o1');
    expect(first.created).toBe(true);
    expect(await offices().createOffice({ ...fields }, 'operator:o1')).toEqual({ id: first.id, created: false });
    await expect(offices().createOffice({ ...fields, name: 'Contábil Beta' }, 'operator:o1')).rejects.toMatchObject({
      code: 'duplicate_cnpj',
    });
    expect(d.audit.of('offices.create')).toHaveLength(1);
    expect(JSON.parse(String((await offices().load('offices', first.id)).linkedEmails))).toEqual(fields.linkedEmails);
  });

  it('refuse a company for an office that does not exist, and record nothing', async () => {
    await expect(
      offices().createCompany({ officeId: 'nowhere', name: 'Padaria', cnpj: randomCnpj() }, 'operator:o1'),
    ).rejects.toMatchObject({ code: 'unknown_office' });
    expect(d.audit.entries).toEqual([]);
  });

  it('keep an office CNPJ unique when one is changed, and audit the fields that changed', async () => {
    const a = await offices().createOffice({ name: 'A', cnpj: randomCnpj(), linkedEmails: [] }, 'operator:o1');
    const b = await offices().createOffice({ name: 'B', cnpj: randomCnpj(), linkedEmails: [] }, 'operator:o1');
    const taken = (await offices().load('offices', a.id)).cnpj as string;
    await expect(offices().updateOffice(b.id, { cnpj: taken }, 'operator:o1')).rejects.toMatchObject({
      code: 'duplicate_cnpj',
    });
    expect(await offices().updateOffice(b.id, { name: 'B renamed' }, 'operator:o2')).toMatchObject({
      name: 'B renamed',
    });
    expect(d.audit.of('offices.update')).toEqual([
      { actor: 'operator:o2', action: 'offices.update', target: `offices:${b.id}`, details: { fields: ['name'] } },
    ]);
  });

  it('issue an agent token that only matches until the next one, keeping only its hash', async () => {
    const { id } = await offices().createOffice({ name: 'A', cnpj: randomCnpj(), linkedEmails: [] }, 'operator:o1');
    const first = await offices().issueAgentToken(id, 'operator:o1');
    expect(await offices().agentTokenMatches(id, first)).toBe(true);
    expect(JSON.stringify(await offices().load('offices', id))).not.toContain(first);
    const second = await offices().issueAgentToken(id, 'operator:o1');
    expect(await offices().agentTokenMatches(id, first)).toBe(false);
    expect(await offices().agentTokenMatches(id, second)).toBe(true);
    await expect(offices().issueAgentToken('nowhere', 'operator:o1')).rejects.toMatchObject({ kind: 'not_found' });
    expect(d.audit.of('offices.agent-token')).toHaveLength(2);
  });
});
