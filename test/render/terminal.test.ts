/** The terminal report: accounting first, failed files by name, findings, then reports fitted to the width. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import stringWidth from 'string-width';
import type { RuleFinding } from '../../src/findings/finding.ts';
import { toReportDocument } from '../../src/reports/document.ts';
import { REPORT_NAMES } from '../../src/reports/names.ts';
import { buildReports } from '../../src/reports/partial.ts';
import { renderCases } from '../../src/render/cases.ts';
import { renderReport } from '../../src/render/report.ts';
import { accountingLines, caseLegend, findingsBlock, flow } from '../../src/render/terminal.ts';
import type { FindingsResult } from '../../src/findings/run-rules.ts';
import { scan } from '../../src/scan/scan.ts';
import type { Reject } from '../../src/types.ts';
import { SAMPLES } from '../_support/helpers.ts';

const sampled = await scan([SAMPLES], { workers: 1 });
const failed: Reject[] = Array.from({ length: 7 }, (_, i) => ({ path: `AWSLogs/bad-${i}.json.gz`, index: null, stage: 'decode', reason: 'corrupt gzip' }));
const NO_EVENTS = REPORT_NAMES.filter((n) => n !== 'events');
const doc = toReportDocument(
  { ...sampled, rejects: failed, files: { ...sampled.files, failed: 7, seen: sampled.files.seen + 7 } },
  buildReports(sampled.rows, NO_EVENTS),
);

const widest = (text: string) => Math.max(...text.split('\n').map((l) => stringWidth(l)));

for (const width of [80, 200]) {
  test(`report at ${width} columns: no line is wider, so nothing wraps`, () => {
    const text = renderReport(doc, 'table', { width });
    assert.ok(widest(text) <= width, `widest line ${widest(text)}`);
    assert.ok(widest(renderCases(doc, 'table', { width })) <= width);
  });
}

test('report (table) starts with the accounting lines, then the failed files by name, then the reports', () => {
  const lines = renderReport(doc, 'table', { width: 100 }).split('\n');
  assert.equal(lines.slice(0, 4), [
    'files: 91 seen = 26 read + 7 failed + 58 skipped (54 digest, 1 insight, 3 other,',
    '    0 outside --since/--until)',
    'records: 356 seen = 89 Support kept + 267 filtered out + 0 rejected + 0 duplicates',
    '  filtered out = 267 not Support + 0 not selected by --sources + 0 excluded by filters',
  ]);
  assert.equal(lines.slice(4, 12), [
    'failed files (7):',
    ...[0, 1, 2, 3, 4].map((i) => `  AWSLogs/bad-${i}.json.gz: decode: corrupt gzip`),
    '  … and 2 more: use --rejects FILE or --format json for all of them',
    '',
  ]);
  assert.is(lines[12], 'Support actions (41)');
});

test('the principals table keeps the person of an Identity Center session at 100 columns', () => {
  const text = renderReport(doc, 'table', { width: 100 });
  assert.match(text, /^ {2}AWSReservedSSO_Admi…\/maria\.garcia@example\.com +AssumedRole +18 /m);
});

test('the cases table has a one-entry-per-flag legend of what it shows, and flags are never cut', () => {
  const text = renderCases(doc, 'table', { width: 100 });
  assert.match(text, /^Support cases \(14\)\n {2}legend: unknown: created before the archive; resolved-by-root: root resolved it;/m);
  assert.match(text, /resolved-by-root mfa-not-recorded/);
  assert.not.match(text, /opened-by-root:/, 'a flag no case has is not in the legend');
});

test('caseLegend() lists only the statuses and flags present; nothing when there is nothing to explain', () => {
  assert.is(caseLegend([{ status: 'open', flags: [] }], 100), '');
  assert.is(caseLegend([{ status: 'reopened', flags: ['errors'] }], 100), '  legend: reopened: written to after its resolve; errors: failed calls\n');
});

test('flow() never splits a part and indents the continuation', () => {
  assert.equal(flow(['aaaa', 'bbbb', 'cccc'], 9, '  '), ['aaaa bbbb', '  cccc']);
  assert.equal(flow(['a-very-long-part'], 5), ['a-very-long-part']);
});

test('accountingLines() prints the duplicate files only when there are some', () => {
  const files = { ...sampled.files, skipped: { ...sampled.files.skipped, duplicate: 2 } };
  assert.match(accountingLines(files, sampled.records, 200)[0], /0 outside --since\/--until, 2 duplicate\)$/);
  assert.match(accountingLines(sampled.files, sampled.records, 200)[0], /0 outside --since\/--until\)$/);
});

const finding = (i: number, level: RuleFinding['level']) => ({
  ruleId: `rule-${i}`,
  title: `Root used AWS Support ${i}`,
  level,
  principal: 'root',
  account: '444455556666',
  caseIds: ['case-444455556666-muen-2026-29ade5f1af986ab9'],
  eventIDs: [`e${i}`],
  firstSeen: '2026-02-10T10:25:22Z',
  lastSeen: '2026-02-10T10:25:22Z',
  count: 1,
  fingerprint: `f${i}`,
  files: ['AWSLogs/x.json.gz'],
});
const result = (
  findings: ReturnType<typeof finding>[],
): FindingsResult => ({ findings, rules: [], refused: [], scope: { extraSources: [], recordsForRules: 0 } } as unknown as FindingsResult);

test('findings come after the failed files and before the reports, with counts by level, the first 20 listed', () => {
  const findings = [finding(1, 'high'), ...Array.from({ length: 24 }, (_, i) => finding(i + 2, 'medium'))];
  const text = renderReport({ ...doc, findings: result(findings) }, 'table', { width: 100 });
  const at = (s: string) => text.indexOf(s);
  assert.ok(at('failed files (7)') < at('Findings (25 findings: 1 high, 24 medium)') && at('Findings (25') < at('Support actions (41)'));
  assert.match(text, /… and 5 more: --format json \(findings\) has all of them/);
  assert.ok(widest(text) <= 100);
  assert.match(findingsBlock(result([]), 100), /^rules: 0 ran on the selected Support records\nFindings \(no findings\)\n$/);
});

test.run();
