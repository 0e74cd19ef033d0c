import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { PACKAGE_ROOT } from '../../src/internal/paths.js';

/**
 * Browser tests: Debian's chromium driven by playwright-core, headless, with
 * every background network feature off so the only traffic is to the
 * stand-in server under test.
 */

export const CHROMIUM_PATH = process.env.FTRACK_TEST_CHROMIUM ?? '/usr/bin/chromium';

/** Screenshots of browser tests go here (gitignored). */
export const BROWSER_OUTPUT_DIR = join(PACKAGE_ROOT, 'test-output', 'browser');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** URLs the page requested outside `baseUrl` (must stay empty: the page works offline). */
  foreignRequests: string[];
  /** Uncaught page errors and console errors. */
  errors: string[];
}

/** A fresh context at 1280x800 that records foreign requests and page errors. */
export async function openPage(browser: Browser, baseUrl: string, path = '/', viewport = { width: 1280, height: 800 }): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const foreignRequests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(baseUrl) && !url.startsWith(baseUrl.replace(/^http/, 'ws')) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      foreignRequests.push(url);
    }
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`${baseUrl}${path}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
  return { context, page, foreignRequests, errors };
}

/** Saves a full-page screenshot as `test-output/browser/<name>.png`; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(BROWSER_OUTPUT_DIR, { recursive: true });
  const path = join(BROWSER_OUTPUT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Polls `predicate` until it returns true (no fixed sleeps). */
export async function waitUntil(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
