import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomUUID } from 'node:crypto';
import { addId, addIds, idCount, newIdSet, sortedIds } from '../../src/findings/id-set.ts';

const byText = (values: Iterable<string>) => [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

test('an IdSet holds each id once and lists them in string order, as a sorted Set of texts did', () => {
  const uuids = Array.from({ length: 5000 }, () => randomUUID());
  const ids = [...uuids, ...uuids.slice(0, 100), 'e1', 'E1', uuids[0].toUpperCase(), '', 'zzz', '0', 'ffffffff-ffff-ffff-ffff-fffffffffffg', 'e1'];
  const set = newIdSet();
  for (const id of ids) addId(set, id);
  assert.is(idCount(set), new Set(ids).size);
  assert.equal([...sortedIds(set)], byText(new Set(ids)));
});

test('IdSets merge into the union, also after crossing threads (structured clone)', () => {
  const [a, b] = [newIdSet(), newIdSet()];
  const left = Array.from({ length: 300 }, () => randomUUID());
  const right = [...left.slice(0, 150), ...Array.from({ length: 300 }, () => randomUUID()), 'x', 'y'];
  for (const id of [...left, 'x']) addId(a, id);
  for (const id of right) addId(b, id);
  addIds(a, structuredClone(b));
  assert.equal([...sortedIds(a)], byText(new Set([...left, 'x', ...right])));
});

test('a set is made for one id, grows as ids come, and makes its set of other ids only for one', () => {
  const set = newIdSet();
  assert.is(set.words.length, 4);
  assert.is(set.others, undefined);
  const ids = Array.from({ length: 7 }, () => randomUUID());
  for (const id of ids) addId(set, id);
  assert.is(set.size, 7);
  assert.ok(set.words.length >= 28 && set.words.length <= 32, `${set.words.length} words for 7 ids`);
  assert.is(set.others, undefined, 'only UUIDs so far');
  const merged = newIdSet();
  addIds(merged, structuredClone(set));
  assert.is(merged.others, undefined, 'merging UUIDs makes none either');
  addId(set, 'not-a-uuid');
  assert.equal([...set.others!], ['not-a-uuid']);
  addIds(merged, set);
  assert.equal([...sortedIds(merged)], byText([...ids, 'not-a-uuid']));
});

test('SortedIds reads any slice on demand, as an array of the same texts would give it', () => {
  const set = newIdSet();
  const ids = [...Array.from({ length: 50 }, () => randomUUID()), 'a', 'zz', '0'];
  for (const id of [...ids, ...ids]) addId(set, id);
  const list = sortedIds(set);
  const texts = byText(new Set(ids));
  assert.is(list.length, 53);
  assert.equal(list.slice(), texts);
  for (const [a, b] of [[0, 3], [10, 20], [-5, undefined], [50, 100], [-100, 2], [7, 3]] as const) {
    assert.equal(list.slice(a, b), texts.slice(a, b), `slice(${a}, ${b})`);
  }
  assert.is(list.at(52), texts[52]);
  assert.is(JSON.stringify({ list }), JSON.stringify({ list: texts }));
  assert.equal([...sortedIds(newIdSet())], []);
});

test.run();
