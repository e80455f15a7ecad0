import fs from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeApp } from '../../server/compose.js';
import { createTinyCa, type TinyCa } from '../support/certificates.js';
import { startCertificateStack, type CertificateStack } from '../support/certificateStack.js';
import { createOfficeWithCompany } from '../support/directoryStack.js';
import { makeOperator } from '../support/operators.js';
import { testRegistry } from '../support/registry.js';
import { adminDist, ensureAdminBuilt } from './support/adminBuild.js';
import { collectPageErrors, launchBrowser, loginWithApi, newConsoleContext, showUrl } from './support/browser.js';

let ca: TinyCa;
let s: CertificateStack;
let browser: Browser;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  await ensureAdminBuilt();
  ca = createTinyCa();
  [s, browser] = await Promise.all([startCertificateStack(), launchBrowser()]);
  const consoleApp = composeApp(
    { ...s.parts, services: s.services },
    { registry: testRegistry, version: 'e2e', temporalOk: async () => true, adminDist },
  );
  server = await new Promise((resolve, reject) => {
    const listening = consoleApp.listen(0, '127.0.0.1', () => resolve(listening)).once('error', reject);
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server?.closeAllConnections();
  await s?.stop();
  ca?.cleanup();
});

describe('certificates in the console', () => {
  it('an operator uploads a replacement from the company page and sees the new validity', async () => {
    const { companyId } = await createOfficeWithCompany(s.app, 'Contábil Certa');
    const { cnpj } = await s.db('companies').where({ id: companyId }).first('cnpj');
    const validUntil = new Date(Date.now() + 200 * 86_400_000);
    const leaf = ca.issue({ name: 'e2e', commonName: `CERTA LTDA:${cnpj}`, otherNameCnpj: cnpj, endDate: validUntil });
    const file = path.join(ca.dir, 'company.pfx');
    fs.writeFileSync(file, ca.pfx({ key: leaf.key, certs: [leaf.cert], password: 'senha-123' }));

    const old = ca.issue({
      name: 'e2e-old',
      commonName: `CERTA LTDA:${cnpj}`,
      otherNameCnpj: cnpj,
      endDate: new Date(Date.now() + 20 * 86_400_000),
    });
    const oldPfx = ca.pfx({ key: old.key, certs: [old.cert], password: 'antiga' });
    await s.service.upload({ companyId, pfx: oldPfx, password: 'antiga', actor: 'operator:seed', reason: 'first' });
    const shownAs = async () =>
      `Valid until ${new Date((await s.store.current(companyId))!.validUntil!).toLocaleString('en-US')}`;
    const before = await shownAs();

    const context = await newConsoleContext(browser, baseUrl);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const { operator, password } = await makeOperator(s.db, 'operator');
    await loginWithApi(context, { email: operator.email, password });
    await page.goto(showUrl('companies', companyId));
    const panel = page.getByTestId('company-certificate');
    await panel.getByText(before).waitFor();

    await panel.locator('input[type=file]').setInputFiles(file);
    await panel.getByLabel('PFX file password').fill('senha-123');
    await panel.getByLabel('Reason').fill('client sent the renewed A1');
    await panel.getByRole('button', { name: 'Upload certificate' }).click();
    await page.getByText('Certificate accepted').waitFor();
    const after = await shownAs();
    expect(after).not.toBe(before);
    await panel.getByText(after).waitFor();
    expect((await s.store.history(companyId)).map((c) => c.status)).toEqual(['current', 'replaced']);

    await page.goto(showUrl('certificates', companyId));
    await page.getByText('CERTA LTDA', { exact: false }).first().waitFor();
    await page.goto('/admin/#/certificates');
    // The company by name, and its process named after it rather than by id.
    const row = page.locator('tbody tr', { hasText: 'Contábil Certa Cliente' });
    await row.locator('td.column-companyName', { hasText: 'Contábil Certa Cliente' }).waitFor();
    await row.locator('td.column-instanceId', { hasText: 'Contábil Certa Cliente' }).waitFor();
    expect(await s.db('audit').where({ action: 'certificates.upload', target: `company:${companyId}` })).toMatchObject([
      { reason: 'client sent the renewed A1' },
    ]);
    expect(errors.map((e) => e.message)).toEqual([]);
    await context.close();
  });
});
