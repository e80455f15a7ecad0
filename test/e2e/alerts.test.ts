import { describe, expect, it } from 'vitest';
import { alertDefaults } from '../../domain/alerts/settings.js';
import { AlertWatcher } from '../../domain/alerts/watcher.js';
import { uniqueId } from '../support/stack.js';
import { loginWithApi } from './support/browser.js';
import { useConsole } from './support/pageHooks.js';

const session = useConsole();

/** A stuck process as the projection records it (the server tests make real ones stuck). */
async function stuckInstance(machine: string) {
  const now = new Date().toISOString();
  const id = uniqueId(machine);
  await session.stack.db('instances').insert({
    id,
    machine,
    machineVersion: 1,
    state: 'sendFailed',
    status: 'running',
    startedAt: now,
    updatedAt: now,
    stuck: true,
  });
  return id;
}

describe('alerts in the console', () => {
  it('shows the count of unacknowledged stuck processes in the top bar and lists them for acknowledgement', async () => {
    const { stack: s, context, page } = session;
    const first = await stuckInstance('clientUserOnboarding');
    await stuckInstance('clientUserOnboarding');
    const watcher = new AlertWatcher({
      db: s.db,
      settings: { ...alertDefaults, digestTo: [] },
      mail: { from: 'vinculo@test.local', publicUrl: s.baseUrl },
    });
    await watcher.tick();
    await loginWithApi(context, await s.operator('operator'));
    await page.goto('/admin/#/');

    const badge = page.getByRole('link', { name: 'Stuck processes' });
    await page.locator('[data-unacknowledged="2"]').waitFor();
    await badge.click();
    await page.getByText(first).waitFor();

    const row = page.getByRole('row').filter({ hasText: first });
    await row.getByRole('button', { name: 'Acknowledge' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason').fill('the office is on holiday');
    await dialog.getByRole('button', { name: 'Acknowledge' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByText('acknowledged').waitFor();
    await page.reload();
    await page.locator('[data-unacknowledged="1"]').waitFor();
    expect(await s.db('audit').where({ action: 'alerts.acknowledge', target: `instances:${first}` })).toMatchObject([
      { reason: 'the office is on holiday' },
    ]);
  });
});
