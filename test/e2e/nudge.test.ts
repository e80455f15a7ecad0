import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { transitionsOf } from '../support/projection.js';
import { eventually } from '../support/stack.js';
import { refresh, screenshotIfAsked, showCurrentState, showUrl } from './support/browser.js';
import { useConsole } from './support/pageHooks.js';
import { nudge, seedWaitingClientUsers, untilState } from './support/seed.js';

const session = useConsole();

async function logInThroughThePage(page: Page, credentials: { email: string; password: string }) {
  await page.goto('/admin/#/login');
  await page.locator('input[name="username"]').fill(credentials.email);
  await page.locator('input[name="password"]').fill(credentials.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Vínculo console').first().waitFor(); // the dashboard's title
}

describe('an operator in the console', () => {
  it('logs in, finds a process waiting for its user, resends the e-mail with a reason, and sees the new transitions and the mail', async () => {
    const { stack: s, page } = session;
    const [waiting, other] = await seedWaitingClientUsers(s, ['Bruno Lima', 'Carla Dias'], 'Contábil Beta');
    await nudge(s, other!.instanceId, 'CANCEL', 'duplicate user'); // a process that waits for nobody any more
    await untilState(s, other!.instanceId, 'cancelled');

    await logInThroughThePage(page, await s.operator('operator'));
    await page.getByRole('menuitem', { name: 'Processes' }).click();
    const row = page.locator('tbody tr', { hasText: waiting!.email });
    await row.getByText('Waiting for the user to register').waitFor();
    expect(await page.locator('tbody tr', { hasText: other!.email }).getByText('Cancelled').count()).toBeGreaterThan(0);
    await row.click();

    await page.waitForURL(/#\/instances\/.+\/show$/);
    await page.locator('[data-testid="accepted-events"] button[data-event="RESEND_NOW"]').click();
    const dialog = page.getByRole('dialog');
    const send = dialog.getByRole('button', { name: 'Send' });
    expect(await send.isDisabled()).toBe(true); // the reason is required
    await dialog.getByLabel('Reason').fill('user says the first e-mail never arrived');
    await send.click();
    await page.getByText('Event applied; the process is now in 3. Resending the registration e-mail').waitFor();

    // The send runs as an activity after the event; the operator refreshes until it is back to waiting.
    const timeline = page.locator('[data-testid="timeline"]');
    await timeline
      .locator('tr', { hasText: 'user says the first e-mail never arrived' })
      .getByText('RESEND_NOW')
      .waitFor();
    await eventually(async () => {
      await refresh(page);
      await timeline
        .locator('tbody tr')
        .nth(4)
        .getByText('Waiting for the user to register')
        .waitFor({ timeout: 1000 });
    });
    const operatorRow = await timeline.locator('tr', { hasText: 'RESEND_NOW' }).innerText();
    expect(operatorRow).toMatch(/operator:/);
    await showCurrentState(page);
    await screenshotIfAsked(page, 'instance');

    const rows = await transitionsOf(s.db, waiting!.instanceId);
    expect(rows.filter((r) => r.event === 'RESEND_NOW')).toMatchObject([
      { from: 'awaitingRegistration', to: 'resendingRegistration', reason: 'user says the first e-mail never arrived' },
    ]);
    expect(rows.at(-1)).toMatchObject({ to: 'awaitingRegistration' });

    await page.getByRole('menuitem', { name: 'Outbox' }).click();
    await eventually(async () => {
      await refresh(page);
      expect(await page.locator('tbody tr', { hasText: waiting!.email }).count()).toBe(2);
    });
    expect(s.smtp.mailbox(waiting!.email)).toHaveLength(2);
  });

  it('sees the current state highlighted in the statechart, and the highlight follows the process', async () => {
    const { stack: s, page } = session;
    const [user] = await seedWaitingClientUsers(s, ['Diego Alves'], 'Contábil Gama');
    await logInThroughThePage(page, await s.operator('operator'));
    await page.goto(showUrl('instances', user!.instanceId));

    const current = () => page.locator('[data-testid="statechart"] svg g.node.current');
    await current().first().waitFor({ state: 'attached' });
    expect(await current().count()).toBe(1);
    expect(await current().getAttribute('data-state')).toBe('awaitingRegistration');
    // The highlight is the console's "current" class: a filled dark-blue box, unlike every other state.
    const fill = await current()
      .locator('rect, path')
      .first()
      .evaluate((el) => getComputedStyle(el).fill);
    expect(fill).toBe('rgb(21, 101, 192)');
    const visited = page.locator('[data-testid="statechart"] svg g.node.visited');
    expect(await visited.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-state')).sort())).toEqual([
      'checkingEmail',
      'sendingRegistration',
    ]);

    await nudge(s, user!.instanceId, 'CANCEL', 'office asked to stop');
    await untilState(s, user!.instanceId, 'cancelled');
    await refresh(page);
    await page.locator('[data-testid="statechart"] svg g.node.current[data-state="cancelled"]').waitFor();
    expect(await current().count()).toBe(1);
    expect(
      await page.locator('[data-testid="statechart"] svg g.node.visited[data-state="awaitingRegistration"]').count(),
    ).toBe(1);
  });
  it('follows the process on its own, without Refresh, when it moves on elsewhere', async () => {
    const { stack: s, page } = session;
    const [user] = await seedWaitingClientUsers(s, ['Elias Rocha'], 'Contábil Delta');
    await logInThroughThePage(page, await s.operator('operator'));
    await page.goto(showUrl('instances', user!.instanceId));
    await page
      .locator('[data-testid="statechart"] svg g.node.current[data-state="awaitingRegistration"]')
      .waitFor({ state: 'attached' });

    // Another operator (here, the API) cancels it; this page is left alone.
    await nudge(s, user!.instanceId, 'CANCEL', 'cancelled from another desk');
    await untilState(s, user!.instanceId, 'cancelled');
    await page
      .locator('[data-testid="statechart"] svg g.node.current[data-state="cancelled"]')
      .waitFor({ state: 'attached', timeout: 25_000 });
    await page
      .locator('[data-testid="timeline"]')
      .getByText('cancelled from another desk')
      .waitFor({ timeout: 25_000 });
  });
});
