/**
 * The findings from the command line: `--fail-on` levels, rule ids and problem classes (exit 1),
 * `--baseline`, `--format sarif` validated against the official SARIF 2.1.0 schema, the findings
 * shown first in every text format, and bad rule or gate flags as usage errors (exit 2).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { put, ROOT, tempDir } from '../_support/helpers.ts';
import { CUSTOM_OUTSIDE_ID, writeStories } from '../_support/finding-stories.ts';

const CLI = join(ROOT, 'dist/src/cli.js');
const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
const stories = writeStories();

/** The official schema (draft-04) in ajv's default draft: `id` is `$id`; the three formats it uses checked here. */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(join(ROOT, 'test/_support/sarif/sarif-schema-2.1.0.json'), 'utf8'));
  const { $schema: _, id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/') && !/[\s\\]/.test(s));
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s));
  const validate = ajv.compile({ ...rest, $id: id });
  return { check: (value: unknown): boolean => validate(value) === true, errors: () => validate.errors?.slice(0, 3) };
}

test('--fail-on high exits 1 (root used Support), --fail-on critical exits 0: nothing is critical', () => {
  const high = run(['report', stories.archive, '--format', 'json', '--fail-on', 'high']);
  assert.is(high.status, 1, high.stderr);
  assert.match(high.stderr, '--fail-on: 1 finding at or above high');
  const critical = run(['report', stories.archive, '--format', 'json', '--fail-on', 'critical']);
  assert.is(critical.status, 0, critical.stderr);
  assert.is(JSON.parse(critical.stdout).findings.length, 9);
});

test("--baseline with the same run's JSON: nothing is new, --fail-on passes; a finding the baseline lacks fails it", () => {
  const dir = tempDir();
  const first = run(['report', stories.archive, '--format', 'json', '--rules', stories.rules]);
  assert.is(first.status, 0, first.stderr);
  const baseline = put(dir, 'baseline.json', first.stdout);
  const again = run(['report', stories.archive, '--format', 'json', '--rules', stories.rules, '--baseline', baseline, '--fail-on', 'informational']);
  assert.is(again.status, 0, again.stderr);
  const doc = JSON.parse(again.stdout);
  assert.is(doc.findings.length, 11);
  assert.ok(doc.findings.every((f: { new: boolean }) => f.new === false));
  // Drop the custom rule's finding from the baseline: it is new, and --fail-on low fails on it alone.
  const old = JSON.parse(first.stdout);
  old.findings = old.findings.filter((f: { ruleId: string }) => f.ruleId !== CUSTOM_OUTSIDE_ID);
  const partial = put(dir, 'partial.json', JSON.stringify(old));
  const fresh = run(['report', stories.archive, '--format', 'json', '--rules', stories.rules, '--baseline', partial, '--fail-on', 'low']);
  assert.is(fresh.status, 1);
  assert.match(fresh.stderr, '1 finding at or above low (10 in the baseline not counted)');
  assert.equal(JSON.parse(fresh.stdout).findings.filter((f: { new: boolean }) => f.new).map((f: { ruleId: string }) => f.ruleId), [CUSTOM_OUTSIDE_ID]);
});

test('--fail-on RULE_ID fails only on that rule; an unknown id, a bad level or rule file is exit 2 before the scan', () => {
  const custom = run(['report', stories.archive, '--format', 'json', '--rules', stories.rules, '--fail-on', CUSTOM_OUTSIDE_ID]);
  assert.is(custom.status, 1);
  assert.match(custom.stderr, `1 finding of rule ${CUSTOM_OUTSIDE_ID} (Support call from outside the corporate network)`);
  const unknown = run(['report', stories.archive, '--fail-on', 'not-a-rule']);
  assert.is(unknown.status, 2);
  assert.match(unknown.stderr, '--fail-on "not-a-rule" is not a level');
  const dir = tempDir();
  const bad = put(dir, 'bad.yml', 'title: x\nid: y\nlogsource: {product: aws}\nlevel: low\ndetection:\n  s: {eventName: X}\n  condition: s | count() > 3\n');
  const refused = run(['report', stories.archive, '--rules', bad]);
  assert.is(refused.status, 2);
  assert.match(refused.stderr, `--rules ${bad}: condition "s | count() > 3": aggregations after "|"`);
  // In a folder, a refused rule is reported and the others run.
  put(dir, 'rules/bad.yml', readFileSync(bad, 'utf8'));
  put(dir, 'rules/ok.yml', readFileSync(join(stories.rules, 'outside.yml'), 'utf8'));
  const folder = run(['report', stories.archive, '--format', 'json', '--rules', join(dir, 'rules'), '--no-builtin-rules']);
  assert.is(folder.status, 0, folder.stderr);
  assert.match(folder.stderr, `warning: rule ${join(dir, 'rules/bad.yml')} refused`);
  const doc = JSON.parse(folder.stdout);
  assert.equal(doc.rules.refused.map((r: { file: string }) => r.file), [join(dir, 'rules/bad.yml')]);
  assert.equal(doc.findings.map((f: { ruleId: string }) => f.ruleId), [CUSTOM_OUTSIDE_ID]);
  const baseline = run(['report', stories.archive, '--baseline', join(dir, 'missing.json')]);
  assert.is(baseline.status, 2);
  assert.match(baseline.stderr, 'missing.json: cannot be read');
});

