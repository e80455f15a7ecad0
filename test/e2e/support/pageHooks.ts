import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { collectPageErrors, launchBrowser, newConsoleContext, saveFailure } from './browser.js';
import { startConsoleStack, type ConsoleStack } from './consoleStack.js';

export interface ConsoleSession {
  readonly stack: ConsoleStack;
  readonly context: BrowserContext;
  readonly page: Page;
}

/**
 * The hooks every browser test file uses: one stack and one browser for the file, a fresh
 * context and page per test, a screenshot under test-results/ when a test fails, and no
 * uncaught page error allowed.
 */
export function useConsole(): ConsoleSession {
  let stack: ConsoleStack | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let pageErrors: Error[] = [];

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startConsoleStack(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });
  beforeEach(async () => {
    context = await newConsoleContext(browser!, stack!.baseUrl);
    page = await context.newPage();
    pageErrors = collectPageErrors(page);
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && page) await saveFailure(page, task.name);
    await context?.close();
    expect(pageErrors.map((e) => e.message)).toEqual([]);
  });

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`No ${what}: use the session inside a test.`);
    return value;
  };
  return {
    get stack() {
      return need(stack, 'stack');
    },
    get context() {
      return need(context, 'browser context');
    },
    get page() {
      return need(page, 'page');
    },
  };
}
