/** `report --format md --summary`: verdict, top findings, accounting, bounded for a CI step summary. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { RuleFinding } from '../../src/findings/finding.ts';
import { toReportDocument } from '../../src/reports/document.ts';
import { capped, integrityLine, problemsOf, SUMMARY_FINDINGS, SUMMARY_MAX_BYTES, toMarkdownSummary } from '../../src/render/summary.ts';
import { scan } from '../../src/scan/scan.ts';
import type { Reject } from '../../src/types.ts';
import { SAMPLES } from '../_support/helpers.ts';

const sampled = await scan([SAMPLES], { workers: 1 });
const bytes = (text: string) => new TextEncoder().encode(text).byteLength;

const finding = (i: number, level: RuleFinding['level'], count = 1, text = ''): RuleFinding => ({
  ruleId: `rule-${String(i).padStart(6, '0')}`,
  title: `Finding ${i}${text}`,
  level,
  principal: `user-${i}${text}`,
  account: '111122223333',
  caseIds: [`case-111122223333-muen-2026-${String(i).padStart(16, '0')}`],
  eventIDs: [`e${i}`],
  firstSeen: '2026-02-10T10:00:00Z',
  lastSeen: '2026-02-10T10:00:00Z',
  count,
  fingerprint: `f${i}`,
});

test('the samples: no problem, no finding, the accounting lines', () => {
  const md = toMarkdownSummary(toReportDocument(sampled, new Map()));
  assert.match(md, /^# AWS Support audit summary\n\n\*\*Verdict:\*\* no problem reading the archive; findings: none\.\n/);
  assert.match(md, /^## Findings \(0\)\n\nNo finding\.$/m);
  assert.match(md, /^\*\*Integrity:\*\* not checked by this run; 54 digest files found: run `cloudtrail-support verify` on the same inputs\.$/m);
  assert.match(md, /^- records: 356 seen = 89 Support kept \+ 267 filtered out \(267 not Support, 0 not selected by --sources, 0 excluded by filters\)/m);
});

test('the verdict names each kind of problem and the findings by level, highest first; the table lists the highest first', () => {
  const rejects: Reject[] = [
    { path: 'a.json.gz', index: null, stage: 'decode', reason: 'corrupt gzip' },
    { path: 'b.json', index: 3, stage: 'parse', reason: 'changed number', warning: true },
  ];
  const doc = toReportDocument({ ...sampled, rejects, records: { ...sampled.records, rejected: 2, duplicates: 1 } }, new Map());
  assert.equal(problemsOf(doc), [['failed files', 1], ['rejected records', 2], ['duplicates', 1], ['warnings', 1]]);
  const md = toMarkdownSummary(doc, [finding(1, 'low'), finding(2, 'high'), finding(3, 'medium', 5), finding(4, 'medium', 9)]);
  assert.match(md, /\*\*Verdict:\*\* 1 failed files, 2 rejected records, 1 duplicates, 1 warnings; findings: 1 high, 2 medium, 1 low\./);
  const rows = md.split('\n').filter((l) => /^\| (high|medium|low) /.test(l)).map((l) => l.split(' | ')[0].slice(2) + ' ' + l.split(' | ')[4]);
  assert.equal(rows, ['high 1', 'medium 9', 'medium 5', 'low 1']);
  assert.match(md, /^- failed files \(1\):\n {2}- a\.json\.gz: decode: corrupt gzip$/m);
});

test('the integrity line never claims a check: with no digest it says the logs cannot be checked offline', () => {
  assert.match(integrityLine(0), /^\*\*Integrity:\*\* not checked: no digest file among the inputs/);
  assert.match(integrityLine(1), /1 digest file found: run `cloudtrail-support verify`/);
  assert.not.match(integrityLine(3) + integrityLine(0), /\bverified\b/i);
});

test('a huge input stays under the bound: 100,000 findings with long hostile values, 10,000 failed files', () => {
  const long = ` ${'|<x>`[y](z)\u202e'.repeat(2000)}`;
  const findings = Array.from({ length: 100_000 }, (_, i) => finding(i, i % 7 === 0 ? 'critical' : 'medium', 1, long));
  const rejects: Reject[] = Array.from({ length: 10_000 }, (_, i) => ({ path: `p/${i}/${'d'.repeat(5000)}`, index: null, stage: 'read', reason: long }));
  const md = toMarkdownSummary(toReportDocument({ ...sampled, rejects }, new Map()), findings);
  assert.ok(bytes(md) < SUMMARY_MAX_BYTES, `${bytes(md)} bytes`);
  assert.ok(bytes(md) < 1024 * 1024 / 4);
  assert.is(md.split('\n').filter((l) => l.startsWith('| critical |')).length, SUMMARY_FINDINGS);
  assert.match(md, /… and 99950 more findings: `--format json` \(findings\) has all of them\./);
  assert.match(md, /… and 9995 more: use --rejects FILE or --format json for all of them/);
  assert.not.match(md, /\u202e|<x>/, 'escaped: no bidi control, no raw HTML');
});

test('capped() cuts at a whole line and says so when a text is over the bound', () => {
  const text = Array.from({ length: 5000 }, (_, i) => `line ${i} ${'x'.repeat(100)}`).join('\n');
  const cut = capped(text);
  assert.ok(bytes(cut) <= SUMMARY_MAX_BYTES);
  assert.match(cut, /\n… summary cut at 262144 bytes: `--format json` has everything\.\n$/);
  assert.ok(cut.split('\n').slice(0, -3).every((l) => /^line \d+ x{100}$/.test(l)));
  assert.is(capped('short\n'), 'short\n');
});

test.run();
