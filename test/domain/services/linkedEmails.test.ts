import { describe, expect, it } from 'vitest';
import { linkedEmailService } from '../../../domain/services/linkedEmails.js';
import { officeWithCompany } from '../../support/memory/directory.js';
import { useMemoryDeps } from '../../support/memory/deps.js';
import { randomEmail } from '../../support/randomIds.js';

const d = useMemoryDeps();

function withListener() {
  const heard: string[] = [];
  const listener = {
    added: async (email: string) => void heard.push(`added ${email}`),
    removed: async (email: string) => void heard.push(`removed ${email}`),
  };
  return { heard, service: linkedEmailService({ ...d, listener: () => listener }) };
}

describe("an office's linked e-mails", () => {
  it('are added once, audited without the address, and the waiting requests are told', async () => {
    const { officeId } = await officeWithCompany(d);
    const { heard, service } = withListener();
    const email = randomEmail('contato');
    expect(await service.add(officeId, email, 'operator:o1', 'new address')).toMatchObject({ added: true });
    expect(await service.add(officeId, email, 'operator:o1')).toMatchObject({ added: false });
    expect((await service.list(officeId)).map((r) => r.email)).toEqual([email]);
    expect(heard).toEqual([`added ${email}`]);
    expect(d.audit.of('offices.linked-email.add').map((e) => e.details)).toEqual([{ added: true }, { added: false }]);
    expect(JSON.stringify(d.audit.entries)).not.toContain(email);
  });

  it('belong to one office at most', async () => {
    const a = await officeWithCompany(d, 'A');
    const b = await officeWithCompany(d, 'B');
    const { service } = withListener();
    const email = randomEmail('shared');
    await service.add(a.officeId, email, 'operator:o1');
    await expect(service.add(b.officeId, email, 'operator:o1')).rejects.toMatchObject({ code: 'linked_email_taken' });
    expect(await service.list(b.officeId)).toEqual([]);
  });

  it('cannot be removed when not listed, and a removal is heard once', async () => {
    const { officeId } = await officeWithCompany(d);
    const { heard, service } = withListener();
    const email = randomEmail('old');
    await expect(service.remove(officeId, email, 'operator:o1')).rejects.toMatchObject({
      code: 'linked_email_not_listed',
    });
    await service.add(officeId, email, 'operator:o1');
    expect(await service.remove(officeId, email, 'operator:o1', 'gone')).toMatchObject({ linkedEmails: [] });
    expect(heard).toEqual([`added ${email}`, `removed ${email}`]);
    expect(d.audit.of('offices.linked-email.remove')).toEqual([expect.objectContaining({ reason: 'gone' })]);
  });
});
