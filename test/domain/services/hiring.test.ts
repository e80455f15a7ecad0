import { describe, expect, it } from 'vitest';
import { contractService } from '../../../domain/services/contracts.js';
import { hiringService } from '../../../domain/services/hiring.js';
import { officeWithCompany, testMail, testTimings } from '../../support/memory/directory.js';
import { useMemoryDeps } from '../../support/memory/deps.js';
import { randomCnpj, randomEmail } from '../../support/randomIds.js';
import { signUpForm } from '../../support/signUpForm.js';

const d = useMemoryDeps();
const hiring = (tokenSecret = 'a-secret-of-the-test') =>
  hiringService({
    ...d,
    timing: testTimings.hiring,
    tokenSecret,
    mail: testMail,
    contracts: contractService({ ...d, timing: testTimings.contract }),
  });
const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;

async function sent() {
  const { officeId } = await officeWithCompany(d);
  const fields = {
    officeId,
    planId: 'profissional',
    payer: 'client' as const,
    email: randomEmail('f'),
    locale: 'pt-BR',
  };
  return { fields, ...(await hiring().send(fields, 'operator:o1', 'send-1')) };
}

describe('hiring links', () => {
  it('are saved, their process started and their signed link answered; the same request again is the same link', async () => {
    const { id, link, fields } = await sent();
    expect(link).toMatch(/^http:\/\/vinculo\.test\/portal\/hire\?token=/);
    expect(await hiring().usable(tokenOf(link))).toMatchObject({ id, status: 'sent', email: fields.email });
    expect(d.instances.context(`clientHiring-${id}`)).toMatchObject({ hiringId: id, officeId: fields.officeId });
    expect(await hiring().send(fields, 'operator:o1', 'send-1')).toMatchObject({ id, created: false, link });
    await expect(hiring('another-secret').usable(tokenOf(link))).rejects.toMatchObject({ code: 'invalid_link' });
  });

  it('are not sent without a signing secret or to an office that does not exist, and nothing is kept', async () => {
    const fields = {
      officeId: 'nowhere',
      planId: 'profissional',
      payer: 'client' as const,
      email: 'a@b.co',
      locale: 'en',
    };
    await expect(hiring('').send(fields, 'operator:o1')).rejects.toMatchObject({ code: 'not_configured' });
    await expect(hiring().send(fields, 'operator:o1')).rejects.toMatchObject({ code: 'unknown_office' });
    expect(d.instances.ids()).toEqual([]);
    expect(d.audit.entries).toEqual([]);
  });

  it('sign a company up once: account, admin and contract in trial, the process told, the link then used', async () => {
    const { id, link } = await sent();
    const form = signUpForm(tokenOf(link));
    const { companyId, status } = await hiring().signUp(form);
    expect(status).toBe('Teste');
    expect(await hiring().load(id)).toMatchObject({ status: 'signedUp', companyId });
    expect(d.instances.eventsOf(`clientHiring-${id}`)).toEqual(['SIGNED_UP']);
    expect(d.instances.context(`clientContract-${companyId}`)).toMatchObject({ companyId, status: 'Teste' });
    expect(d.audit.of('hiringLinks.signUp')).toEqual([expect.objectContaining({ target: `companies:${companyId}` })]);
    await expect(hiring().signUp({ ...form, cnpj: randomCnpj() })).rejects.toMatchObject({ code: 'link_used' });
  });
});
