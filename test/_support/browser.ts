/**
 * A real browser for the HTML report tests: Debian's Chromium (/usr/bin/chromium, or CHROMIUM_PATH)
 * driven by playwright-core. Every page is opened with listeners that record what a safe,
 * self-contained report never does: console errors, page errors, dialogs, network requests.
 */
import process from 'node:process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** True when the browser tests can run; else says why they are skipped. */
export function browserAvailable(suite: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  console.warn(`${suite}: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  return false;
}

/** Starts Chromium headless (without its sandbox when running as root, which it refuses otherwise, as in CI containers). */
export async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  return chromium.launch({ executablePath: CHROMIUM, args: root ? ['--no-sandbox'] : [] });
}

/** What a page did that a safe report never does. */
export interface PageEvents {
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  readonly dialogs: string[];
  /** Every request but the page's own file. */
  readonly requests: string[];
}

/**
 * Opens `file` in a new page and records its events. `bypassCSP` turns the page's
 * Content-Security-Policy off, to show the escaping holds on its own.
 */
export async function openReport(browser: Browser, file: string, bypassCSP = false): Promise<{ page: Page; events: PageEvents }> {
  const context = await browser.newContext({ bypassCSP, viewport: { width: 1100, height: 1400 }, javaScriptEnabled: true });
  const page = await context.newPage();
  const url = pathToFileURL(file).href;
  const events: PageEvents = { consoleErrors: [], pageErrors: [], dialogs: [], requests: [] };
  page.on('console', (m) => void (m.type() === 'error' && events.consoleErrors.push(m.text())));
  page.on('pageerror', (e) => void events.pageErrors.push(e.message));
  page.on('dialog', (d) => {
    events.dialogs.push(d.message());
    void d.dismiss();
  });
  // Every request is recorded; any but the page itself is refused, so a test never reaches the network.
  await context.route('**/*', (route) => {
    const target = route.request().url();
    if (target === url) return route.continue();
    events.requests.push(target);
    return route.abort();
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, events };
}

/** Pages of a PDF, from its page objects (`/Type /Page`, not `/Pages`). */
export const pdfPages = (pdf: Uint8Array): number => (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
