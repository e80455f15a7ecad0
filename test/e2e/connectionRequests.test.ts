import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createOfficeWithCompany, existingAccount, randomEmail } from '../support/directoryStack.js';
import { transitionsOf } from '../support/projection.js';
import { eventually } from '../support/stack.js';
import { loginWithApi, refresh, showUrl } from './support/browser.js';
import { useConsole } from './support/pageHooks.js';
import { untilState } from './support/seed.js';

const session = useConsole();

/** An office's request to a client that has an account, waiting for the client's approval. */
async function awaitingApproval(officeName: string) {
  const { stack: s } = session;
  const { officeId, companyId } = await createOfficeWithCompany(s.app, officeName);
  const email = randomEmail('cliente');
  await existingAccount(s.db, email, 'uma senha longa');
  const created = await request(s.app)
    .post('/api/connectionRequests')
    .send({ direction: 'officeToClient', officeId, companyId, email, locale: 'en' })
    .expect(201);
  await untilState(s, created.body.instanceId, 'awaitingApproval');
  await eventually(() => expect(s.smtp.to(email)).toHaveLength(1));
  return { officeId, companyId, email, id: created.body.id as string, instanceId: created.body.instanceId as string };
}

describe('connection requests in the console', () => {
  it('an operator finds a request awaiting approval by its office, opens it, and resends the approval e-mail', async () => {
    const { stack: s, context, page } = session;
    const r = await awaitingApproval('Contábil Reenvio');
    await loginWithApi(context, await s.operator('operator'));

    await page.goto('/admin/#/connectionRequests');
    const row = page.locator('tbody tr', { hasText: 'Contábil Reenvio' });
    await row.getByText(r.email).waitFor();
    await row.getByText('Open').waitFor();
    // The company's name, in its column and in the link to the process named after it.
    await row.getByText('Contábil Reenvio Cliente').first().waitFor();
    await row.click();

    await page.waitForURL(/#\/connectionRequests\/.+\/show$/);
    const process = page.getByTestId('connection-process');
    await process.locator('[data-testid="timeline"]').getByText('Awaiting approval').first().waitFor();
    await process.locator('svg').first().waitFor(); // the statechart

    await page.locator(`a[title*="${r.instanceId}"]`).first().click();
    await page.waitForURL(/#\/instances\/.+\/show$/);
    await page.locator('[data-testid="accepted-events"] button[data-event="RESEND_NOW"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason').fill('client lost the first e-mail');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await page.getByText(/Event applied; the process is now in/).waitFor();

    await eventually(() => expect(s.smtp.to(r.email)).toHaveLength(2));
    await eventually(async () => {
      await refresh(page);
      expect((await transitionsOf(s.db, r.instanceId)).at(-1)).toMatchObject({ to: 'awaitingApproval' });
    });
    expect((await transitionsOf(s.db, r.instanceId)).filter((t) => t.event === 'RESEND_NOW')).toMatchObject([
      { from: 'awaitingApproval', reason: 'client lost the first e-mail' },
    ]);

    // The company's page lists the connection by the office's name.
    await page.goto(showUrl('companies', r.companyId));
    await page.getByTestId('connections').getByText('Contábil Reenvio').first().waitFor();
  });

  it('the invite form says at once whether the client has an account, then opens the request', async () => {
    const { stack: s, context, page } = session;
    await createOfficeWithCompany(s.app, 'Contábil Formulário');
    const known = randomEmail('conhecido');
    await existingAccount(s.db, known, 'uma senha longa');
    await loginWithApi(context, await s.operator('operator'));
    await page.goto('/admin/#/connectionRequests/create');

    await page.getByLabel('Office').fill('Contábil Formulário');
    await page.getByRole('option', { name: 'Contábil Formulário' }).click();
    await page.getByLabel('Company').fill('Contábil Formulário Cliente');
    await page.getByRole('option', { name: 'Contábil Formulário Cliente' }).click();
    const email = page.getByLabel('E-mail');
    await email.fill(randomEmail('novo'));
    await page
      .getByTestId('account-check')
      .getByText(/No account with this e-mail yet/)
      .waitFor();
    await email.fill(known);
    await page
      .getByTestId('account-check')
      .getByText(/already has an account/)
      .waitFor();
    await page.getByRole('button', { name: 'Save' }).click();

    await page.waitForURL(/#\/connectionRequests\/.+\/show$/);
    await page.getByText(known).first().waitFor();
    const row = await s.db('connectionRequests').where({ inviteeEmail: known }).first();
    expect(row).toMatchObject({ direction: 'officeToClient', state: 'open' });
  });

  it('the client approves on the portal page opened from the e-mail, and the office page shows the connection', async () => {
    const { stack: s, context, page } = session;
    const r = await awaitingApproval('Contábil Portal');
    const link = /http:\/\/vinculo\.test(\/portal\/connection\?token=[^&\s]+&decision=approve)/.exec(
      s.smtp.to(r.email)[0]!.text,
    )?.[1];
    expect(link).toBeTruthy();
    await page.goto(link!);
    await page.getByText('Contábil Portal wants to connect its account with Contábil Portal Cliente').waitFor();
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Done! The connection is approved.').waitFor();
    await untilState(s, r.instanceId, 'active');

    await loginWithApi(context, await s.operator('operator'));
    await page.goto(showUrl('offices', r.officeId));
    const connections = page.getByTestId('connections');
    await connections.getByText('Contábil Portal Cliente').first().waitFor();
    await connections.getByText('Connected').first().waitFor();
  });

  it('an invited client creates the account on the page opened from the invitation, and the approval e-mail follows', async () => {
    const { stack: s, page } = session;
    const { officeId, companyId } = await createOfficeWithCompany(s.app, 'Contábil Convida');
    const email = randomEmail('convidado');
    const created = await request(s.app)
      .post('/api/connectionRequests')
      .send({ direction: 'officeToClient', officeId, companyId, email, locale: 'en' })
      .expect(201);
    await untilState(s, created.body.instanceId, 'awaitingAccount');
    const invitation = await eventually(() => {
      expect(s.smtp.to(email)).toHaveLength(1);
      return s.smtp.to(email)[0]!;
    });
    const link = /http:\/\/vinculo\.test(\/portal\/connection\/register\?token=\S+)/.exec(invitation.text)?.[1];
    expect(link).toBeTruthy();
    await page.goto(link!);
    await page.getByText(email).waitFor();
    await page.getByLabel('Your name').fill('Bia Convidada');
    await page.getByLabel('Password', { exact: true }).fill('uma senha bem longa 42');
    await page.getByLabel('Repeat the password').fill('outra senha qualquer 42');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('The passwords differ.').waitFor();
    await page.getByLabel('Repeat the password').fill('uma senha bem longa 42');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText(/Your account is created/).waitFor();

    await untilState(s, created.body.instanceId, 'awaitingApproval');
    await eventually(() => expect(s.smtp.to(email)).toHaveLength(2));
    expect(s.smtp.to(email)[1]!.text).toMatch(/decision=approve/);
    expect(await s.db('clientUsers').where({ email, companyId })).toMatchObject([
      { name: 'Bia Convidada', companyRole: 'admin' },
    ]);
  });
});
