import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { byFirstActivity, DiskRows, type KeyedRow, RowRuns } from '../../src/cases/case-rows.ts';
import { jsonDocumentChunks, toJsonDocument } from '../../src/render/json.ts';

interface Row {
  caseId: string;
  n: number;
  text: string;
}

/** `count` rows in a shuffled order, some at the same instant (the id decides), some at no readable instant (Infinity, last). */
function keyedRows(count: number): KeyedRow<Row>[] {
  const rows: KeyedRow<Row>[] = [];
  for (let i = 0; i < count; i++) {
    const id = `case-${String((i * 7919) % count).padStart(6, '0')}`;
    const at = i % 11 === 0 ? Infinity : 1_700_000_000_000 + (i % 5) * 1000;
    rows.push({ at, id, row: { caseId: id, n: i, text: i % 3 === 0 ? 'tab\there, "quotes", ünïcødé 🙂' : 'plain' } });
  }
  return rows;
}

/** The rows of `keyed` in report order, as the list should give them. */
const inOrder = (keyed: readonly KeyedRow<Row>[]) => [...keyed].sort(byFirstActivity).map((k) => k.row);

/** This process's open files under `dir` (other descriptors come and go with the runtime). */
const openFilesIn = (dir: string) =>
  readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`).startsWith(dir);
    } catch {
      return false;
    }
  }).length;

test('rows written as many small runs, merged a few at a time, come back in report order, as often as asked', () => {
  const keyed = keyedRows(500);
  const expected = inOrder(keyed);
  const runs = new RowRuns<Row>(7, 4);
  for (let i = 0; i < keyed.length; i += 50) runs.add(keyed.slice(i, i + 50));
  const rows = runs.finish();
  assert.instance(rows, DiskRows);
  assert.is(rows.length, 500);
  assert.equal([...rows], expected);
  assert.equal([...rows], expected, 'a second reading');
  assert.ok(readdirSync(runs.dir).length <= 4, `${readdirSync(runs.dir).length} runs left after merging`);
  rows.dispose();
  assert.is(existsSync(runs.dir), false);
  assert.throws(() => [...rows], /disposed/);
});

test('slices in order read on; a slice before the last starts again; a reader left early closes its files', () => {
  const keyed = keyedRows(300);
  const expected = inOrder(keyed);
  const runs = new RowRuns<Row>(16, 64);
  runs.add(keyed);
  const rows = runs.finish();
  assert.equal(rows.slice(0, 100), expected.slice(0, 100));
  assert.equal(rows.slice(100, 250), expected.slice(100, 250));
  assert.equal(rows.slice(40, 60), expected.slice(40, 60), 'back to an earlier place');
  assert.equal(rows.slice(290, 400), expected.slice(290, 300), 'past the end');
  for (let i = 0; i < 20; i++) {
    for (const _ of rows) break;
  }
  assert.is(openFilesIn(runs.dir), 0, 'no file left open by readers that stopped early');
  const reading = rows[Symbol.iterator]();
  reading.next();
  assert.ok(openFilesIn(runs.dir) > 0, 'a reader in the middle holds its runs open');
  reading.return?.();
  assert.is(openFilesIn(runs.dir), 0);
  rows.dispose();
});

test('the JSON writer writes rows on disk as it writes an array of them', () => {
  const keyed = keyedRows(12_345);
  const expected = inOrder(keyed);
  const runs = new RowRuns<Row>(1000, 8);
  runs.add(keyed);
  const rows = runs.finish();
  assert.is([...jsonDocumentChunks({ cases: rows })].join(''), toJsonDocument({ cases: expected }));
  assert.is(JSON.stringify(rows), JSON.stringify(expected));
  rows.dispose();
});

test('no rows: an empty list', () => {
  const runs = new RowRuns<Row>();
  const rows = runs.finish();
  assert.is(rows.length, 0);
  assert.equal([...rows], []);
  rows.dispose();
});

test.run();
