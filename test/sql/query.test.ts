/**
 * The DuckDB form of every SQL report equals `report --format json` (rows, order, types) over our
 * Parquet export (a file and a Hive dataset) and over a view reproducing Athena's CloudTrail
 * table on the raw delivery files: on samples/ and on a generated archive with a duplicated file.
 */
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generateArchive } from '../../bench/generate/mod.ts';
import { reportSql } from '../../src/sql/query.ts';
import { cli, duck, duckTypes } from '../_support/duck.ts';
import { SAMPLES, tempDir } from '../_support/helpers.ts';
import { assertSameReports, cloudTrailView, recordsDocuments, reportJson } from '../_support/sql-check.ts';

const dirs: string[] = [];
const temp = () => {
  const d = tempDir('cts-sql-');
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

test('samples: every report from the Parquet export file equals report --format json, for both --sources', async () => {
  const parquet = exportParquet([SAMPLES], join(temp(), 'support.parquet'));
  for (const sources of ['all', 'support'] as const) {
    const expected = reportJson([SAMPLES], ['--sources', sources]);
    const seen = await assertSameReports(expected, { source: 'parquet', location: parquet, sources }, `samples parquet --sources ${sources}`);
    console.log(`  samples parquet --sources ${sources}: rows ${JSON.stringify(Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, v.rows])))}`);
  }
});

test('samples: every report from the Hive dataset (account, region, date in the folder names) equals the report', async () => {
  const dataset = exportParquet([SAMPLES], join(temp(), 'dataset'), ['--partition-by', 'account,region,date']);
  await assertSameReports(reportJson([SAMPLES], ['--sources', 'all']), { source: 'parquet', location: dataset, sources: 'all' }, 'samples dataset');
});

test('samples: every report from the CloudTrail table (DuckDB view over the .json.gz files) equals the report', async () => {
  const files = trailFiles(SAMPLES);
  assert.is(files.length, 26);
  const view = await cloudTrailView(files);
  await assertSameReports(reportJson([SAMPLES], ['--sources', 'all']), { source: 'cloudtrail-table', location: view, sources: 'all' }, 'samples table');
});

test('the SQL gives the report JSON types: whole numbers INTEGER, booleans BOOLEAN, secondsToResolve DOUBLE, text VARCHAR', async () => {
  const parquet = exportParquet([SAMPLES], join(temp(), 'types.parquet'));
  const types = async (report: 'denied' | 'cases') => duckTypes(`(${reportSql(report, { engine: 'duckdb', source: 'parquet', location: parquet })})`);
  const denied = await types('denied');
  assert.equal([denied.count, denied.denied, denied.principal, denied.firstSeen], ['INTEGER', 'BOOLEAN', 'VARCHAR', 'VARCHAR']);
  const cases = await types('cases');
  assert.equal([cases.communications, cases.createdInWindow, cases.openedByMfa, cases.secondsToResolve, cases.flags], [
    'INTEGER',
    'BOOLEAN',
    'BOOLEAN',
    'DOUBLE',
    'VARCHAR[]',
  ]);
});

test('a generated archive with a delivery file copied twice: duplicates count once from the CloudTrail table, as in the report', async () => {
  const root = temp();
  await generateArchive({ seed: 'sql-18', out: root, files: 24, recordsPerFile: 150, supportDensity: 0.4, accounts: ['111122223333', '444455556666'] });
  const files = trailFiles(root);
  // The same events again under another name (a re-delivered file): the tool skips the copy, the SQL keeps one row per eventID.
  const copied = files[3].replace(/\.json\.gz$/, '-copy.json.gz');
  copyFileSync(files[3], copied);
  const expected = reportJson([root], ['--sources', 'all']);
  assert.ok(expected.cases.length > 10, 'cases to compare');
  const view = await cloudTrailView(trailFiles(root));
  const table = await assertSameReports(expected, { source: 'cloudtrail-table', location: view, sources: 'all' }, 'generated table');
  const parquet = exportParquet([root], join(temp(), 'generated.parquet'));
  const fromParquet = await assertSameReports(expected, { source: 'parquet', location: parquet, sources: 'all' }, 'generated parquet');
  console.log(
    `  generated (${readdirSync(join(copied, '..')).length} files in the copied folder): rows ${
      JSON.stringify(Object.fromEntries(Object.entries(table).map(([k, v]) => [k, v.rows])))
    }`,
  );
  console.log(
    `  query ms, table ${JSON.stringify(Object.fromEntries(Object.entries(table).map(([k, v]) => [k, v.ms])))}, parquet ${
      JSON.stringify(Object.fromEntries(Object.entries(fromParquet).map(([k, v]) => [k, v.ms])))
    }`,
  );
  const total = await duck(`SELECT count(*)::INTEGER AS n FROM ${view} WHERE eventsource LIKE '%support%'`);
  assert.ok((total[0].n as number) > expected.days.reduce((s, d) => s + (d.count as number), 0), 'the view holds the duplicated records');
});

test.run();
