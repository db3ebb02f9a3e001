/**
 * The DuckDB form of `sql findings` equals the built-in Sigma findings of `report --format json`
 * (rows, order, JSON types) over our Parquet export and over the view reproducing Athena's
 * CloudTrail table, on samples/ and on a generated archive with a re-delivered file; the Athena,
 * Trino and Spark forms parse in the engines' grammars.
 */
import { HiveSQL, SparkSQL, TrinoSQL } from 'dt-sql-parser';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generateArchive } from '../../bench/generate/mod.ts';
import { DIALECTS } from '../../src/sql/dialect.ts';
import { parseSigmaRule } from '../../src/findings/sigma-rule.ts';
import { jsonEscaped } from '../../src/sql/findings.ts';
import { findingsSql, reportSql } from '../../src/sql/query.ts';
import { sqlScript } from '../../src/sql/script.ts';
import { cli, duck } from '../_support/duck.ts';
import { writeStories } from '../_support/finding-stories.ts';
import { SAMPLES, tempDir } from '../_support/helpers.ts';
import { assertSameFindings, cloudTrailView, recordsDocuments, reportDocument } from '../_support/sql-check.ts';

const dirs: string[] = [];
const temp = () => {
  const d = tempDir('cts-sql-findings-');
  dirs.push(d);
  return d;
};
test.after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function exportParquet(inputs: string[], out: string, extra: string[] = []): string {
  const run = cli(['export', ...inputs, '--format', 'parquet', '--out', out, '--sources', 'all', '--quiet', ...extra]);
  assert.is(run.code, 0, run.stderr);
  return out;
}

const trailFiles = (root: string) => recordsDocuments([join(root, 'AWSLogs')]).filter((p) => p.includes('/CloudTrail/'));

test('samples: the findings from the Parquet export and from the CloudTrail table equal the report, for both --sources', async () => {
  const parquet = exportParquet([SAMPLES], join(temp(), 'support.parquet'));
  const view = await cloudTrailView(trailFiles(SAMPLES));
  for (const sources of ['all', 'support'] as const) {
    const document = reportDocument([SAMPLES], ['--sources', sources]);
    const fromParquet = await assertSameFindings(document, { source: 'parquet', location: parquet, sources }, `samples parquet --sources ${sources}`);
    const fromTable = await assertSameFindings(document, { source: 'cloudtrail-table', location: view, sources }, `samples table --sources ${sources}`);
    assert.ok(fromParquet >= 8, `findings to compare: ${fromParquet}`);
    console.log(`  samples --sources ${sources}: ${fromParquet} findings from Parquet, ${fromTable} from the table`);
  }
});

test('samples: the findings from the Hive dataset equal the report', async () => {
  const dataset = exportParquet([SAMPLES], join(temp(), 'dataset'), ['--partition-by', 'account,region,date']);
  await assertSameFindings(reportDocument([SAMPLES], ['--sources', 'all']), { source: 'parquet', location: dataset, sources: 'all' }, 'samples dataset');
});

test('the finding stories (root, MFA, Identity Center, Slack, plan change, denied bursts): the findings from the table and the export equal the report', async () => {
  const { archive } = writeStories();
  dirs.push(join(archive, '..'));
  const view = await cloudTrailView(recordsDocuments([archive]));
  const parquet = exportParquet([archive], join(temp(), 'stories.parquet'));
  for (const sources of ['all', 'support'] as const) {
    const document = reportDocument([archive], ['--sources', sources]);
    const fromTable = await assertSameFindings(document, { source: 'cloudtrail-table', location: view, sources }, `stories table --sources ${sources}`);
    await assertSameFindings(document, { source: 'parquet', location: parquet, sources }, `stories parquet --sources ${sources}`);
    assert.ok(fromTable >= 5, `findings to compare: ${fromTable}`);
    console.log(`  finding stories --sources ${sources}: ${fromTable} findings`);
  }
});

test('a generated archive with a delivery file copied twice: the findings from the table and the export equal the report', async () => {
  const root = temp();
  await generateArchive({
    seed: 'sql-18-findings',
    out: root,
    files: 12,
    recordsPerFile: 150,
    supportDensity: 0.4,
    accounts: ['111122223333', '444455556666'],
  });
  const files = trailFiles(root);
  copyFileSync(files[2], files[2].replace(/\.json\.gz$/, '-copy.json.gz'));
  const view = await cloudTrailView(trailFiles(root));
  const parquet = exportParquet([root], join(temp(), 'generated.parquet'));
  for (const sources of ['all', 'support'] as const) {
    const document = reportDocument([root], ['--sources', sources]);
    const fromTable = await assertSameFindings(document, { source: 'cloudtrail-table', location: view, sources }, `generated table --sources ${sources}`);
    const fromParquet = await assertSameFindings(document, { source: 'parquet', location: parquet, sources }, `generated parquet --sources ${sources}`);
    assert.ok(fromTable > 0, 'findings to compare');
    console.log(`  generated --sources ${sources}: ${fromTable} findings from the table, ${fromParquet} from Parquet`);
  }
});

