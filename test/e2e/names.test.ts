import { describe, expect, it } from 'vitest';
import { loginWithApi, screenshotIfAsked, showUrl } from './support/browser.js';
import { useConsole } from './support/pageHooks.js';
import { seedWaitingClientUsers } from './support/seed.js';

const session = useConsole();
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('the console names processes by whom they are about', () => {
  it('shows names and e-mails, not ids, on the instance list and the instance page, the ids a hover away', async () => {
    const { stack: s, context, page } = session;
    const [maria, joao] = await seedWaitingClientUsers(s, ['Maria Souza', 'João Pereira'], 'Contábil Nomes');
    await loginWithApi(context, await s.operator('operator'));

    await page.goto('/admin/#/instances');
    const row = page.locator('tbody tr', { hasText: 'Maria Souza' });
    await row.getByText(`Maria Souza <${maria!.email}>`).waitFor();
    await page.locator('tbody tr', { hasText: `João Pereira <${joao!.email}>` }).waitFor();
    expect(await row.getByText('Contábil Nomes').count()).toBe(1);
    const cells = await page.locator('tbody td').allInnerTexts();
    expect(cells.filter((text) => UUID.test(text))).toEqual([]);
    // The entity's id is on hover and its page one click away.
    const link = row.getByRole('link', { name: `Maria Souza <${maria!.email}>` });
    expect(await link.getAttribute('title')).toBe(maria!.id);
    await screenshotIfAsked(page, 'instances-names');

    await page.goto(showUrl('instances', maria!.instanceId));
    const summary = page.getByTestId('instance-summary');
    await summary.getByText(`Maria Souza <${maria!.email}>`).waitFor();
    await summary.getByText('Contábil Nomes').waitFor();
    expect(UUID.test(await summary.innerText())).toBe(false);

    await summary.getByRole('link', { name: `Maria Souza <${maria!.email}>` }).click();
    await page.waitForURL(new RegExp(`#/clientUsers/${maria!.id}/show$`));
  });

  it('names the process on the transitions and finds it by a name typed in the search', async () => {
    const { stack: s, context, page } = session;
    const [ana] = await seedWaitingClientUsers(s, ['Ana Beatriz Costa'], 'Contábil Busca');
    await loginWithApi(context, await s.operator('operator'));

    await page.goto(`/admin/#/instances?filter=${encodeURIComponent(JSON.stringify({ q: 'beatriz costa' }))}`);
    await page.locator('tbody tr', { hasText: 'Ana Beatriz Costa' }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1);

    // Another route of the same page: loaded anew, so no row of the last list lingers.
    await page.goto(
      `/admin/#/transitions?filter=${encodeURIComponent(JSON.stringify({ instanceId: ana!.instanceId }))}`,
    );
    await page.reload();
    const links = page.locator('tbody').getByRole('link', { name: `Ana Beatriz Costa <${ana!.email}>` });
    await links.first().waitFor();
    expect(await links.first().getAttribute('title')).toBe(ana!.instanceId);
    const cells = await page.locator('tbody td').allInnerTexts();
    expect(cells.filter((text) => UUID.test(text))).toEqual([]);
  });
});
