/** Hive-partitioned exports: paths, escaping, part numbering, and DuckDB counts matching `report`. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RunError } from '../../src/errors.ts';
import { exportArchive } from '../../src/export/job.ts';
import { openExport } from '../../src/export/open-export.ts';
import { HIVE_NULL, hiveValue, parsePartitionBy, partitionDir, PartitionedSink, type PartitionKey, type PartitionOptions } from '../../src/export/partition.ts';
import { approxBytes, type ExportRow } from '../../src/export/row-sink.ts';
import { arrowRead, cli, duck, hyparquetRead } from '../_support/duck.ts';
import { exportFixture } from '../_support/export-fixture.ts';
import { gz, put, record, tempDir, trailFile } from '../_support/helpers.ts';

const files = (root: string) =>
  readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name))).sort();

test('partitionDir() names account, region and the UTC day of eventTime, in the order asked', () => {
  const row = { account: '111122223333', region: 'us-east-1', eventTime: '2026-01-05T23:30:00-02:00' };
  assert.is(partitionDir(row, ['account', 'region', 'date']), 'account=111122223333/region=us-east-1/date=2026-01-06');
  assert.is(partitionDir(row, ['date', 'account']), 'date=2026-01-06/account=111122223333');
  assert.is(
    partitionDir({ account: null, region: '', eventTime: 'bad' }, ['account', 'region', 'date']),
    [HIVE_NULL, HIVE_NULL, HIVE_NULL].map((v, i) => `${['account', 'region', 'date'][i]}=${v}`).join('/'),
  );
});

test('hiveValue() escapes what would leave the folder or break key=value, as Hive does', () => {
  assert.is(hiveValue('../../etc'), '..%2F..%2Fetc');
  assert.is(hiveValue('a=b:c\\d'), 'a%3Db%3Ac%5Cd');
  assert.is(hiveValue('us-east-1'), 'us-east-1');
});

test('parsePartitionBy() takes comma lists, keeps the order and names a bad key', () => {
  assert.equal(parsePartitionBy(['account,region', 'date']), ['account', 'region', 'date']);
  assert.throws(
    () => parsePartitionBy(['account,bucket']),
    (e: unknown) => e instanceof RunError && /"bucket" is not one of account, region, date/.test(e.message),
  );
  assert.throws(() => parsePartitionBy(['date,date']), /twice/);
});

test("parsePartitionBy() refuses an empty key list ('', ',') as a usage error naming the keys; no flag is no partitioning", () => {
  assert.equal(parsePartitionBy([]), []);
  for (const values of [[''], [','], [' , '], ['account', '']]) {
    assert.throws(
      () => parsePartitionBy(values),
      (e: unknown) => e instanceof RunError && e.exitCode === 2 && /--partition-by needs at least one key: account, region, date/.test(e.message),
      JSON.stringify(values),
    );
  }
});

test('PartitionedSink numbers parts deterministically when a closed partition comes back', async () => {
  const root = tempDir();
  const written: Record<string, number> = {};
  const openPart = async (path: string) => {
    const name = relative(root, path);
    return {
      write: async (rows: readonly ExportRow[]) => {
        written[name] = (written[name] ?? 0) + rows.length;
      },
      flush: async () => undefined,
      close: async () => undefined,
      abort: async () => undefined,
    };
  };
  // Row groups of one row write every row as it comes; one open file makes every change of partition close one.
  const sink = new PartitionedSink(root, ['account'], openPart, 'parquet', { maxOpen: 1, limits: { rows: 1, bytes: 1 << 30 } });
  await sink.write([{ account: 'a' }, { account: 'a' }, { account: 'b' }]);
  await sink.write([{ account: 'a' }]);
  await sink.close();
  assert.equal(written, { 'account=a/part-0.parquet': 2, 'account=b/part-0.parquet': 1, 'account=a/part-1.parquet': 1 });
});

const REGIONS = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'eu-west-1', 'eu-west-2', 'eu-central-1', 'ap-southeast-1', 'ap-northeast-1'];

/** One trail file per entry of `counts`, whose records cycle through the 9 regions (and `days` days): an Event history export's interleaving. */
function interleaved(counts: number[], days = 1) {
  const root = tempDir('cts-interleaved-');
  let n = 0;
  counts.forEach((count, f) => {
    const records = Array.from({ length: count }, () => {
      const i = n++;
      const day = String(5 + (Math.floor(i / REGIONS.length) % days)).padStart(2, '0');
      return record({
        eventID: `e-${String(i).padStart(6, '0')}`,
        awsRegion: REGIONS[i % REGIONS.length],
        eventTime: `2026-01-${day}T10:${String(i % 60).padStart(2, '0')}:00Z`,
      });
    });
    put(root, `history-${f}.json.gz`, gz(trailFile(records)));
  });
  return { root, rows: n };
}

