import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { instanceRow } from '../support/projection.js';
import { loginWithApi } from './support/browser.js';
import { useConsole } from './support/pageHooks.js';
import { seedWaitingClientUsers } from './support/seed.js';

const session = useConsole();

describe('paging through processes in the console', () => {
  it('reads the next page after the last row shown (by cursor), and shows the rows the API orders there', async () => {
    const { stack: s, page, context } = session;
    const users = await seedWaitingClientUsers(s, ['Mara Dias', 'Nelson Cruz', 'Olga Braga'], 'Contábil Páginas');
    const officeId = (await instanceRow(s.db, users[0]!.instanceId))!.officeId as string;
    const filter = JSON.stringify({ officeId });
    const ordered = (
      await request(s.app)
        .get('/api/instances')
        .query({ filter, sort: JSON.stringify(['updatedAt', 'DESC']), range: '[0,9]' })
        .expect(200)
    ).body as Array<{ id: string; label: string }>;
    expect(ordered).toHaveLength(3);

    await loginWithApi(context, await s.operator('operator'));
    const lists: URL[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname === '/api/instances') lists.push(url);
    });
    await page.goto(`/admin/#/instances?filter=${encodeURIComponent(filter)}&perPage=2`);
    await page.locator('tbody tr').nth(1).waitFor();
    await page.getByRole('button', { name: 'Go to next page' }).click();
    await page.locator('tbody tr', { hasText: ordered[2]!.label.split(' <')[0]! }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1);

    const second = lists.find((u) => u.searchParams.get('range') === '[2,3]');
    expect(second?.searchParams.get('cursor'), 'the second page is asked for after the first one').toBeTruthy();
    expect(lists.find((u) => u.searchParams.get('range') === '[0,1]')?.searchParams.get('cursor')).toBeNull();
  });
});
