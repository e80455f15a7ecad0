import { describe, expect, it } from 'vitest';
import { clientUserService } from '../../../domain/services/clientUsers.js';
import { contractService } from '../../../domain/services/contracts.js';
import { linkedEmailService } from '../../../domain/services/linkedEmails.js';
import { officeService } from '../../../domain/services/offices.js';
import { registrationService } from '../../../domain/services/registrations.js';
import { officeWithCompany, testTimings } from '../../support/memory/directory.js';
import { useMemoryDeps } from '../../support/memory/deps.js';
import { randomCnpj, randomEmail } from '../../support/randomIds.js';

const d = useMemoryDeps();
const registrations = () =>
  registrationService({
    db: d.db,
    offices: officeService(d),
    contracts: contractService({ ...d, timing: testTimings.contract }),
    clientUsers: clientUserService({ ...d, timing: testTimings.onboarding }),
  });

const fields = (officeId: string, email = randomEmail('admin')) => ({
  officeId,
  planId: 'essencial',
  payer: 'office' as const,
  company: { name: 'Mercado Central', cnpj: randomCnpj() },
  admin: { name: 'Carla', email, locale: 'pt-BR' },
});

describe("an office's own registration of a client", () => {
  it('makes the company, its contract and its admin, each with its process; the same request again makes nothing more', async () => {
    const { officeId } = await officeWithCompany(d);
    const request = fields(officeId);
    const made = await registrations().register(request, 'operator:o1', 'register-1');
    expect(made).toMatchObject({ created: true, warnings: [] });
    expect(d.instances.ids()).toEqual([
      `clientContract-${made.companyId}`,
      `clientUserOnboarding-${made.clientUserId}`,
    ]);
    expect(d.instances.context(`clientUserOnboarding-${made.clientUserId}`)).toMatchObject({
      companyId: made.companyId,
      officeId,
    });
    const again = await registrations().register(request, 'operator:o1', 'register-1');
    expect(again).toEqual({ ...made, created: false });
    expect(d.instances.ids()).toHaveLength(2);
  });

  it("warns, without refusing, when the admin's address is one of an accounting office", async () => {
    const own = await officeWithCompany(d, 'Própria');
    const other = await officeWithCompany(d, 'Outra');
    const ownAddress = randomEmail('escritorio');
    const otherAddress = randomEmail('outro');
    await linkedEmailService(d).add(own.officeId, ownAddress, 'operator:o1');
    await linkedEmailService(d).add(other.officeId, otherAddress, 'operator:o1');
    expect((await registrations().register(fields(own.officeId, ownAddress), 'operator:o1')).warnings).toEqual([
      expect.objectContaining({ code: 'email_of_this_office', officeName: 'Própria' }),
    ]);
    expect((await registrations().register(fields(own.officeId, otherAddress), 'operator:o1')).warnings).toEqual([
      expect.objectContaining({ code: 'email_of_another_office', officeName: 'Outra' }),
    ]);
  });
});
