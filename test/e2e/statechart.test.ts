import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loginWithApi, screenshotIfAsked, showUrl } from './support/browser.js';
import { useConsole } from './support/pageHooks.js';
import { seedWaitingClientUsers } from './support/seed.js';

const session = useConsole();

interface Drawn {
  path: string;
  parent: string | null;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Each state's box as the browser drew it, in page pixels. */
const drawnStates = (page: Page) =>
  page.locator('[data-testid="statechart"] [data-testid="state"]').evaluateAll((groups) =>
    groups.map((g) => {
      const r = g.querySelector('rect')!.getBoundingClientRect();
      return {
        path: g.getAttribute('data-state')!,
        parent: g.getAttribute('data-parent'),
        x: r.x,
        y: r.y,
        width: r.width,
        height: r.height,
      };
    }),
  );

const overlap = (a: Drawn, b: Drawn) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (child: Drawn, parent: Drawn) =>
  child.x >= parent.x - 0.5 &&
  child.y >= parent.y - 0.5 &&
  child.x + child.width <= parent.x + parent.width + 0.5 &&
  child.y + child.height <= parent.y + parent.height + 0.5;

/** Pairs of sibling states drawn over each other, and children drawn outside their parent. */
function layoutFaults(states: Drawn[]): string[] {
  const byPath = new Map(states.map((s) => [s.path, s]));
  const faults: string[] = [];
  for (const [i, a] of states.entries())
    for (const b of states.slice(i + 1))
      if (a.parent === b.parent && overlap(a, b)) faults.push(`${a.path} overlaps ${b.path}`);
  for (const s of states) {
    const parent = s.parent ? byPath.get(s.parent) : undefined;
    if (s.parent && (!parent || !inside(s, parent))) faults.push(`${s.path} is outside ${s.parent}`);
  }
  return faults;
}

describe('the statechart, laid out by ELK', () => {
  it('draws no two states over each other, and the current state in view, on the instance page', async () => {
    const { stack: s, context, page } = session;
    const [user] = await seedWaitingClientUsers(s, ['Rita Moura'], 'Contábil Diagrama');
    await loginWithApi(context, await s.operator('operator'));
    await page.goto(showUrl('instances', user!.instanceId));

    const current = page.locator('[data-testid="statechart"] [data-testid="state"][data-current="true"]');
    await current.waitFor();
    expect(await current.getAttribute('data-state')).toBe('awaitingRegistration');
    const states = await drawnStates(page);
    expect(states.length).toBeGreaterThan(10);
    expect(layoutFaults(states)).toEqual([]);

    // The current state is inside the diagram's visible frame.
    const frame = (await page.getByTestId('statechart').boundingBox())!;
    const box = (await current.locator('rect').first().boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(frame.x);
    expect(box.y).toBeGreaterThanOrEqual(frame.y);
    expect(box.x + box.width).toBeLessThanOrEqual(frame.x + frame.width);
    expect(box.y + box.height).toBeLessThanOrEqual(frame.y + frame.height);

    // The transitions it accepts are emphasised; its pending timer says in words when it fires.
    const accepted = page.locator('[data-testid="statechart"] [data-testid="transition"][data-accepted="true"]');
    expect(await accepted.count()).toBeGreaterThan(0);
    expect(
      (await accepted.evaluateAll((ts) => ts.map((t) => t.getAttribute('data-source')))).every(
        (src) => src === 'awaitingRegistration',
      ),
    ).toBe(true);
    expect(
      await page
        .getByTestId('statechart')
        .locator('text', { hasText: /^in \d+ (minutes?|hours?|days?)$/ })
        .count(),
    ).toBeGreaterThan(0);
    await screenshotIfAsked(page, 'instance-statechart');

    // Zoom out and fit: still no overlap, the whole diagram in the frame.
    await page.getByRole('button', { name: 'Fit the whole diagram' }).click();
    const fitted = await drawnStates(page);
    expect(layoutFaults(fitted)).toEqual([]);
    for (const st of fitted) {
      expect(st.x).toBeGreaterThanOrEqual(frame.x - 1);
      expect(st.x + st.width).toBeLessThanOrEqual(frame.x + frame.width + 1);
    }
  });

  it('lays out every machine of the catalogue without overlaps', async () => {
    const { stack: s, context, page } = session;
    await loginWithApi(context, await s.operator('auditor'));
    const machines = (await (await context.request.get('/api/machines')).json()) as Array<{
      id: string;
      latest: boolean;
    }>;
    let nested = 0;
    for (const m of machines.filter((d) => d.latest)) {
      // Through the catalogue, so the last machine's diagram is gone before the next one is drawn.
      await page.goto('/admin/#/machines');
      await page.getByTestId('machine-catalogue').waitFor();
      await page.goto(`/admin/#/machines/${m.id}/show`);
      await page.locator('[data-testid="statechart"] [data-testid="state"]').first().waitFor();
      const states = await drawnStates(page);
      nested += states.filter((st) => st.parent !== null).length;
      expect({ machine: m.id, faults: layoutFaults(states) }).toEqual({ machine: m.id, faults: [] });
    }
    expect(nested).toBeGreaterThan(0); // compound states were drawn as containers of their children
  }, 180_000);
});