test('--fail-on problem classes: empty input, a duplicate file; and none of them on a clean archive', () => {
  const empty = tempDir();
  mkdirSync(join(empty, 'none'));
  assert.is(run(['report', join(empty, 'none'), '--format', 'json', '--fail-on', 'empty']).status, 1);
  assert.is(run(['report', join(empty, 'none'), '--format', 'json', '--fail-on', 'high']).status, 0);
  const dup = tempDir();
  const text = readFileSync(join(stories.archive, 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/03/02/b.json'));
  put(dup, 'x/b.json', text);
  put(dup, 'x/b-copy.json', text);
  const dupRun = run(['report', join(dup, 'x'), '--format', 'json', '--fail-on', 'duplicates']);
  assert.is(dupRun.status, 1);
  assert.match(dupRun.stderr, '--fail-on: duplicates: 1');
  assert.is(run(['report', stories.archive, '--format', 'json', '--fail-on', 'failed-files,rejected-records,duplicates,empty']).status, 0);
});

test('--format sarif: one SARIF 2.1.0 log that validates against the official schema, rules in the driver, one result per finding', () => {
  const out = run(['report', stories.archive, '--format', 'sarif', '--rules', stories.rules]);
  assert.is(out.status, 0, out.stderr);
  const log = JSON.parse(out.stdout);
  const validate = sarifValidator();
  assert.ok(validate.check(log), JSON.stringify(validate.errors()));
  const sarifRun = log.runs[0];
  assert.is(sarifRun.tool.driver.rules.length, 13);
  assert.is(sarifRun.results.length, 11);
  const root = sarifRun.results[0];
  assert.equal([root.level, root.properties.level, root.properties.eventIDs], ['error', 'high', ['ev-root-answer', 'ev-root-plan', 'ev-root-resolve']]);
  assert.is(sarifRun.tool.driver.rules[root.ruleIndex].id, root.ruleId);
  assert.equal(root.locations.map((l: { physicalLocation: { artifactLocation: { uri: string } } }) => l.physicalLocation.artifactLocation.uri), [
    `file://${stories.archive}/AWSLogs/111122223333/CloudTrail/us-east-1/2026/03/01/a.json`,
    `file://${stories.archive}/AWSLogs/111122223333/CloudTrail/us-east-1/2026/03/02/b.json`,
  ]);
  assert.equal([...new Set(sarifRun.results.map((r: { level: string }) => r.level))].sort(), ['error', 'note', 'warning']);
  // Every input was read: no execution notification.
  assert.is(sarifRun.invocations[0].toolExecutionNotifications, undefined);
  // The validator is not a rubber stamp: a result without a message fails it.
  delete sarifRun.results[0].message;
  assert.not.ok(validate.check(log));
});

test('--format sarif: an input that could not be read is an error notification of the invocation, so a clean-looking log is not taken for full coverage', () => {
  const broken = tempDir();
  put(broken, 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/03/03/c.json.gz', 'not gzip');
  const out = run(['report', stories.archive, broken, '--format', 'sarif', '--rules', stories.rules]);
  assert.is(out.status, 0, out.stderr);
  const log = JSON.parse(out.stdout);
  assert.ok(sarifValidator().check(log));
  assert.is(log.runs[0].results.length, 11);
  assert.equal(log.runs[0].invocations[0].toolExecutionNotifications, [
    { level: 'error', message: { text: '1 input file could not be read: the findings do not cover their records (the rejects ledger names them)' } },
  ]);
});

test('the findings come first in the table, Markdown and CSV outputs; --report findings alone is plain CSV', () => {
  const table = run(['report', stories.archive, '--format', 'table', '--sources', 'api']).stdout;
  assert.ok(table.indexOf('Findings (9 findings: 1 high, 4 medium, 3 low, 1 informational)') < table.indexOf('Support actions'));
  assert.match(table, 'rules: 11 ran; read for rules beyond the selected sources');
  const md = run(['report', stories.archive, '--format', 'md']).stdout;
  assert.ok(md.indexOf('## Findings (') < md.indexOf('## Support actions'));
  const csv = run(['report', stories.archive, '--format', 'csv', '--report', 'findings']).stdout;
  assert.is(csv.split('\n')[0], 'level,title,principal,account,count,firstSeen,lastSeen,caseIds,new,ruleId,fingerprint,eventIDs');
  assert.is(csv.trim().split('\n').length, 10);
  const events = run(['report', stories.archive, '--format', 'csv', '--report', 'events']).stdout;
  assert.not.match(events, 'fingerprint');
});

test.run();