async function exportDataset(
  root: string,
  format: 'parquet' | 'arrow',
  partitionBy: PartitionKey[],
  options: { workers?: number; partitions?: PartitionOptions } = {},
) {
  const out = join(tempDir(), 'dataset');
  const result = await exportArchive([root], await openExport({ format, out, partitionBy, partitions: options.partitions }), { workers: options.workers ?? 1 });
  return { out, result };
}

const datasetBytes = (out: string) => Object.fromEntries(files(out).map((f) => [f, readFileSync(join(out, f)).toString('base64')]));
const HIVE_TYPES = { account: 'VARCHAR', region: 'VARCHAR', date: 'DATE' } as const;
const glob = (out: string, keys: PartitionKey[]) =>
  `read_parquet('${out}/**/*.parquet', hive_partitioning = true, hive_types = {${keys.map((k) => `'${k}': ${HIVE_TYPES[k]}`).join(', ')}})`;

test('rows that alternate between 9 regions in one file make one part file per region, not per row, and read back whole', async () => {
  const { root } = interleaved([90]);
  const { out } = await exportDataset(root, 'parquet', ['region']);
  assert.equal(files(out), REGIONS.map((r) => `region=${r}/part-0.parquet`).sort());
  const rows = await duck(
    `SELECT region, count(*)::INT AS n, min(eventID) AS first, bool_and(eventID LIKE 'e-%') AS ok FROM ${
      glob(out, ['region'])
    } GROUP BY region ORDER BY region`,
  );
  assert.equal(
    rows,
    REGIONS.map((r) => ({ region: r, n: 10, first: `e-${String(REGIONS.indexOf(r)).padStart(6, '0')}`, ok: true })).sort((a, b) =>
      a.region.localeCompare(b.region)
    ),
  );
  // Every row is in the partition of its own record, in arrival order (one row group per file here).
  const check = await duck(
    `SELECT count(*)::INT AS n, count(DISTINCT eventID)::INT AS ids, bool_and(region = (raw->>'$.awsRegion')) AS right FROM ${glob(out, ['region'])}`,
  );
  assert.equal(check, [{ n: 90, ids: 90, right: true }]);
  const indexes = (await duck(`SELECT "index" AS i FROM read_parquet('${out}/region=us-east-2/part-0.parquet')`)).map((r) => r.i);
  assert.equal(indexes, Array.from({ length: 10 }, (_, k) => 1 + 9 * k), 'stable order inside a partition');
});

test('2,400 rows over 36 partitions in 4 files: 36 part files, every row back, the same bytes for 1 or 3 workers', async () => {
  const { root, rows } = interleaved([600, 600, 600, 600], 4);
  const one = await exportDataset(root, 'parquet', ['region', 'date']);
  assert.is(files(one.out).length, 36);
  assert.ok(files(one.out).every((f) => f.endsWith('/part-0.parquet')));
  const counts = await duck(
    `SELECT count(*)::INT AS n, count(DISTINCT eventID)::INT AS ids, count(DISTINCT (region, date))::INT AS parts, bool_and(region = (raw->>'$.awsRegion') AND date = ((raw->>'$.eventTime')[1:10])::DATE) AS right FROM ${
      glob(one.out, ['region', 'date'])
    }`,
  );
  assert.equal(counts, [{ n: rows, ids: rows, parts: 36, right: true }]);
  const three = await exportDataset(root, 'parquet', ['region', 'date'], { workers: 3 });
  assert.equal(datasetBytes(three.out), datasetBytes(one.out));
});

test('Arrow: interleaved rows make one part file per partition too, with every row', async () => {
  const { root } = interleaved([45, 45]);
  const { out } = await exportDataset(root, 'arrow', ['region']);
  assert.equal(files(out), REGIONS.map((r) => `region=${r}/part-0.arrow`).sort());
  for (const region of REGIONS) {
    const read = arrowRead(join(out, `region=${region}`, 'part-0.arrow'));
    assert.is(read.rows.length, 10);
    assert.ok(read.rows.every((r) => JSON.parse(r.raw as string).awsRegion === region));
    assert.not.ok('region' in read.fields);
  }
});

