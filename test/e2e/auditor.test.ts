import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { transitionsOf } from '../support/projection.js';
import { csrfToken, loginWithApi, showUrl } from './support/browser.js';
import { useConsole } from './support/pageHooks.js';
import { nudge, seedWaitingClientUsers } from './support/seed.js';

const session = useConsole();

interface InstanceExport {
  instance: { id: string; state: string };
  transitions: Array<{ event: string; reason: string | null }>;
  audit: Array<{ action: string; reason: string | null }>;
  temporalHistory: { runs?: unknown[] };
}

describe('an auditor in the console', () => {
  it('sees the process without nudge controls, downloads its history as JSON, and cannot send events', async () => {
    const { stack: s, page, context } = session;
    const [user] = await seedWaitingClientUsers(s, ['Joana Reis'], 'Contábil Épsilon');
    await nudge(s, user!.instanceId, 'EXTEND_DEADLINE', 'user on holiday until the 30th', { days: 14 });
    await loginWithApi(context, await s.operator('auditor'));

    await page.goto(showUrl('instances', user!.instanceId));
    // Wait for everything the page loads, then check what is missing: the nudge controls.
    await page.locator('[data-testid="statechart"] svg').waitFor();
    await page.locator('[data-testid="timeline"]').getByText('user on holiday until the 30th').waitFor();
    await page.getByText('Auditor').first().waitFor(); // the role chip: the identity has loaded
    expect(await page.getByText('Accepted events').count()).toBe(0);
    expect(await page.locator('[data-testid="accepted-events"], button[data-event]').count()).toBe(0);

    await page.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'Export as JSON' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${user!.instanceId}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
    const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8')) as InstanceExport;
    expect(exported.instance).toMatchObject({ id: user!.instanceId, state: 'awaitingRegistration' });
    expect(exported.transitions.map((t) => t.event)).toContain('EXTEND_DEADLINE');
    expect(exported.audit.some((a) => a.reason === 'user on holiday until the 30th')).toBe(true);
    expect(exported.temporalHistory.runs?.length).toBeGreaterThan(0);

    // The browser's own session, CSRF header included, so the refusal is about the role and nothing else.
    const before = await transitionsOf(s.db, user!.instanceId);
    const res = await context.request.post(`/api/instances/${encodeURIComponent(user!.instanceId)}/events`, {
      data: { type: 'RESEND_NOW', reason: 'auditors cannot do this' },
      headers: { 'X-CSRF-Token': await csrfToken(context) },
    });
    expect(res.status()).toBe(403);
    expect(await res.json()).toMatchObject({ error: 'forbidden' });
    const bulk = await context.request.post('/api/instances/bulk-events', {
      data: { ids: [user!.instanceId], type: 'RESEND_NOW', reason: 'nor this', dryRun: false },
      headers: { 'X-CSRF-Token': await csrfToken(context) },
    });
    expect(bulk.status()).toBe(403);
    expect(await transitionsOf(s.db, user!.instanceId)).toHaveLength(before.length);
  });
});
