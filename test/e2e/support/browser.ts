import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { projectRoot } from '../../../server/config.js';

/** Debian's Chromium, headless, with everything that would reach beyond loopback switched off. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** The size the README screenshots are taken at. */
export const viewport = { width: 1400, height: 900 };

/**
 * A fresh context (no cookies, no storage) with the console in English: the console starts in
 * pt-BR, and English labels keep the tests and the README screenshots readable for everyone.
 */
export async function newConsoleContext(browser: Browser, baseUrl: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: 'en-US', acceptDownloads: true });
  // react-admin keeps the chosen language in its localStorage store under "RaStore.locale".
  // Only the console's own frame: the outbox preview is a sandboxed iframe without storage.
  await context.addInitScript(() => {
    if (window === window.top) window.localStorage.setItem('RaStore.locale', JSON.stringify('en'));
  });
  // Generous: the first console load competes with Temporal and the other test worker for two cores.
  context.setDefaultTimeout(30_000);
  return context;
}

/** Uncaught errors of the page, so a test can assert the console did not crash along the way. */
export function collectPageErrors(page: Page): Error[] {
  const errors: Error[] = [];
  page.on('pageerror', (err) => errors.push(err));
  // A Content-Security-Policy refusal is only a console message; it fails the test like an error.
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) errors.push(new Error(message.text()));
  });
  return errors;
}

/** Logs the context in through the API (the login page has its own test); the cookies land in the context. */
export async function loginWithApi(
  context: BrowserContext,
  credentials: { email: string; password: string },
): Promise<void> {
  const res = await context.request.post('/api/auth/login', { data: credentials });
  if (res.status() !== 200)
    throw new Error(`Log-in of ${credentials.email} failed with ${res.status()}: ${await res.text()}`);
}

/** The CSRF token the server set at log-in, which state-changing requests echo in X-CSRF-Token. */
export async function csrfToken(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === 'vinculo_csrf');
  if (!cookie) throw new Error('No vinculo_csrf cookie: the context is not logged in.');
  return cookie.value;
}

/** The console's hash route for one record. */
export const showUrl = (resource: string, id: string) => `/admin/#/${resource}/${encodeURIComponent(id)}/show`;

/** With SCREENSHOTS=1, saves the page as docs/screenshots/<name>.png (for the README), or in SCREENSHOTS_DIR. */
export async function screenshotIfAsked(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  const dir = process.env.SCREENSHOTS_DIR ?? path.join(projectRoot, 'docs', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  // Park the pointer in a blank corner: no tooltip or hover highlight from the last click in the picture.
  await page.mouse.move(viewport.width - 5, viewport.height - 5);
  await page.waitForTimeout(400); // tooltips fade out
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

/** The app bar's refresh button: the console does not poll, so operators (and tests) reload data with it. */
export async function refresh(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Refresh' }).click();
}

/** Keeps what the browser showed when a test failed, under test-results/ (ignored by git). */
export async function saveFailure(page: Page, testName: string): Promise<void> {
  const dir = path.join(projectRoot, 'test-results', 'e2e');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${testName.replace(/[^\w-]+/g, '_').slice(0, 80)}.png`);
  await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
  console.error(`Screenshot of the failure: ${file}`);
}

/**
 * For a picture of the instance page: the page at its top, and the statechart (which scrolls
 * inside its card when it is larger) moved so the current state sits in the visible part.
 */
export async function showCurrentState(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    const box = document.querySelector<HTMLElement>('[data-testid="statechart"]');
    const node = box?.querySelector('g.node.current');
    if (!box || !node) return;
    const b = box.getBoundingClientRect();
    const n = node.getBoundingClientRect();
    const visibleHeight = Math.min(box.clientHeight, window.innerHeight - b.top);
    box.scrollLeft += n.left + n.width / 2 - (b.left + box.clientWidth / 2);
    box.scrollTop += n.top + n.height / 2 - (b.top + visibleHeight / 2);
  });
}
