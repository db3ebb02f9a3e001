/** Hive-partitioned exports: paths, escaping, part numbering, and DuckDB counts matching `report`. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RunError } from '../src/errors.ts';
import { hiveValue, HIVE_NULL, parsePartitionBy, partitionDir, PartitionedSink } from '../src/export/partition.ts';
import type { ExportRow } from '../src/export/row-sink.ts';
import { cli, duck } from './duck.ts';
import { exportFixture } from './export-fixture.ts';
import { put, tempDir } from './helpers.ts';

const files = (root: string) => readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name))).sort();

test('partitionDir() names account, region and the UTC day of eventTime, in the order asked', () => {
  const row = { account: '111122223333', region: 'us-east-1', eventTime: '2026-01-05T23:30:00-02:00' };
  assert.is(partitionDir(row, ['account', 'region', 'date']), 'account=111122223333/region=us-east-1/date=2026-01-06');
  assert.is(partitionDir(row, ['date', 'account']), 'date=2026-01-06/account=111122223333');
  assert.is(partitionDir({ account: null, region: '', eventTime: 'bad' }, ['account', 'region', 'date']), [HIVE_NULL, HIVE_NULL, HIVE_NULL].map((v, i) => `${['account', 'region', 'date'][i]}=${v}`).join('/'));
});

test('hiveValue() escapes what would leave the folder or break key=value, as Hive does', () => {
  assert.is(hiveValue('../../etc'), '..%2F..%2Fetc');
  assert.is(hiveValue('a=b:c\\d'), 'a%3Db%3Ac%5Cd');
  assert.is(hiveValue('us-east-1'), 'us-east-1');
});

test('parsePartitionBy() takes comma lists, keeps the order and names a bad key', () => {
  assert.equal(parsePartitionBy(['account,region', 'date']), ['account', 'region', 'date']);
  assert.throws(() => parsePartitionBy(['account,bucket']), (e: unknown) => e instanceof RunError && /"bucket" is not one of account, region, date/.test(e.message));
  assert.throws(() => parsePartitionBy(['date,date']), /twice/);
});

test('PartitionedSink numbers parts deterministically when a closed partition comes back', async () => {
  const root = tempDir();
  const written: Record<string, number> = {};
  const openPart = async (path: string) => {
    const name = relative(root, path);
    let buffered = 0;
    return {
      get bufferedBytes() { return buffered; },
      write: async (rows: readonly ExportRow[]) => { buffered += rows.length; written[name] = (written[name] ?? 0) + rows.length; },
      flush: async () => { buffered = 0; },
      close: async () => undefined,
      abort: async () => undefined,
    };
  };
  const sink = new PartitionedSink(root, ['account'], openPart, 'parquet', { maxOpen: 1 });
  await sink.write([{ account: 'a' }, { account: 'a' }, { account: 'b' }]);
  await sink.write([{ account: 'a' }]);
  await sink.close();
  assert.equal(written, { 'account=a/part-0.parquet': 2, 'account=b/part-0.parquet': 1, 'account=a/part-1.parquet': 1 });
});

test('export --partition-by writes a Hive dataset whose DuckDB per-account counts equal report', async () => {
  const { root } = exportFixture();
  const out = join(tempDir(), 'dataset');
  const run = cli(['export', root, '--format', 'parquet', '--partition-by', 'account,region,date', '--out', out]);
  assert.is(run.code, 0, run.stderr);
  assert.equal(files(out), [
    'account=012345678901/region=eu-west-1/date=2026-01-06/part-0.parquet',
    'account=111122223333/region=us-east-1/date=2026-01-05/part-0.parquet',
    'account=111122223333/region=us-east-1/date=2026-01-06/part-0.parquet',
  ]);
  const glob = `read_parquet('${out}/**/*.parquet', hive_partitioning = true, hive_types = {'account': VARCHAR, 'region': VARCHAR, 'date': DATE})`;
  const counts = await duck(`SELECT account, count(*)::INT AS n FROM ${glob} GROUP BY account ORDER BY account`);
  const doc = JSON.parse(cli(['report', root, '--format', 'json']).stdout);
  const fromReport = new Map<string, number>();
  for (const r of doc.reports.accounts as { account: string; count: number }[]) fromReport.set(r.account, (fromReport.get(r.account) ?? 0) + r.count);
  assert.equal(counts.map((r) => [r.account, r.n]), [...fromReport].sort());
  const days = await duck(`SELECT date::VARCHAR AS d, min(eventTime)::VARCHAR AS t FROM ${glob} GROUP BY 1 ORDER BY 1`);
  assert.equal(days, [{ d: '2026-01-05', t: '2026-01-05 10:15:00+00' }, { d: '2026-01-06', t: '2026-01-06 00:00:01+00' }]);
  const columns = (await duck(`SELECT name FROM parquet_schema('${out}/account=012345678901/region=eu-west-1/date=2026-01-06/part-0.parquet')`)).map((r) => r.name);
  assert.ok(columns.includes('eventTime') && columns.includes('raw'));
  assert.not.ok(columns.includes('account') || columns.includes('region'), 'partition keys live in the path only');
});

test('export --partition-by refuses a folder that already has files, and text formats', () => {
  const { root } = exportFixture();
  const out = tempDir();
  put(out, 'old/part-0.parquet', 'x');
  const busy = cli(['export', root, '--format', 'parquet', '--partition-by', 'account', '--out', out]);
  assert.is(busy.code, 2);
  assert.match(busy.stderr, /not empty/);
  const text = cli(['export', root, '--format', 'csv', '--partition-by', 'account', '--out', join(out, 'x')]);
  assert.is(text.code, 2);
  assert.match(text.stderr, /--partition-by needs --format parquet or arrow/);
});

test.run();
