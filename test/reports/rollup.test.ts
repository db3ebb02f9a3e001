/**
 * The reports folded file by file on the workers are the reports arquero's own groupby().rollup()
 * gives over all the rows at once: checked against a reference built from each rollup's
 * definition with arquero's ops, on samples/, realdata and a generated archive with duplicates,
 * with 1, 2 and 4 workers.
 */
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { type ColumnTable, op, table } from 'arquero';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generateArchive } from '../../bench/generate/mod.ts';
import { factsOf, type RowFacts } from '../../src/reports/facts.ts';
import { ROLLED, type RolledName, toReportTable } from '../../src/reports/index.ts';
import { report } from '../../src/reports/job.ts';
import { buildReports } from '../../src/reports/partial.ts';
import { foldRows, mergeGroups, type Rollup } from '../../src/reports/rollup.ts';
import { toRolledTable } from '../../src/reports/rolled-table.ts';
import { scan } from '../../src/scan/scan.ts';
import type { SupportRow } from '../../src/types.ts';
import { REALDATA, SAMPLES, tempDir } from '../_support/helpers.ts';

/** What arquero's rollup of the same definition gives over all rows in one table. */
function arqueroRollup(rollup: Rollup<RowFacts>, facts: readonly RowFacts[]): ColumnTable {
  const kept = rollup.where ? facts.filter(rollup.where) : facts;
  const aggs = Object.entries(rollup.aggregates);
  const columns: Record<string, unknown[]> = {};
  for (const [name, key] of Object.entries(rollup.keys)) columns[name] = kept.map(key);
  for (const [name, agg] of aggs) if (agg.op !== 'count') columns[`v_${name}`] = kept.map(agg.of);
  const ops = Object.fromEntries(aggs.map(([name, agg]) => {
    const col = `v_${name}`;
    const made = agg.op === 'count'
      ? op.count()
      : agg.op === 'valid'
      ? op.valid(col)
      : agg.op === 'distinct'
      ? op.distinct(col)
      : agg.op === 'values'
      ? op.array_agg_distinct(col)
      : agg.op === 'min'
      ? op.min(col)
      : op.max(col);
    return [name, made];
  }));
  const keyNames = Object.keys(rollup.keys);
  return table(kept.length > 0 ? columns : Object.fromEntries([...keyNames, ...aggs.map(([n]) => `v_${n}`)].map((c) => [c, []])))
    .groupby(...keyNames)
    .rollup(ops);
}

const finished = (name: RolledName, rolled: ColumnTable) => toReportTable(ROLLED[name].finish(rolled));

function assertSameAsArquero(rows: readonly SupportRow[], where: string) {
  const facts = rows.map((row) => factsOf(row));
  for (const name of Object.keys(ROLLED) as RolledName[]) {
    const { rollup } = ROLLED[name];
    const expected = finished(name, arqueroRollup(rollup, facts));
    const whole = finished(name, toRolledTable(rollup, foldRows(rollup, facts)));
    assert.equal(whole, expected, `${where}: ${name}, folded at once`);
    // Folded in three parts, merged: as the workers and the main thread do it.
    const third = Math.ceil(facts.length / 3);
    const parts = [0, 1, 2].map((i) => foldRows(rollup, facts.slice(i * third, (i + 1) * third)));
    const merged = parts.reduce((into, from) => mergeGroups(rollup, into, from), new Map());
    assert.equal(finished(name, toRolledTable(rollup, merged)), expected, `${where}: ${name}, folded in parts`);
  }
}

test('each report folded and merged equals arquero groupby().rollup() of the same rows: samples/', async () => {
  const { rows } = await scan([SAMPLES], { sources: 'all', workers: 1 });
  assert.ok(rows.length > 50, `${rows.length} rows`);
  assertSameAsArquero(rows, 'samples');
  assertSameAsArquero([], 'no rows');
});

test('each report folded and merged equals arquero groupby().rollup(): realdata', async () => {
  if (!existsSync(REALDATA)) return console.log('  (skipped: ../shared/realdata is absent)');
  const { rows } = await scan([REALDATA], { sources: 'all', workers: 1 });
  assert.ok(rows.length > 10, `${rows.length} rows`);
  assertSameAsArquero(rows, 'realdata');
});

const walkFiles = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walkFiles(join(d, n)) : [join(d, n)]));
const dir = tempDir();
await generateArchive({
  seed: 'rollup',
  out: join(dir, 'a'),
  files: 30,
  recordsPerFile: [40, 120],
  supportDensity: 0.3,
  accounts: ['111122223333', '444455556666'],
  sources: 'all',
});
// The same files again under another name, compressed anew (not byte-identical copies, which are
// skipped whole): every event a duplicate, dropped from the later files.
cpSync(join(dir, 'a'), join(dir, 'b'), { recursive: true });
for (const path of walkFiles(join(dir, 'b'))) if (path.endsWith('.gz')) writeFileSync(path, gzipSync(gunzipSync(readFileSync(path)), { level: 1 }));

test('a generated archive with duplicates: report() with 1, 2 and 4 workers equals the reports over the deduplicated rows', async () => {
  const { rows, records } = await scan([dir], { sources: 'all', workers: 1 });
  assert.is(records.duplicates, records.support, 'the copy repeats every event');
  assertSameAsArquero(rows, 'generated');
  const expected = JSON.stringify([...buildReports(rows)].filter(([name]) => name !== 'events'));
  const expectedEvents = JSON.stringify([...buildReports(rows, ['events']).get('events')!.rows].slice(-1000));
  for (const workers of [1, 2, 4]) {
    const doc = await report([dir], { sources: 'all', workers });
    assert.is(JSON.stringify([...doc.reports].filter(([name]) => name !== 'events')), expected, `${workers} workers`);
    assert.is(JSON.stringify(doc.reports.get('events')!.rows), expectedEvents, `${workers} workers: the latest 1,000 events`);
    assert.equal(doc.eventList, { total: records.support, shown: Math.min(1000, records.support), complete: records.support <= 1000 });
    assert.equal(doc.records, records);
  }
});

test('byte-identical copies of files add nothing to the reports: the same reports as the originals alone', async () => {
  const copies = tempDir();
  cpSync(join(dir, 'a'), join(copies, 'a'), { recursive: true });
  cpSync(join(dir, 'a'), join(copies, 'b'), { recursive: true });
  const alone = await report([join(dir, 'a')], { sources: 'all', workers: 2 });
  const doubled = await report([copies], { sources: 'all', workers: 2 });
  assert.is(doubled.files.skipped.duplicate, alone.files.read);
  assert.equal(doubled.records, alone.records);
  const withoutPaths = (doc: typeof alone) => JSON.stringify([...doc.reports]).replaceAll(join(copies, 'a'), join(dir, 'a'));
  assert.is(withoutPaths(doubled), JSON.stringify([...alone.reports]), 'the same reports, file paths aside');
});

test('the event list keeps the latest events, as many as asked for', async () => {
  const all = await report([dir], { sources: 'all', workers: 1, reports: ['events'], eventLimit: Infinity });
  const five = await report([dir], { sources: 'all', workers: 2, reports: ['events'], eventLimit: 5 });
  assert.equal(five.reports.get('events')!.rows, [...all.reports.get('events')!.rows].slice(-5));
  assert.equal(five.eventList, { total: all.records.support, shown: 5, complete: false });
  assert.equal(JSON.parse(JSON.stringify(five)).eventList, five.eventList, 'the JSON says which it is');
});

test.run();
