/** End-to-end: `sql` through the built CLI (dist/): the printed SQL runs in DuckDB and gives the report's rows; bad usage is exit 2. */
import { denoCli } from '../_support/deno.ts';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { viewName } from '../../src/sql/script.ts';
import { builtinRules, SQL_QUERIES, SQL_REPORTS } from '../../src/sql/query.ts';
import { writeStoryArchive } from '../_support/case-stories.ts';
import { cli, duck } from '../_support/duck.ts';
import { SAMPLES, tempDir } from '../_support/helpers.ts';
import { assertSameReports, cloudTrailView, recordsDocuments, reportDocument, reportJson } from '../_support/sql-check.ts';

const dirs: string[] = [];
const temp = (prefix: string) => {
  dirs.push(tempDir(prefix));
  return dirs.at(-1)!;
};
test.after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

test('sql REPORT prints one query; run in DuckDB over the export it gives report --format json, --sources passed through', async () => {
  const parquet = join(temp('cts-sql-cli-'), 'support.parquet');
  assert.is(cli(['export', SAMPLES, '--format', 'parquet', '--out', parquet, '--sources', 'all', '--quiet']).code, 0);
  const out = cli(['sql', 'principals', '--location', parquet, '--sources', 'support']);
  assert.is(out.code, 0, out.stderr);
  assert.ok(out.stdout.startsWith('WITH\n'));
  assert.ok(out.stdout.includes("IN ('support.amazonaws.com')"));
  assert.equal(await duck(out.stdout), reportJson([SAMPLES], ['--sources', 'support']).principals);
});

test('sql --all for DuckDB over delivery files: the script creates the table view and one view per report and the findings, each the report', async () => {
  const glob = join(SAMPLES, 'AWSLogs/**/CloudTrail/*/*/*/*/*.json.gz');
  const out = cli(['sql', '--all', '--source', 'cloudtrail-table', '--data', glob, '--location', 'ct_all', '--sources', 'all']);
  assert.is(out.code, 0, out.stderr);
  assert.is(out.stdout.match(/^CREATE OR REPLACE VIEW support_/gm)?.length, SQL_QUERIES.length);
  await duck(out.stdout);
  const document = reportDocument([SAMPLES], ['--sources', 'all']);
  const expected = document.reports as Record<string, unknown[]>;
  for (const report of SQL_REPORTS) assert.equal(await duck(`SELECT * FROM ${viewName(report)}`), expected[report], report);
  // A view's rows have no order of their own: the findings are ordered again as the report orders them.
  const sigma = new Set(builtinRules().map((r) => r.id));
  const findings = (document.findings as Record<string, unknown>[]).filter((f) => sigma.has(f.ruleId as string));
  const levels = "CASE level WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END";
  assert.equal(await duck(`SELECT * FROM support_findings ORDER BY ${levels}, title, principal, account, fingerprint`), findings, 'findings');
});

test('sql findings prints the comment on what it leaves out, then one query that gives the built-in Sigma findings', async () => {
  const parquet = join(temp('cts-sql-cli-findings-'), 'support.parquet');
  assert.is(cli(['export', SAMPLES, '--format', 'parquet', '--out', parquet, '--sources', 'all', '--quiet']).code, 0);
  const out = cli(['sql', 'findings', '--location', parquet, '--sources', 'all']);
  assert.is(out.code, 0, out.stderr);
  assert.match(out.stdout, /^-- findings: 6 of 6 detection rules as SQL over the parquet source/);
  assert.match(out.stdout, /-- not expressible: the stateful checks/);
  const sigma = new Set(builtinRules().map((r) => r.id));
  const expected = (reportDocument([SAMPLES], ['--sources', 'all']).findings as Record<string, unknown>[]).filter((f) => sigma.has(f.ruleId as string));
  assert.ok(expected.length > 0);
  assert.equal(await duck(out.stdout), expected);
  assert.match(cli(['sql', '--help']).stdout.replace(/\s+/g, ' '), /or findings: the built-in rules that one record decides/);
});

test('sql --all for Athena: the CloudTrail table DDL with projection, then the views', () => {
  const out = cli([
    'sql',
    '--all',
    '--engine',
    'athena',
    '--source',
    'cloudtrail-table',
    '--data',
    's3://bucket/AWSLogs/o-abc123/',
    '--project-accounts',
    '111122223333,444455556666',
    '--project-since',
    '2026-01-01',
  ]);
  assert.is(out.code, 0, out.stderr);
  assert.ok(out.stdout.includes('CREATE EXTERNAL TABLE cloudtrail_logs ('));
  assert.ok(out.stdout.includes("'projection.account.values' = '111122223333,444455556666'"));
  assert.ok(out.stdout.includes("'projection.date.range' = '2026/01/01,NOW'"));
  assert.ok(out.stdout.includes('CREATE OR REPLACE VIEW support_trusted_advisor AS'));
});

test('the case stories (attachments by set, reopened, resolved by root, clock skew): every report from the CloudTrail table equals the report', async () => {
  const root = temp('cts-sql-stories-');
  writeStoryArchive(root);
  const files = recordsDocuments([root]);
  const view = await cloudTrailView(files);
  const expected = reportJson([root], ['--sources', 'all']);
  await assertSameReports(expected, { source: 'cloudtrail-table', location: view, sources: 'all' }, 'stories');
});

test('Deno prints the same SQL as Node (a script with every report and the DDL)', () => {
  const args = ['sql', '--all', '--engine', 'spark', '--source', 'cloudtrail-table', '--data', 's3://b/AWSLogs/', '--project-accounts', '111122223333'];
  const viaNode = cli(args);
  assert.is(viaNode.code, 0, viaNode.stderr);
  const deno = denoCli(args);
  assert.is(deno.status, 0, deno.stderr);
  assert.is(deno.stdout, viaNode.stdout);
});

test('sql usage errors are exit 2 and say what is wrong', () => {
  const cases: [string[], RegExp][] = [
    [['sql'], /a report .* or --all, not neither/],
    [['sql', 'cases', '--all'], /not both/],
    [['sql', 'events'], /Invalid values|choices/i],
    [['sql', 'cases', '--engine', 'oracle'], /Invalid values|choices/i],
    [['sql', '--all', '--engine', 'athena', '--source', 'cloudtrail-table'], /needs --data/],
    [['sql', '--all', '--engine', 'athena', '--source', 'cloudtrail-table', '--data', 's3://b/AWSLogs/'], /needs --project-accounts/],
    [['sql', '--all', '--engine', 'spark', '--data', 's3://b/ds/', '--project-since', '2026/01/01'], /--project-since "2026\/01\/01" is not a date/],
    [['sql', '--all', '--engine', 'trino'], /needs --data: where the Hive dataset is/],
  ];
  for (const [args, message] of cases) {
    const out = cli(args);
    assert.is(out.code, 2, args.join(' '));
    assert.match(out.stderr, message, args.join(' '));
  }
});

test.run();
