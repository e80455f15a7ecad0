import crypto from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  existingAccount,
  randomCnpj,
  randomEmail,
  startDirectoryStack,
  type DirectoryStack,
} from '../support/directoryStack.js';
import { instanceRow } from '../support/projection.js';
import { portalPath } from '../support/mailCatcher.js';
import { personInTwoOffices, type TwoOfficePerson } from '../support/portalPeople.js';
import { eventually } from '../support/stack.js';
import { collectPageErrors, launchBrowser, newConsoleContext, saveFailure, viewport } from './support/browser.js';

/*
 * The portal in Chromium: one identity that belongs to two offices signs in, sees the chosen
 * office and its companies, switches in the top right corner (kept by the session, not the
 * browser), loses an office it was removed from; and a forgotten password is reset from the
 * mailed link. No console build is needed: only /portal is visited.
 */

let s: DirectoryStack;
let server: Server;
let baseUrl: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: Error[] = [];
let person: TwoOfficePerson;

beforeAll(async () => {
  [s, browser] = await Promise.all([startDirectoryStack(), launchBrowser()]);
  server = await new Promise<Server>((resolve, reject) => {
    const listening = s.app.listen(0, '127.0.0.1', () => resolve(listening)).once('error', reject);
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  person = await personInTwoOffices(s);
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => {
    if (!server) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
  await s?.stop();
});
beforeEach(async () => {
  context = await newConsoleContext(browser, baseUrl);
  page = await context.newPage();
  pageErrors = collectPageErrors(page);
});
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && page) await saveFailure(page, task.name);
  await context?.close();
  expect(pageErrors.map((e) => e.message)).toEqual([]);
});

async function signIn(email: string, password: string) {
  await page.goto('/portal/home');
  await page.locator('#sign-in').waitFor();
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('#sign-in button[type=submit]');
}
const officeName = () => page.locator('#office-name');
const companies = () => page.locator('#companies .company-name').allInnerTexts();

