/**
 * The HTML report in a real browser (Chromium through playwright-core): it loads with no console
 * error and no network request, hostile record values stay text (with and without the page's
 * Content-Security-Policy), the SVG charts are there with their marks, and it prints to a sane
 * number of PDF pages. `UPDATE_SCREENSHOT=1` also writes the README's screenshot (docs/).
 */
import process from 'node:process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launch, openReport, type PageEvents, pdfPages } from '../../_support/browser.ts';
import { cli } from '../../_support/duck.ts';
import { BIDI_SHOWN, HOSTILE, hostileFixture, PWNED } from '../../_support/hostile-fixture.ts';
import { REALDATA, ROOT, tempDir } from '../../_support/helpers.ts';

// The page's document, for the functions page.evaluate runs in the browser (tsconfig leaves the dom lib out).
interface PageElement {
  getAttribute(name: string): string | null;
  readonly attributes: ArrayLike<{ readonly name: string }>;
}
declare const document: { querySelectorAll(selector: string): ArrayLike<PageElement> };

let browser: Browser;
const out = tempDir('cts-html-');

/** Writes the HTML report of `input` with the CLI (the built dist/), as a user would. */
function writeReport(input: string, name: string): string {
  const file = join(out, name);
  const run = cli(['report', input, '--out', file, '--quiet']);
  assert.is(run.code, 0, run.stderr);
  return file;
}

const clean = (events: PageEvents, what: string) => {
  assert.equal(events.consoleErrors, [], `${what}: console errors`);
  assert.equal(events.pageErrors, [], `${what}: page errors`);
  assert.equal(events.dialogs, [], `${what}: dialogs`);
  assert.equal(events.requests, [], `${what}: network requests`);
};

/** The marks of a chart: its bars and points, by Vega's mark classes. */
const marks = (page: Page, section: string, role: 'rect' | 'symbol') => page.locator(`#${section} figure svg g.mark-${role}.role-mark path`).count();

if (browserAvailable('html-browser')) {
  test.before(async () => void (browser = await launch()));
  test.after(async () => void (await browser?.close()));

  test('samples/: loads with no console error and no request, draws both charts, prints to a sane PDF', async () => {
    // Named as a user in the clone would (the README's screenshot shows it).
    const file = writeReport('samples', 'samples.html');
    const { page, events } = await openReport(browser, file);
    clean(events, 'samples');
    assert.is(await page.locator('svg').count(), 2, 'two inline SVG charts');
    assert.ok((await marks(page, 'activity', 'rect')) > 0, 'activity bars');
    assert.is(await page.locator('#cases figure svg g.mark-rect.role-mark path').count(), 14, 'one timeline bar per case (14 in samples/)');
    // Two cases resolved by root, plus the findings above informational that touch a case: root
    // used Support (2 cases) and a case touched from several accounts (2 findings, 1 case each).
    assert.is(await marks(page, 'cases', 'symbol'), 6, 'root resolutions and findings are marked');
    assert.match(await page.locator('#integrity h2').innerText(), /not checked/);
    const shot = join(out, 'samples.png');
    await page.screenshot({ path: shot });
    assert.ok(statSync(shot).size > 10_000, 'screenshot written');
    // The README's screenshot: the top of the page down to the case timeline.
    if (process.env.UPDATE_SCREENSHOT) {
      const bottom = await page.locator('#cases figure').evaluate((e: { getBoundingClientRect(): { bottom: number } }) => e.getBoundingClientRect().bottom);
      await page.screenshot({ path: join(ROOT, 'docs/html-report.png'), fullPage: true, clip: { x: 0, y: 0, width: 1100, height: Math.ceil(bottom) + 16 } });
    }
    const pages = pdfPages(await page.pdf({ format: 'A4' }));
    assert.ok(pages > 1 && pages < 50, `${pages} PDF pages`);
    await page.context().close();
  });

  for (const bypassCSP of [false, true]) {
    test(`hostile values stay text, verbatim (${bypassCSP ? 'with the CSP off: escaping alone' : 'with the CSP'})`, async () => {
      const file = writeReport(hostileFixture().root, `hostile-${bypassCSP}.html`);
      const { page, events } = await openReport(browser, file, bypassCSP);
      clean(events, 'hostile');
      assert.is.not(await page.title(), PWNED, 'no value ran');
      const counts = await page.evaluate(() => ({
        scripts: document.querySelectorAll('script').length,
        images: document.querySelectorAll('img, iframe, object, embed, foreignObject').length,
        links: Array.from(document.querySelectorAll('a[href]')).map((a) => a.getAttribute('href')).filter((h) => !h?.startsWith('#')),
        handlers: Array.from(document.querySelectorAll('*')).flatMap((e) => Array.from(e.attributes).map((a) => a.name)).filter((n) => n.startsWith('on')),
        styles: document.querySelectorAll('style').length,
      }));
      assert.equal(counts, { scripts: 0, images: 0, links: [], handlers: [], styles: 1 });
      const text = await page.locator('body').innerText();
      for (const value of [HOSTILE.user, HOSTILE.caseId, HOSTILE.userAgent, HOSTILE.errorMessage, HOSTILE.checkId]) {
        assert.ok(text.includes(value), `shown verbatim: ${value}`);
      }
      assert.ok(text.includes(BIDI_SHOWN), 'the bidi control is shown as an escape');
      assert.not.ok(text.includes('\u202e'), 'no bidi control reaches the page');
      await page.context().close();
    });
  }

  test('realdata: loads clean and prints to a sane PDF (skipped when absent)', async () => {
    if (!existsSync(REALDATA)) return console.warn(`html-browser realdata: skipped, ${REALDATA} is absent`);
    const file = writeReport(REALDATA, 'realdata.html');
    const { page, events } = await openReport(browser, file);
    clean(events, 'realdata');
    assert.is(await page.locator('svg').count(), 2);
    const pages = pdfPages(await page.pdf({ format: 'A4' }));
    assert.ok(pages > 1 && pages < 50, `${pages} PDF pages`);
    writeFileSync(join(out, 'realdata.pages'), String(pages));
    await page.context().close();
  });
}

test.run();
