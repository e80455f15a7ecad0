import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createOfficeWithCompany, randomCnpj, randomEmail } from '../support/directoryStack.js';
import { eventually } from '../support/stack.js';
import { loginWithApi, screenshotIfAsked } from './support/browser.js';
import { useConsole } from './support/pageHooks.js';

const session = useConsole();

describe('the Accounts view', () => {
  it('lists accounts by name, changes the plan with a reason, and shows a new integration key once', async () => {
    const { stack: s, context, page } = session;
    const { companyId } = await createOfficeWithCompany(s.app, 'Contábil Tau');
    await request(s.app).post('/api/accounts').send({ companyId, planId: 'essencial', payer: 'office' }).expect(201);
    await loginWithApi(context, await s.operator('operator'));

    await page.goto('/admin/#/accounts');
    const row = page.getByRole('row', { name: /Contábil Tau Cliente/ });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/Contábil Tau.*Teste.*Essential.*The office.*No key yet/);
    await row.click();
    await page.waitForURL(new RegExp(`/accounts/${companyId}/show`));

    await page.getByRole('button', { name: 'Change plan' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Plan' }).click();
    await page.getByRole('option', { name: /Professional/ }).click();
    await dialog.getByLabel(/Reason/).fill('the client asked for more users');
    await dialog.getByRole('button', { name: 'Change plan' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Professional').waitFor();
    await eventually(async () =>
      expect(await s.db('contracts').where({ companyId }).first('planId')).toEqual({ planId: 'profissional' }),
    );

    await page.getByRole('button', { name: 'Generate a new key' }).click();
    await page
      .getByRole('dialog')
      .getByLabel(/Reason/)
      .fill('the first application');
    await page.getByRole('dialog').getByRole('button', { name: 'Generate a new key' }).click();
    const keyField = page.getByRole('dialog').getByLabel('Integration key');
    await keyField.waitFor();
    const key = await keyField.inputValue();
    expect(key).toMatch(/^vk_/);
    await screenshotIfAsked(page, 'account-new-key');
    const company = await request(s.app).get('/integration/v1/company').set('Authorization', `Bearer ${key}`);
    expect(company.status).toBe(200);
    expect(company.body.name).toBe('Contábil Tau Cliente');
  });

  it('registers a client with "New registration", warning when the e-mail is another office’s', async () => {
    const { stack: s, context, page } = session;
    const { officeId } = await createOfficeWithCompany(s.app, 'Contábil Upsilon');
    const { officeId: other } = await createOfficeWithCompany(s.app, 'Contábil Phi');
    const staffEmail = randomEmail('contador');
    await request(s.app)
      .post('/api/officeUsers')
      .send({ officeId: other, name: 'Caio', email: staffEmail, role: 'manager' })
      .expect(201);
    await loginWithApi(context, await s.operator('operator'));

    await page.goto('/admin/#/accounts/create');
    await page.getByLabel('Office').fill('Contábil Upsilon');
    await page.getByRole('option', { name: 'Contábil Upsilon' }).click();
    await page.getByLabel('Plan').click();
    await page.getByRole('option', { name: 'Essential' }).click();
    await page.getByLabel('Company').fill('Oficina do Zé');
    await page.getByLabel('CNPJ').fill(randomCnpj());
    await page.getByLabel("Admin's name").fill('Zé');
    await page.getByLabel(/Admin's e-mail/).fill(staffEmail);
    await page.getByLabel('CNPJ').focus(); // leaving the e-mail field checks it
    await page
      .getByTestId('registration-warnings')
      .getByText(/another accounting office \(Contábil Phi\)/)
      .waitFor();

    await page.getByLabel(/Admin's e-mail/).fill(randomEmail('ze'));
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/accounts\/[^/]+\/show/);
    await page.getByText('Oficina do Zé').first().waitFor();
    const account = await s
      .db('contracts as k')
      .join('companies as c', 'c.id', 'k.companyId')
      .where('c.name', 'Oficina do Zé')
      .first('k.officeId', 'k.status');
    expect(account).toEqual({ officeId, status: 'Teste' });
  });
});
