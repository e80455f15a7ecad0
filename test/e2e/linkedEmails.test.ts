import { describe, expect, it } from 'vitest';
import { createOfficeWithCompany, randomEmail } from '../support/directoryStack.js';
import { eventually } from '../support/stack.js';
import { loginWithApi, showUrl } from './support/browser.js';
import { useConsole } from './support/pageHooks.js';

const session = useConsole();

describe("the office page's linked e-mails", () => {
  it('adds one, shows it, and removes it, each change reaching the database and the audit log', async () => {
    const { stack: s, context, page } = session;
    const { officeId } = await createOfficeWithCompany(s.app, 'Contábil Linked');
    const email = randomEmail('fiscal');
    await loginWithApi(context, await s.operator('operator'));
    await page.goto(showUrl('offices', officeId));

    const panel = page.getByTestId('linked-emails');
    await panel.getByText('No linked e-mails yet.').waitFor();
    await panel.getByLabel('New linked e-mail').fill(email);
    await panel.getByRole('button', { name: 'Add e-mail' }).click();
    await panel.getByText(email).waitFor();
    await eventually(async () =>
      expect(await s.db('officeLinkedEmails').where({ officeId })).toMatchObject([{ email }]),
    );

    // A deletable chip is a button; Delete on it removes the address, as the chip's × does.
    await panel.getByRole('button', { name: `Remove ${email}` }).press('Delete');
    await panel.getByText('No linked e-mails yet.').waitFor();
    expect(await s.db('officeLinkedEmails').where({ officeId })).toHaveLength(0);
    expect(
      (
        await s
          .db('audit')
          .where({ target: `offices:${officeId}` })
          .orderBy('id')
      ).map((r) => r.action),
    ).toEqual(['offices.create', 'offices.linked-email.add', 'offices.linked-email.remove']);
  });
});
