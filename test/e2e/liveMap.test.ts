import { describe, expect, it } from 'vitest';
import type { MachineMap } from '../../contracts/api.js';
import { loginWithApi, screenshotIfAsked } from './support/browser.js';
import { useConsole } from './support/pageHooks.js';
import { nudge, seedWaitingClientUsers, untilState } from './support/seed.js';

const session = useConsole();

describe("a machine's live map", () => {
  it('shows the API’s count of running and stuck processes on each state, and a click lists them', async () => {
    const { stack: s, context, page } = session;
    const users = await seedWaitingClientUsers(s, ['Lia Prado', 'Caio Reis', 'Davi Luz'], 'Contábil Mapa');
    await nudge(s, users[2]!.instanceId, 'CANCEL', 'duplicate user');
    await untilState(s, users[2]!.instanceId, 'cancelled');
    await s.db('instances').where({ id: users[1]!.instanceId }).update({ stuck: true });
    await loginWithApi(context, await s.operator('operator'));

    await page.goto('/admin/#/machines');
    await page.getByTestId('machine-catalogue').getByText('clientUserOnboarding').click();
    await page.waitForURL(/#\/machines\/clientUserOnboarding\/show$/);

    const map = (await (await context.request.get('/api/machines/clientUserOnboarding/map')).json()) as MachineMap;
    expect(map.states).toContainEqual({ state: 'awaitingRegistration', running: 2, stuck: 1 });
    const waiting = page.locator('[data-testid="state"][data-state="awaitingRegistration"]');
    await waiting.locator('[data-testid="state-count"]').getByText('2', { exact: true }).waitFor();
    // Every state's badge says what the API says; states without processes say 0.
    const drawn = await page
      .locator('[data-testid="state"][data-running]')
      .evaluateAll((gs) =>
        gs.map((g) => [
          g.getAttribute('data-state'),
          Number(g.getAttribute('data-running')),
          Number(g.getAttribute('data-stuck')),
        ]),
      );
    const expected = new Map(map.states.map((e) => [e.state, [e.running, e.stuck]]));
    for (const [state, running, stuck] of drawn)
      expect([state, running, stuck]).toEqual([state, ...(expected.get(String(state)) ?? [0, 0])]);
    expect(drawn.filter(([, running]) => Number(running) > 0).length).toBe(map.states.length);
    // Stuck processes colour their state's badge red.
    expect(await waiting.locator('[data-testid="state-count"] rect').evaluate((r) => getComputedStyle(r).fill)).toBe(
      'rgb(198, 40, 40)',
    );
    await page.getByTestId('map-running').getByText(`${map.running} running`).waitFor();
    await screenshotIfAsked(page, 'machine-live-map');

    await waiting.click();
    await page.waitForURL(/#\/instances\?filter=/);
    await page.locator('tbody tr', { hasText: 'Lia Prado' }).waitFor();
    await page.locator('tbody tr', { hasText: 'Caio Reis' }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(2);
  });
});
