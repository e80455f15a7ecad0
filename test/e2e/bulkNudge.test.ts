import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { instanceRow, pathOf, transitionsOf } from '../support/projection.js';
import { eventually } from '../support/stack.js';
import { loginWithApi, screenshotIfAsked } from './support/browser.js';
import { useConsole } from './support/pageHooks.js';
import { emailFor, nudge, seedWaitingClientUsers, untilState } from './support/seed.js';

const session = useConsole();
const reason = 'mail server outage on Monday: resend to everyone waiting';

describe('bulk nudge in the console', () => {
  it('dry-runs an event on the selected processes, applies it, and only the accepted ones move', async () => {
    const { stack: s, page, context } = session;
    const users = await seedWaitingClientUsers(
      s,
      ['Elisa Rocha', 'Fábio Nunes', 'Gabriela Melo', 'Hugo Pires'],
      'Contábil Delta',
    );
    const [cancelled, ...waiting] = users;
    await nudge(s, cancelled!.instanceId, 'CANCEL', 'left the company');
    await untilState(s, cancelled!.instanceId, 'cancelled');
    // `.invalid` can never receive mail: the send fails for good and the process waits for an operator.
    const company = (await request(s.app).get('/api/companies').expect(200)).body[0] as { id: string };
    const stuckUser = (
      await request(s.app)
        .post('/api/clientUsers')
        .send({ companyId: company.id, name: 'Íris Prado', email: emailFor('Íris').replace(/\.com$/, '.invalid') })
        .expect(201)
    ).body;
    await untilState(s, stuckUser.instanceId, 'sendFailed');
    const accepted = [...waiting.map((u) => u.instanceId), stuckUser.instanceId];
    const before = new Map(
      await Promise.all(
        [...accepted, cancelled!.instanceId].map(async (id) => [id, (await transitionsOf(s.db, id)).length] as const),
      ),
    );

    await loginWithApi(context, await s.operator('operator'));
    await page.goto('/admin/#/instances');
    await page.locator('tbody tr').nth(4).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(5);
    await page.locator('thead input[type="checkbox"]').check(); // select every row of the page
    await page.getByRole('button', { name: 'Nudge' }).click();

    const dialog = page.getByRole('dialog');
    await dialog.getByText('Nudge 5 processes').waitFor();
    await dialog.getByLabel('Event').click();
    await page.getByRole('option', { name: 'Resend now' }).click();
    await dialog.getByLabel('Reason').fill(reason);
    await dialog.getByRole('button', { name: 'Dry run' }).click();
    await dialog.getByText('4 accepted, 1 refused').waitFor();
    expect(await verdicts(dialog)).toEqual(
      Object.fromEntries([...accepted.map((id) => [id, 'Accepted']), [cancelled!.instanceId, 'Refused']]),
    );
    // A dry run changes nothing.
    for (const [id, count] of before) expect(await transitionsOf(s.db, id)).toHaveLength(count);

    await dialog.getByRole('button', { name: 'Apply' }).click();
    await dialog.getByText('4 accepted, 1 refused').waitFor(); // the summary stays; the chips now say "Applied"
    await dialog.locator('[data-testid="bulk-results"] tbody tr', { hasText: 'Applied' }).nth(3).waitFor();
    expect(await verdicts(dialog)).toEqual(
      Object.fromEntries([...accepted.map((id) => [id, 'Applied']), [cancelled!.instanceId, 'Refused']]),
    );

    // The projection is written right after each transition is applied; give it that moment.
    await eventually(async () => {
      for (const id of accepted) {
        const rows = await transitionsOf(s.db, id);
        const nudges = rows.filter((t) => t.event === 'RESEND_NOW');
        expect(nudges, `${id}: ${pathOf(rows).join(', ')}`).toHaveLength(1);
        expect(nudges[0]).toMatchObject({ reason, to: 'resendingRegistration' });
        expect(nudges[0]!.actor).toMatch(/^operator:/);
      }
    }, 10_000);
    expect(await transitionsOf(s.db, cancelled!.instanceId)).toHaveLength(before.get(cancelled!.instanceId)!);
    expect(await instanceRow(s.db, cancelled!.instanceId)).toMatchObject({ state: 'cancelled', status: 'completed' });
    for (const u of waiting) await untilState(s, u.instanceId, 'awaitingRegistration');
    await untilState(s, stuckUser.instanceId, 'sendFailed'); // resent, failed again: still needs someone to correct the address

    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('menuitem', { name: 'Dashboard' }).click();
    await page.getByText('Processes by machine and state').waitFor();
    await screenshotIfAsked(page, 'dashboard');
  });

  it('selects, with "Select all", every process matching the filter, not only the page shown', async () => {
    const { stack: s, page, context } = session;
    const users = await seedWaitingClientUsers(s, ['Joana Lopes', 'Kátia Reis', 'Luís Gomes'], 'Contábil Ômega');
    const officeId = (await instanceRow(s.db, users[0]!.instanceId))!.officeId as string;
    await loginWithApi(context, await s.operator('operator'));
    const filter = encodeURIComponent(JSON.stringify({ officeId }));
    await page.goto(`/admin/#/instances?filter=${filter}&perPage=2`);
    await page.locator('tbody tr').nth(1).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(2);
    await page.locator('thead input[type="checkbox"]').check();
    await page.getByRole('button', { name: 'Select all' }).click();
    await page.getByRole('button', { name: 'Nudge' }).click();

    const dialog = page.getByRole('dialog');
    await dialog.getByText('Nudge 3 processes').waitFor();
    await dialog.getByLabel('Event').click();
    await page.getByRole('option', { name: 'Resend now' }).click();
    await dialog.getByLabel('Reason').fill('checking who is waiting at this office');
    await dialog.getByRole('button', { name: 'Dry run' }).click();
    await dialog.getByText('3 accepted, 0 refused').waitFor();
    expect(Object.keys(await verdicts(dialog)).sort()).toEqual(users.map((u) => u.instanceId).sort());
  });
});

/** The dialog's result table as {instance id: chip label}. */
async function verdicts(dialog: ReturnType<typeof session.page.getByRole>): Promise<Record<string, string>> {
  const rows = await dialog
    .locator('[data-testid="bulk-results"] tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [
        tr.querySelector('td')?.textContent ?? '',
        tr.querySelector('.MuiChip-label')?.textContent ?? '',
      ]),
    );
  return Object.fromEntries(rows);
}
