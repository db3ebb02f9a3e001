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
  assert.equal(sortedIds(set), byText(new Set(ids)));
});

test('IdSets merge into the union, also after crossing threads (structured clone)', () => {
  const [a, b] = [newIdSet(), newIdSet()];
  const left = Array.from({ length: 300 }, () => randomUUID());
  const right = [...left.slice(0, 150), ...Array.from({ length: 300 }, () => randomUUID()), 'x', 'y'];
  for (const id of [...left, 'x']) addId(a, id);
  for (const id of right) addId(b, id);
  addIds(a, structuredClone(b));
  assert.equal(sortedIds(a), byText(new Set([...left, 'x', ...right])));
});

test.run();
