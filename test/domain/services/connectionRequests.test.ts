import { describe, expect, it } from 'vitest';
import { connectionRequestService } from '../../../domain/services/connectionRequests.js';
import { linkedEmailService } from '../../../domain/services/linkedEmails.js';
import { officeWithCompany, testTimings } from '../../support/memory/directory.js';
import { useMemoryDeps } from '../../support/memory/deps.js';
import { randomEmail } from '../../support/randomIds.js';

const d = useMemoryDeps();
const requests = () => connectionRequestService({ ...d, timing: testTimings.connection, tokenSecret: 'secret' });

describe('connection requests', () => {
  it("from an office are opened once per office and company, with their process; never to the office's own address", async () => {
    const { officeId, companyId } = await officeWithCompany(d);
    const email = randomEmail('cliente');
    const made = await requests().fromOffice({ officeId, companyId, email }, 'operator:o1');
    expect(made).toMatchObject({ created: true, clientHasAccount: false });
    expect(await requests().load(made.id)).toMatchObject({ state: 'open', direction: 'officeToClient', officeId });
    expect(d.instances.startOf(`connectionRequest-${made.id}`).input).toMatchObject({
      requestId: made.id,
      companyId,
      officeId,
    });

    await expect(requests().fromOffice({ officeId, companyId, email }, 'operator:o1')).rejects.toMatchObject({
      code: 'duplicate_open_request',
      details: { first: made.id },
    });
    const own = randomEmail('escritorio');
    await linkedEmailService(d).add(officeId, own, 'operator:o1');
    await expect(requests().fromOffice({ officeId, companyId, email: own }, 'operator:o1')).rejects.toMatchObject({
      code: 'self_request',
    });
    expect(d.instances.ids()).toEqual([`connectionRequest-${made.id}`]);
  });

  it("from a client reach the office once the accountant's address becomes one of its linked e-mails", async () => {
    const { companyId } = await officeWithCompany(d, 'Cliente');
    const { officeId } = await officeWithCompany(d, 'Contábil');
    const accountantEmail = randomEmail('contador');
    const made = await requests().fromClient({ companyId, accountantEmail, officeName: 'Contábil' }, 'user:u1');
    expect(made).toMatchObject({ matched: false, officeName: null });
    const instanceId = `connectionRequest-${made.id}`;
    d.instances.finishSteps(instanceId, { route: 'unmatched' });

    const service = requests();
    await linkedEmailService({ ...d, listener: () => service.linkedEmailListener }).add(
      officeId,
      accountantEmail,
      'operator:o1',
    );
    expect(await requests().load(made.id)).toMatchObject({ officeId, state: 'open' });
    expect(d.instances.eventsOf(instanceId)).toEqual(['OFFICE_MATCHED']);
  });

  it('cannot be revoked before they are active, and a refused revocation records nothing', async () => {
    const { officeId, companyId } = await officeWithCompany(d);
    const made = await requests().fromOffice({ officeId, companyId, email: randomEmail('c') }, 'operator:o1');
    await expect(requests().revoke(made.id, 'office', 'operator:o1', 'changed our mind')).rejects.toMatchObject({
      code: 'not_active',
      details: { state: 'open' },
    });
    expect(d.audit.of('connectionRequests.revoke')).toEqual([]);
    expect(d.instances.eventsOf(`connectionRequest-${made.id}`)).toEqual([]);
  });
});