test("the Athena, Trino and Spark forms parse in the engines' grammars, over both sources; every built-in rule is translated", () => {
  const trino = new TrinoSQL();
  const spark = new SparkSQL();
  for (const source of ['parquet', 'cloudtrail-table'] as const) {
    const trinoForm = reportSql('findings', { engine: 'trino', source, sources: 'support' });
    assert.is(reportSql('findings', { engine: 'athena', source, sources: 'support' }), trinoForm, `athena ${source}`);
    assert.equal(trino.validate(trinoForm), [], `trino ${source}`);
    assert.equal(spark.validate(reportSql('findings', { engine: 'spark', source, sources: 'support' })), [], `spark ${source}`);
    for (const engine of ['duckdb', 'trino', 'spark'] as const) {
      const { notes } = findingsSql({ engine, source });
      assert.match(notes, /^-- findings: 6 of 6 detection rules as SQL/, `${engine} ${source}`);
      assert.not.match(notes, /not expressed/);
    }
  }
});

test('the comment names the five stateful checks as not expressible; --all adds the findings view after the reports', () => {
  const form = reportSql('findings', { engine: 'duckdb', source: 'parquet' });
  for (const title of ['Denied AWS Support calls in a burst', 'source IP new', 'user agent new', 'several accounts', 'did not open it']) {
    assert.match(form.split('WITH\n')[0], title);
  }
  const script = sqlScript({ engine: 'athena', source: 'cloudtrail-table', data: 's3://b/AWSLogs/', projectAccounts: ['111122223333'] });
  assert.match(script, /-- not expressible: the stateful checks[^]*\nCREATE OR REPLACE VIEW support_findings AS\nWITH\n/);
  assert.ok(script.indexOf('VIEW support_findings') > script.indexOf('VIEW support_cases'));
  assert.equal(new HiveSQL().validate(script.slice(0, script.indexOf(';\n') + 2)), [], 'the table DDL, with webidfederationdata');
  assert.match(script, /webidfederationdata: STRUCT<federatedprovider: STRING>/);
});

test('a rule the translator refuses is named in the comment with its reason, and the others still run', async () => {
  const rule = (id: string, title: string, detection: string) =>
    parseSigmaRule(`title: ${title}\nid: ${id}\nlevel: high\nlogsource: {product: aws}\ndetection:\n  ${detection}\n  condition: sel\n`, `${id}.yml`);
  const refused = rule('r-re', '|\n  Two\n  lines', "sel: {errorMessage|re: 'Acc.ss'}");
  const kept = rule('r-root', 'Root anywhere', 'sel: {userIdentity.type: Root}');
  const { notes, query } = findingsSql({ engine: 'duckdb', source: 'cloudtrail-table', location: await cloudTrailView(trailFiles(SAMPLES)) }, [refused, kept]);
  assert.match(notes, /^-- findings: 1 of 2 detection rules/);
  assert.match(notes, /\n-- not expressed: Two lines \(r-re\.yml\): "errorMessage\|re": modifier re has no SQL form here/);
  assert.ok(notes.split('\n').every((l) => l === '' || l.startsWith('-- ')), 'every line a comment');
  const rows = await duck(notes + query);
  assert.ok(rows.length > 0 && rows.every((r) => r.ruleId === 'r-root' && r.level === 'high'));
});

test('jsonEscaped() in DuckDB is JSON.stringify inside the quotes: backslash, quote, every control character, the rest as is', async () => {
  const d = DIALECTS.duckdb;
  const plain = ['plain', 'quote " and \\ backslash', 'é ü 中 \u007f 😀'];
  // A control character goes in through chr(): DuckDB's parser takes no NUL in a literal.
  const texts: [string, string][] = [
    ...plain.map((t): [string, string] => [t, d.str(t)]),
    ...Array.from({ length: 32 }, (_, n): [string, string] => [`c${String.fromCharCode(n)}c`, `'c' || chr(${n}) || 'c'`]),
  ];
  const rows = await duck(`SELECT ${jsonEscaped(d, 't')} AS j FROM (VALUES ${texts.map(([, sql], i) => `(${i}, ${sql})`).join(', ')}) AS v(i, t) ORDER BY i`);
  assert.equal(rows.map((r) => r.j), texts.map(([t]) => JSON.stringify(t).slice(1, -1)));
});

test.run();
