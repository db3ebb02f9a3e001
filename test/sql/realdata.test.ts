/**
 * The SQL reports on the real CloudTrail data in ../shared (skipped, saying so, when it is
 * absent): from the Parquet export of every shape the tool reads, and from the CloudTrail table
 * over the delivery documents among the files, plus the Support records of every other shape
 * written back as delivery documents.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, duck } from '../_support/duck.ts';
import { REALDATA, tempDir } from '../_support/helpers.ts';
import { assertSameReports, cloudTrailView, recordsDocuments, reportJson } from '../_support/sql-check.ts';

const EXTRA = join(REALDATA, '../realdata-extra');
const present = existsSync(REALDATA) && existsSync(EXTRA);
const inputs = [REALDATA, EXTRA];
const dir = tempDir('cts-sql-real-');
test.after(() => rmSync(dir, { recursive: true, force: true }));

const rowsOf = (seen: Record<string, { rows: number }>) => JSON.stringify(Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, v.rows])));

test('realdata: every report from the Parquet export equals report --format json', async () => {
  if (!present) return console.log('  skipped: ../shared/realdata is absent');
  const parquet = join(dir, 'real.parquet');
  const run = cli(['export', ...inputs, '--format', 'parquet', '--out', parquet, '--sources', 'all', '--quiet']);
  assert.is(run.code, 0, run.stderr);
  const expected = reportJson(inputs, ['--sources', 'all']);
  console.log(
    `  realdata parquet: rows ${rowsOf(await assertSameReports(expected, { source: 'parquet', location: parquet, sources: 'all' }, 'realdata parquet'))}`,
  );

  // Every Support record, whatever shape it was read from, written back as one delivery document per source file.
  const byFile = await duck(`SELECT file, list(raw ORDER BY "index") AS raws FROM read_parquet('${parquet}') WHERE NOT partial GROUP BY file ORDER BY file`);
  const rewritten = byFile.map((f, i) => {
    const path = join(dir, `rewritten-${String(i).padStart(3, '0')}.json`);
    writeFileSync(path, `{"Records":[${(f.raws as string[]).join(',')}]}`);
    return path;
  });
  const fromRewritten = reportJson(rewritten, ['--sources', 'all']);
  const view = await cloudTrailView(rewritten);
  const seen = await assertSameReports(fromRewritten, { source: 'cloudtrail-table', location: view, sources: 'all' }, 'realdata rewritten');
  console.log(`  realdata Support records of every shape as delivery documents (${rewritten.length} files): rows ${rowsOf(seen)}`);
});

test('realdata: every report from the CloudTrail table over the delivery documents equals the report', async () => {
  if (!present) return console.log('  skipped: ../shared/realdata is absent');
  const files = recordsDocuments(inputs);
  assert.ok(files.length >= 50, `delivery documents found: ${files.length}`);
  const view = await cloudTrailView(files);
  const seen = await assertSameReports(
    reportJson(files, ['--sources', 'all']),
    { source: 'cloudtrail-table', location: view, sources: 'all' },
    'realdata table',
  );
  console.log(`  realdata delivery documents (${files.length} files): rows ${rowsOf(seen)}`);
});

test.run();
