import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomUUID } from 'node:crypto';
import { FirstSeen, printOf } from '../../src/scan/first-seen.ts';

const hex = (n: number) => n.toString(16).padStart(64, '0');
const uuid = (n: number) => `${n.toString(16).padStart(8, '0')}-0000-4000-8000-${(n * 7919).toString(16).padStart(12, '0')}`;

test('FirstSeen finds the first occurrence of 100k UUID eventIDs after many rehashes', () => {
  const seen = new FirstSeen();
  for (let i = 0; i < 100_000; i++) {
    assert.is(seen.get(uuid(i)), undefined);
    seen.add(uuid(i), { place: `file-${i >> 10}`, index: i % 1000, fingerprint: hex(i), shape: i % 3 ? 'trail-file' : 'lookup-events', partial: i % 2 === 1 });
  }
  for (const i of [0, 1, 4095, 65_536, 99_999]) {
    assert.equal(seen.get(uuid(i)), {
      place: `file-${i >> 10}`,
      index: i % 1000,
      print: printOf(hex(i)),
      shape: i % 3 ? 'trail-file' : 'lookup-events',
      partial: i % 2 === 1,
    });
  }
  assert.is(seen.get(uuid(100_000)), undefined);
});

test('FirstSeen keeps record indexes past two bytes exactly (an Event history export holds more than 65,534 records)', () => {
  const seen = new FirstSeen();
  const indexes = [0, 65_534, 65_535, 65_536, 2_000_000, 1];
  indexes.forEach((index, i) => seen.add(uuid(i), { place: 'export.json', index, fingerprint: hex(i), shape: 'event-history', partial: false }));
  seen.add('not-a-uuid', { place: 'export.json', index: 70_000, fingerprint: hex(9), shape: 'event-history', partial: false });
  assert.equal(indexes.map((_, i) => seen.get(uuid(i))?.index), indexes);
  assert.is(seen.get('not-a-uuid')?.index, 70_000);
});

test('FirstSeen keeps ids that are not lowercase UUIDs exactly, apart from their lowercase twins', () => {
  const seen = new FirstSeen();
  const lower = 'abcdef01-2345-4678-89ab-cdef01234567';
  const at = (place: string, index: number) => ({ place, index, fingerprint: hex(index), shape: 'trail-file', partial: false });
  seen.add(lower, at('a', 1));
  seen.add(lower.toUpperCase(), at('b', 2));
  seen.add('e1', at('c', 3));
  assert.is(seen.get(lower)?.place, 'a');
  assert.is(seen.get(lower.toUpperCase())?.place, 'b');
  assert.is(seen.get('e1')?.index, 3);
  assert.is(seen.get('e2'), undefined);
});

test('FirstSeen gives back each id by its entry, UUID or not, before and after more are added', () => {
  const seen = new FirstSeen();
  const ids = ['abcdef01-2345-4678-89ab-cdef01234567', 'E1', randomUUID(), 'abcdef01-2345-4678-89ab-cdef01234567'.toUpperCase()];
  const at = (index: number) => ({ place: 'p', index, fingerprint: hex(index), shape: 'trail-file', partial: false });
  ids.slice(0, 3).forEach((id, i) => seen.add(id, at(i)));
  assert.equal(ids.slice(0, 3).map((id) => seen.idOf(seen.entryOf(id))), ids.slice(0, 3));
  seen.add(ids[3], at(3));
  assert.equal(ids.map((id) => seen.idOf(seen.entryOf(id))), ids);
  assert.equal(ids.map((id) => seen.entry(seen.entryOf(id)).index), [0, 1, 2, 3]);
  assert.is(seen.entryOf('E2'), -1);
});

test('a released FirstSeen holds nothing and refuses every lookup, UUID or not', () => {
  const seen = new FirstSeen();
  const id = randomUUID();
  seen.add(id, { place: 'a.json', index: 0, shape: 'trail-file', partial: false, fingerprint: 'x' });
  seen.add('not-a-uuid', { place: 'a.json', index: 1, shape: 'trail-file', partial: false, fingerprint: 'y' });
  assert.is(seen.get(id)?.index, 0);
  seen.release();
  assert.throws(() => seen.get(id), /released/);
  assert.throws(() => seen.entryOf('not-a-uuid'), /released/);
});

test('FirstSeen gives each entry its place when places come back after others (a, b, a) and across blocks of 65,536', () => {
  const seen = new FirstSeen();
  const places = ['a', 'b', 'a', 'c'];
  const placeOf = (i: number) => places[Math.min(3, Math.floor(i / 40_000))];
  for (let i = 0; i < 140_000; i++) seen.add(uuid(i), { place: placeOf(i), index: i, fingerprint: hex(i), shape: 'trail-file', partial: false });
  for (const i of [0, 39_999, 40_000, 65_535, 65_536, 79_999, 80_000, 119_999, 120_000, 139_999]) {
    assert.equal([seen.get(uuid(i))?.place, seen.get(uuid(i))?.index], [placeOf(i), i], String(i));
  }
});

test('printOf() tells different fingerprints apart and equal ones together', () => {
  assert.is(printOf('ab'.repeat(32)), printOf('ab'.repeat(32)));
  assert.is.not(printOf('ab'.repeat(32)), printOf('ac' + 'ab'.repeat(31)));
  assert.ok(Number.isSafeInteger(printOf('f'.repeat(64))));
});

test.run();
