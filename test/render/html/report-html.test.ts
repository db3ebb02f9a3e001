/**
 * The HTML report's page (pure, charts aside): hostile values escaped, the CSP's hash, integrity
 * and provenance said plainly when absent and shown when given, findings, the bounded appendix.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import type { RuleFinding } from '../../../src/findings/finding.ts';
import type { RunManifest } from '../../../src/integrity/manifest.ts';
import { verifyArchive } from '../../../src/integrity/verify.ts';
import { chartSpecsOf, type HtmlReportContext, toHtmlReport } from '../../../src/render/html/report-html.ts';
import { report } from '../../../src/reports/job.ts';
import { BIDI_SHOWN, HOSTILE, hostileFixture } from '../../_support/hostile-fixture.ts';
import { SAMPLES, tempDir } from '../../_support/helpers.ts';

const NO_CHARTS = { activity: null, timeline: null };
const scope = (inputs: string[]): HtmlReportContext['scope'] => ({
  inputs,
  filters: { account: ['<b>1</b>'] },
  sources: 'support',
  generatedAt: '2026-03-02T00:00:00.000Z',
  tool: { name: 'cloudtrail-support', version: '9.9.9' },
  runtime: { name: 'node', version: '20.0.0' },
});

const { root } = hostileFixture();
const hostileDoc = await report([root], { workers: 1 });

const entities = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

test('every hostile value is text: markup as entities, the bidi control as a visible escape', () => {
  const page = toHtmlReport(hostileDoc, { scope: scope([root]) }, NO_CHARTS);
  assert.not.match(page, /<script|<img|<svg|<a (?!href="#[a-z-]+">)|<iframe|javascript:[^<]*<\/a>/i, 'no markup from a value');
  for (const value of [HOSTILE.user, HOSTILE.caseId, HOSTILE.userAgent, HOSTILE.errorMessage, HOSTILE.checkId]) {
    assert.ok(page.includes(entities(value)), `escaped: ${value}`);
  }
  assert.ok(page.includes(entities(BIDI_SHOWN)));
  assert.not.ok(page.includes('\u202e'));
  assert.ok(page.includes('account: <code>&lt;b&gt;1&lt;/b&gt;</code>'), 'filters given on the command line are escaped too');
});

test('the Content-Security-Policy allows nothing but the one inline style, by its hash', () => {
  const page = toHtmlReport(hostileDoc, { scope: scope([root]) }, NO_CHARTS);
  const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1];
  const hash = createHash('sha256').update(style).digest('base64');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)![1];
  assert.is(csp, `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; base-uri 'none'; form-action 'none'`);
  assert.is(page.match(/<style>/g)!.length, 1);
});

test('without a verify result or a manifest, the page says integrity was not checked and inputs were not hashed', () => {
  const page = toHtmlReport(hostileDoc, { scope: scope([root]) }, NO_CHARTS);
  assert.match(page, /<h2>Integrity: not checked<\/h2>/);
  assert.match(page, /Input hashes: not recorded/);
  assert.match(page, /Detection rules: none ran for this report/);
  assert.match(page, /2 calls made with root credentials/);
  assert.match(page, /1 denied calls and 0 other failed calls, by 1 principals/);
});

test('a verify result, a manifest and findings are shown (values escaped), and the timeline marks the cases findings touched', async () => {
  const verify = await verifyArchive([SAMPLES]);
  const manifest: RunManifest = {
    manifestVersion: 1,
    command: 'report',
    paths: [root],
    outputs: [],
    tool: { name: 'cloudtrail-support', version: '9.9.9' },
    runtime: { name: 'node', version: '20.0.0' },
    argv: ['cloudtrail-support', 'report', root],
    cwd: '/work',
    startedAt: '2026-03-02T00:00:00.000Z',
    finishedAt: '2026-03-02T00:00:01.000Z',
    options: { sources: 'support' },
    rules: [],
    counts: { records: hostileDoc.records },
    inputs: [{ path: `${root}/<i>x</i>.json.gz`, bytes: 123, sha256: 'ab'.repeat(32), kind: 'log', outcome: 'read' }],
  };
  const finding: RuleFinding = {
    ruleId: 'root-resolved-case',
    title: 'Root <resolved> a case',
    level: 'high',
    principal: 'root',
    account: '111122223333',
    caseIds: [HOSTILE.caseId],
    eventIDs: ['e-1'],
    firstSeen: '2026-03-01T10:00:00Z',
    lastSeen: '2026-03-01T10:00:00Z',
    count: 1,
    fingerprint: 'f1',
  };
  const context: HtmlReportContext = { scope: scope([root]), verify, manifest, findings: [finding] };
  const page = toHtmlReport(hostileDoc, context, NO_CHARTS);
  assert.match(page, /<h2>Integrity<\/h2>\n<p[^>]*>integrity: /);
  assert.match(page, /<h2>Provenance: the run manifest<\/h2>/);
  assert.ok(page.includes(`<td class="w">${'ab'.repeat(32)}</td>`), 'the hash, in a cell that may break anywhere');
  assert.ok(page.includes('&lt;i&gt;x&lt;/i&gt;.json.gz'));
  assert.match(page, /1 rule findings \(1 high\)/);
  assert.ok(page.includes('<td class="w">Root &lt;resolved&gt; a case</td>'));
  assert.ok(page.includes('<td>111122223333</td>'), 'an account id stays whole');
  const marks = (chartSpecsOf(hostileDoc, context).timeline!.layer as { data: { values: { kind: string }[] } }[])[1].data.values;
  assert.equal(marks.map((m) => m.kind), ['resolved by root', 'finding', 'opened by root']);
});

test('the events appendix lists the newest N, newest first, and points at export for every event', () => {
  const page = toHtmlReport(hostileDoc, { scope: scope([root]), appendixEvents: 2 }, NO_CHARTS);
  const appendix = page.slice(page.indexOf('<section id="events">'));
  assert.match(
    appendix,
    /The newest 2 of 5 Support events, newest first\. Every event, with every column and the raw record: <code>cloudtrail-support export /,
  );
  const times = [...appendix.matchAll(/<td>(2026-03-01T[\d:]+Z)<\/td>/g)].map((m) => m[1]);
  assert.equal(times, ['2026-03-01T11:00:00Z', '2026-03-01T10:30:00Z']);
});

test('an archive without Support events: no chart to draw, and the page says so', async () => {
  const empty = await report([tempDir()], { workers: 1 });
  const context = { scope: scope(['empty']) };
  assert.equal(chartSpecsOf(empty, context), { activity: null, timeline: null, casesLeft: 0 });
  const page = toHtmlReport(empty, context, NO_CHARTS);
  assert.is(page.match(/Nothing to draw\./g)!.length, 2);
  assert.match(page, /0 Support events by 0 principals in 0 accounts\./);
  assert.match(page, /The newest 0 of 0 Support events, newest first\.<\/p>/);
});

test.run();