describe('the portal office switcher in the browser', () => {
  it('one identity in two offices: choose, switch at once, keep the choice in the session, lose a removed office', async () => {
    await signIn(person.email, person.password);
    await expect.poll(() => officeName().innerText()).toBe('Escritório Alfa');
    expect(await companies()).toEqual(['Escritório Alfa Cliente']);

    // The switcher sits in the top right corner and lists both offices.
    const switcher = page.locator('#office-switcher');
    const box = await switcher.boundingBox();
    expect(box!.x).toBeGreaterThan(viewport.width / 2);
    expect(box!.y).toBeLessThan(100);
    expect(await switcher.locator('option').allInnerTexts()).toEqual(['Escritório Alfa', 'Escritório Beta']);

    await switcher.selectOption(person.second.officeId);
    await expect.poll(() => officeName().innerText()).toBe('Escritório Beta');
    expect(await companies()).toEqual(['Escritório Beta Cliente']);

    // The session carries the choice: a reload (or another tab) opens the same office.
    await page.reload();
    await expect.poll(() => officeName().innerText()).toBe('Escritório Beta');
    const other = await context.newPage();
    await other.goto('/portal/home');
    await expect.poll(() => other.locator('#office-name').innerText()).toBe('Escritório Beta');
    await other.close();
    expect(await page.evaluate(() => Object.keys(window.localStorage))).not.toContain('vinculo.office');

    // Removed from the second office: it is gone from the switcher and the home at once.
    await request(s.app)
      .put(`/api/clientUsers/${person.second.clientUserId}`)
      .send({ status: 'inactive', reason: 'left the company' })
      .expect(200);
    await page.reload();
    await expect.poll(() => officeName().innerText()).toBe('Escritório Alfa');
    expect(await switcher.locator('option').allInnerTexts()).toEqual(['Escritório Alfa']);

    await page.click('#sign-out');
    await page.locator('#sign-in').waitFor();
    await page.reload();
    await page.locator('#sign-in').waitFor();
  });

  it('an office manager sees the connection of the agent and tries it again with a click', async () => {
    const office = await request(s.app).post('/api/offices').send({ name: 'Escritório Gama', cnpj: randomCnpj() });
    const officeId = office.body.id as string;
    await request(s.app).post(`/api/offices/${officeId}/agent-heartbeat`).expect(200);
    const email = randomEmail('gama');
    const password = 'gama platform password';
    await existingAccount(s.db, email, password);
    const created = await request(s.app)
      .post('/api/officeUsers')
      .send({ officeId, name: 'Gama', email, role: 'manager' })
      .expect(201);
    const { id, instanceId } = created.body as { id: string; instanceId: string };
    await eventually(async () =>
      expect(await instanceRow(s.db, instanceId)).toMatchObject({ state: 'awaitingCredentials' }),
    );
    await request(s.app).post(`/api/officeUsers/${id}/credentials`).send({ password }).expect(200);
    await eventually(async () =>
      expect(await instanceRow(s.db, instanceId)).toMatchObject({ state: 'linked.connected' }),
    );

    await signIn(email, password);
    await expect.poll(() => officeName().innerText()).toBe('Escritório Gama');
    const connection = page.locator('#connection');
    await expect.poll(() => connection.getAttribute('data-connection')).toBe('connected');
    await s
      .db('offices')
      .where({ id: officeId })
      .update({ agentOnlineAt: new Date(Date.now() - 3_600_000).toISOString() });
    await page.click('#reconnect');
    await expect.poll(() => connection.getAttribute('data-connection')).toBe('disconnected');
    expect(await connection.innerText()).toBe('Communication agent disconnected');
  });

  it('a forgotten password: asked for, reset from the mailed link, then signed in with the new one', async () => {
    await page.goto('/portal/home');
    await page.click('a[href="/portal/forgot"]');
    await page.fill('#email', person.email);
    await page.click('#form button[type=submit]');
    await expect.poll(() => page.locator('#message').innerText()).toContain('If this e-mail has an account');
    const mail = await eventually(
      () =>
        s.smtp.to(person.email).find((m) => m.subject.includes('Reset the password')) ??
        Promise.reject(new Error('no reset mail yet')),
    );
    await page.goto(portalPath(mail));
    const newPassword = 'a fresh and long password';
    await page.fill('#password', newPassword);
    await page.fill('#repeat', newPassword);
    await page.click('#form button[type=submit]');
    await expect.poll(() => page.locator('#message').innerText()).toContain('Your password was changed');
    // The link is spent.
    const again = await page.goto(portalPath(mail));
    expect(again?.status()).toBe(410);
    await signIn(person.email, newPassword);
    await expect.poll(() => officeName().innerText()).toBe('Escritório Alfa');
  });

  it("the company's admin opens the account settings from the home and makes a new integration key, shown once", async () => {
    const office = await request(s.app).post('/api/offices').send({ name: 'Escritório Delta', cnpj: randomCnpj() });
    const company = await request(s.app)
      .post('/api/companies')
      .send({ officeId: office.body.id, name: 'Padaria Delta', cnpj: randomCnpj() })
      .expect(201);
    const companyId = company.body.id as string;
    await request(s.app).post('/api/accounts').send({ companyId, planId: 'essencial', payer: 'client' }).expect(201);
    const email = randomEmail('delta');
    const password = 'delta platform password';
    const identity = await existingAccount(s.db, email, password);
    await s.db('clientUsers').insert({
      id: crypto.randomUUID(),
      companyId,
      officeId: office.body.id,
      name: 'Dora',
      email,
      identityId: identity.id,
      status: 'registered',
      portalAccess: true,
      companyRole: 'admin',
      createdAt: new Date().toISOString(),
    });

    await signIn(email, password);
    await page
      .locator('#companies li', { hasText: 'Padaria Delta' })
      .getByRole('link', { name: 'Account settings' })
      .click();
    await expect.poll(() => page.locator('#status').innerText()).toBe('Teste');
    expect(await page.locator('#company').innerText()).toBe('Padaria Delta');
    await page.fill('#reason', 'our new invoicing application');
    await page.click('#rotate button[type=submit]');
    await page.locator('#new-key').waitFor();
    const key = await page.locator('#key').inputValue();
    expect(key).toMatch(/^vk_/);
    const answer = await request(s.app).get('/integration/v1/company').set('Authorization', `Bearer ${key}`);
    expect(answer.status).toBe(200);
    expect(answer.body.name).toBe('Padaria Delta');
  });
});
