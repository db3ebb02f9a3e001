/**
 * The SQL reports and findings on the real CloudTrail data in ../shared (skipped, saying so, when
 * it is absent): from the Parquet export of every shape the tool reads, and from the CloudTrail
 * table over the delivery documents among the files, plus the Support records of every other
 * shape written back as delivery documents.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, duck } from '../_support/duck.ts';
import { REALDATA, tempDir } from '../_support/helpers.ts';
import { assertSameFindings, assertSameReports, cloudTrailView, recordsDocuments, reportDocument } from '../_support/sql-check.ts';

const EXTRA = join(REALDATA, '../realdata-extra');
const present = existsSync(REALDATA) && existsSync(EXTRA);
const inputs = [REALDATA, EXTRA];
const dir = tempDir('cts-sql-real-');
test.after(() => rmSync(dir, { recursive: true, force: true }));

const rowsOf = (seen: Record<string, { rows: number }>) => JSON.stringify(Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, v.rows])));

const reportsOf = (document: Record<string, unknown>) => document.reports as Record<string, Record<string, unknown>[]>;

test('realdata: every report and the findings from the Parquet export equal report --format json', async () => {
  if (!present) return console.log('  skipped: ../shared/realdata is absent');
  const parquet = join(dir, 'real.parquet');
  const run = cli(['export', ...inputs, '--format', 'parquet', '--out', parquet, '--sources', 'all', '--quiet']);
  assert.is(run.code, 0, run.stderr);
  const document = reportDocument(inputs, ['--sources', 'all']);
  const options = { source: 'parquet', location: parquet, sources: 'all' } as const;
  console.log(`  realdata parquet: rows ${rowsOf(await assertSameReports(reportsOf(document), options, 'realdata parquet'))}`);
  console.log(`  realdata parquet: ${await assertSameFindings(document, options, 'realdata parquet')} findings`);

  // Every Support record, whatever shape it was read from, written back as one delivery document per source file.
  const byFile = await duck(`SELECT file, list(raw ORDER BY "index") AS raws FROM read_parquet('${parquet}') WHERE NOT partial GROUP BY file ORDER BY file`);
  const rewritten = byFile.map((f, i) => {
    const path = join(dir, `rewritten-${String(i).padStart(3, '0')}.json`);
    writeFileSync(path, `{"Records":[${(f.raws as string[]).join(',')}]}`);
    return path;
  });
  const fromRewritten = reportDocument(rewritten, ['--sources', 'all']);
  const view = await cloudTrailView(rewritten);
  const table = { source: 'cloudtrail-table', location: view, sources: 'all' } as const;
  const seen = await assertSameReports(reportsOf(fromRewritten), table, 'realdata rewritten');
  const findings = await assertSameFindings(fromRewritten, table, 'realdata rewritten');
  console.log(`  realdata Support records of every shape as delivery documents (${rewritten.length} files): rows ${rowsOf(seen)}, ${findings} findings`);
});

test('realdata: every report and the findings from the CloudTrail table over the delivery documents equal the report', async () => {
  if (!present) return console.log('  skipped: ../shared/realdata is absent');
  const files = recordsDocuments(inputs);
  assert.ok(files.length >= 50, `delivery documents found: ${files.length}`);
  const view = await cloudTrailView(files);
  const document = reportDocument(files, ['--sources', 'all']);
  const table = { source: 'cloudtrail-table', location: view, sources: 'all' } as const;
  const seen = await assertSameReports(reportsOf(document), table, 'realdata table');
  // --sources support: the rules' other Support sources are read from the table beside the API's.
  const apiOnly = await assertSameFindings(reportDocument(files, ['--sources', 'support']), { ...table, sources: 'support' }, 'realdata table api');
  console.log(
    `  realdata delivery documents (${files.length} files): rows ${rowsOf(seen)}, ${await assertSameFindings(
      document,
      table,
      'realdata table',
    )} findings (${apiOnly} with --sources support)`,
  );
});

test.run();
