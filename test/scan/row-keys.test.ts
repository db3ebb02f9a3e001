import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash, randomUUID } from 'node:crypto';
import { eventIdAt, keyAt, KeyPacker, noKeys, type RowKey, RowPlaces } from '../../src/scan/row-keys.ts';
import { OutcomeMerger } from '../../src/scan/merge.ts';
import { printOf } from '../../src/scan/first-seen.ts';
import { noRecords } from '../../src/scan/outcome.ts';
import type { Reject } from '../../src/types.ts';

const hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** Rows of a few files: UUID ids, other ids, no id; repeats across files that are identical, different, partial on one side, or read through another shape. */
function files(): { path: string; rows: RowKey[]; fingerprints: string[] }[] {
  const ids = Array.from({ length: 40 }, () => randomUUID());
  const row = (file: string, archivePath: string | null, index: number, eventID: string | null, more: Partial<RowKey> = {}): RowKey => ({
    eventID,
    file,
    archivePath,
    index,
    inputShape: 'trail-file',
    partial: false,
    ...more,
  });
  const a = ids.slice(0, 30).map((id, i) => row('/in/a.zip', `e${i % 3}.json`, i, id));
  a.push(row('/in/a.zip', 'e0.json', 30, 'not-a-uuid'), row('/in/a.zip', 'e0.json', 31, null), row('/in/a.zip', 'e1.json', 32, ids[0].toUpperCase()));
  const b = ids.slice(0, 20).map((id, i) =>
    row('/in/b.json', null, i, id, i % 4 === 1 ? { partial: true } : i % 4 === 2 ? { inputShape: 'lookup-events' } : {})
  );
  b.push(
    row('/in/b.json', null, 20, 'not-a-uuid'),
    row('/in/b.json', null, 21, null),
    row('/in/b.json', null, 22, ids[35]),
    row('/in/b.json', null, 23, ids[35]),
  );
  return [
    { path: '/in/a.zip', rows: a, fingerprints: a.map((r) => hex(String(r.eventID))) },
    // Every third repeat has another payload.
    { path: '/in/b.json', rows: b, fingerprints: b.map((r, i) => hex(i % 3 === 0 ? `other ${r.eventID}` : String(r.eventID))) },
  ];
}

const outcome = (n: number) => ({ rejects: [] as Reject[], counts: { ...noRecords(), seen: n, support: n } });

test('KeyPacker: packed keys give back every row, and survive a structured clone', () => {
  for (const file of files()) {
    const packer = new KeyPacker();
    packer.addAll(file.rows, file.fingerprints);
    const keys = structuredClone(packer.pack());
    assert.is(keys.length, file.rows.length);
    assert.is(keys.ids.buffer.byteLength, keys.length * 16, 'columns of their exact length');
    file.rows.forEach((row, i) => {
      assert.equal(keyAt(keys, i), row);
      assert.is(eventIdAt(keys, i), row.eventID);
      assert.is(keys.prints[i], printOf(file.fingerprints[i]));
    });
  }
  assert.is(noKeys().length, 0);
});

test('the merger keeps the same rows and writes the same ledger from packed keys as from row objects', () => {
  const input = files();
  const objects = new OutcomeMerger(false);
  const packed = new OutcomeMerger(false);
  for (const file of input) {
    const kept = new Set(objects.add({ ...outcome(file.rows.length), rows: file.rows, fingerprints: file.fingerprints }, file.path));
    const packer = new KeyPacker();
    packer.addAll(file.rows, file.fingerprints);
    const flags = packed.addPacked(outcome(file.rows.length), structuredClone(packer.pack()), file.path);
    assert.equal([...flags], file.rows.map((row) => (kept.has(row) ? 1 : 0)), file.path);
  }
  const [a, b] = [objects.result(), packed.result()];
  assert.equal(b.records, a.records);
  assert.ok(a.records.duplicates > 10);
  assert.equal([...b.ledger], [...a.ledger]);
  assert.equal(b.rejects, [...a.ledger]);
  // The lines say what they always said.
  const b0 = input[1].rows[0];
  assert.equal(a.rejects[0], {
    path: '/in/b.json',
    index: 0,
    stage: 'dedupe',
    reason: `duplicate eventID ${b0.eventID}: DIFFERENT payload from /in/a.zip!/e0.json#0`,
  });
  const reasons = a.rejects.map((r) => r.reason.replace(/eventID \S+:/, 'eventID X:').replace(/#\d+/, '#N'));
  assert.ok(reasons.includes('duplicate eventID X: the same event (one side partial) as /in/a.zip!/e1.json#N'));
  assert.ok(reasons.includes('duplicate eventID X: identical to /in/a.zip!/e2.json#N (read as trail-file there, as lookup-events here)'));
  assert.ok(reasons.includes('duplicate eventID X: identical to /in/a.zip!/e0.json#N'), 'the id that is not a UUID');
  assert.ok(reasons.includes('duplicate eventID X: identical to /in/b.json#N'), 'a repeat within the file');
});

test("the ledger keeps its order: a file's own lines, then its repeats; slices and lines by stage agree", () => {
  const merger = new OutcomeMerger(false);
  const [a, b] = files();
  merger.addDiscoveryReject({ path: '/in/x', index: null, stage: 'discover', reason: 'unreadable' });
  merger.add({ ...outcome(a.rows.length), rows: a.rows, fingerprints: a.fingerprints }, a.path);
  const own: Reject = { path: b.path, index: 99, stage: 'validate', reason: 'bad', pointer: '/x' };
  merger.add({ ...outcome(b.rows.length), rejects: [own], rows: b.rows, fingerprints: b.fingerprints }, b.path);
  merger.addDiscoveryReject({ path: '/in/y', index: null, stage: 'read', reason: 'gone' });
  const lines = merger.result().rejects;
  assert.equal(lines.map((r) => r.stage), ['discover', 'validate', ...Array(lines.length - 3).fill('dedupe'), 'read']);
  const { ledger } = merger.result();
  assert.is(ledger.length, lines.length);
  for (const size of [1, 3, 7, 1000]) {
    const sliced: Reject[] = [];
    for (let from = 0; from < ledger.length; from += size) for (const line of ledger.slice(from, from + size)) sliced.push(line);
    assert.equal(sliced, lines, `slices of ${size}`);
  }
});

test('RowPlaces holds places by entry and index, once each', () => {
  const places = new RowPlaces();
  for (const [entry, index] of [[null, 0], [null, 70_000], ['e1', 7], ['e1', 7], ['e2', 7]] as const) places.add(entry, index);
  assert.is(places.size, 4);
  assert.ok(places.has(null, 70_000) && places.has('e1', 7) && places.has('e2', 7) && places.has(null, 0));
  assert.not.ok(places.has('e1', 8) || places.has(null, 7) || places.has('e3', 7) || places.has(null, 1_000_000));
});

test.run();