test('a small budget makes more row groups, not more files; more partitions than open files stay bounded (one part per partition per budget); bytes do not depend on how rows are cut', async () => {
  const { root, rows } = interleaved([90]);
  const all: ExportRow[] = [];
  const collect = { write: async (r: readonly ExportRow[]) => void all.push(...r), close: async () => undefined, abort: async () => undefined };
  await exportArchive([root], collect, { workers: 1 });
  const budgetBytes = 40_000;
  // Each time the waiting rows pass the budget every partition writes one row group, and once more at the end.
  const writeRounds = Math.floor(all.reduce((sum, row) => sum + approxBytes(row), 0) / budgetBytes) + 1;
  assert.ok(writeRounds >= 4, `${writeRounds}`);

  const roomy = await exportDataset(root, 'parquet', ['region'], { partitions: { budgetBytes } });
  assert.equal(files(roomy.out), REGIONS.map((r) => `region=${r}/part-0.parquet`).sort());
  const read = await hyparquetRead(join(roomy.out, 'region=us-east-1/part-0.parquet'));
  assert.ok(read.rowGroups > 1 && read.rowGroups <= writeRounds, `${read.rowGroups} row groups`);
  assert.is(read.rows.length, 10);

  const partitions = { maxOpen: 4, budgetBytes };
  const tight = await exportDataset(root, 'parquet', ['region'], { partitions });
  const parts = files(tight.out);
  assert.ok(parts.length > REGIONS.length && parts.length <= REGIONS.length * writeRounds, `${parts.length} part files`);
  assert.equal(
    await duck(
      `SELECT count(*)::INT AS n, count(DISTINCT eventID)::INT AS ids, bool_and(region = (raw->>'$.awsRegion')) AS right FROM ${glob(tight.out, ['region'])}`,
    ),
    [{ n: rows, ids: rows, right: true }],
  );

  // The same rows through the sink in one call or one row per call: the same files, byte for byte.
  const whole = join(tempDir(), 'whole');
  const single = join(tempDir(), 'single');
  const a = await openExport({ format: 'parquet', out: whole, partitionBy: ['region'], partitions });
  await a.write(all);
  await a.close();
  const b = await openExport({ format: 'parquet', out: single, partitionBy: ['region'], partitions });
  for (const row of all) await b.write([row]);
  await b.close();
  assert.equal(datasetBytes(single), datasetBytes(whole));
  assert.equal(datasetBytes(whole), datasetBytes(tight.out));
});

/** Part files that only log what happens to them (open, rows written when `writes`, close). */
function loggedParts(root: string, log: string[], writes: boolean) {
  return async (path: string) => {
    const name = relative(root, path);
    log.push(`open ${name}`);
    const write = async (rows: readonly ExportRow[]) => void (writes && log.push(`${name}: ${rows.length}`));
    return { write, flush: async () => undefined, close: async () => void log.push(`close ${name}`), abort: async () => undefined };
  };
}

test('a partition that keeps getting rows keeps its part file across budget rounds; one that gets none for a round is completed', async () => {
  const root = tempDir();
  const log: string[] = [];
  const openPart = loggedParts(root, log, true);
  // A row here is ~17 bytes: every second row passes the 20-byte budget and ends a round.
  const sink = new PartitionedSink(root, ['account'], openPart, 'parquet', { budgetBytes: 20 });
  await sink.write([{ account: 'a' }, { account: 'b' }, { account: 'a' }, { account: 'b' }, { account: 'c' }, { account: 'c' }, { account: 'a' }]);
  await sink.close();
  assert.equal(log, [
    'open account=a/part-0.parquet',
    'account=a/part-0.parquet: 1',
    'open account=b/part-0.parquet',
    'account=b/part-0.parquet: 1',
    'account=a/part-0.parquet: 1',
    'account=b/part-0.parquet: 1',
    // c alone for a round: a and b got no row in it and are completed; a's next row starts part-1.
    'open account=c/part-0.parquet',
    'account=c/part-0.parquet: 2',
    'close account=a/part-0.parquet',
    'close account=b/part-0.parquet',
    'open account=a/part-1.parquet',
    'account=a/part-1.parquet: 1',
    'close account=c/part-0.parquet',
    'close account=a/part-1.parquet',
  ]);
});

test('the open part files hold at most maxRowGroups row groups: the one with the most is completed first', async () => {
  const root = tempDir();
  const log: string[] = [];
  const openPart = loggedParts(root, log, false);
  // One-row row groups: a, a (2 groups), b (3 held); the next b completes a's file, the most; a comes back in part-1.
  const sink = new PartitionedSink(root, ['account'], openPart, 'parquet', { limits: { rows: 1, bytes: 1 << 30 }, maxRowGroups: 3 });
  await sink.write([{ account: 'a' }, { account: 'a' }, { account: 'b' }, { account: 'b' }, { account: 'a' }]);
  await sink.close();
  assert.equal(log, [
    'open account=a/part-0.parquet',
    'open account=b/part-0.parquet',
    'close account=a/part-0.parquet',
    'open account=a/part-1.parquet',
    'close account=b/part-0.parquet',
    'close account=a/part-1.parquet',
  ]);
});

test('an empty partitioned export (nothing matches) creates the folder, with no part file', async () => {
  const { root } = exportFixture();
  for (const format of ['parquet', 'arrow'] as const) {
    const out = join(tempDir(), 'nested', 'dataset');
    const sink = await openExport({ format, out, partitionBy: ['account', 'date'] });
    const result = await exportArchive([root], sink, { workers: 1, filter: { eventNames: ['NoSuchEvent'] } });
    assert.ok(result.records.seen > 0);
    assert.ok(existsSync(out), `${format}: the folder exists`);
    assert.equal(readdirSync(out), []);
  }
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
  const columns = (await duck(`SELECT name FROM parquet_schema('${out}/account=012345678901/region=eu-west-1/date=2026-01-06/part-0.parquet')`)).map((r) =>
    r.name
  );
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
