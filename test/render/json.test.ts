import { randomUUID } from 'node:crypto';
import { addId, newIdSet, sortedIds } from '../../src/findings/id-set.ts';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { jsonDocumentChunks, toJsonDocument } from '../../src/render/json.ts';
import { report } from '../../src/reports/job.ts';
import { SAMPLES } from '../_support/helpers.ts';

const pieces = (value: unknown) => [...jsonDocumentChunks(value)];

test('the JSON document in pieces is JSON.stringify(value, null, 2) byte for byte, whatever the nesting', () => {
  const values: unknown[] = [
    null,
    42,
    'line\nbreak "quoted" \u2028 \ud800',
    [],
    {},
    { a: [], b: {}, c: [[]], d: [{}], e: undefined, f: () => 1, g: Symbol('s') },
    { reports: { cases: [{ id: 'x', n: 1, list: ['a', 'b'], none: null, deep: { deeper: { deepest: [1, { k: 'v' }] } } }, { id: 'y' }] } },
    [undefined, () => 1, 1, [2, [3, [4, [5]]]]],
    { at: new Date(Date.UTC(2026, 11, 2)), wrapped: { toJSON: () => ({ inner: [1, 2] }) }, viaToJson: { toJSON: () => undefined } },
  ];
  for (const value of values) assert.is(pieces(value).join(''), toJsonDocument(value), JSON.stringify(String(value)));
});

test('each element of a report array is its own piece, so no piece holds the whole document', () => {
  const rows = Array.from({ length: 500 }, (_, i) => ({ caseId: `case-${i}`, count: i }));
  const chunks = pieces({ records: { seen: 1 }, reports: { cases: rows } });
  const longest = Math.max(...chunks.map((c) => c.length));
  assert.ok(chunks.length > 1000, `${chunks.length} pieces`);
  assert.ok(longest < 100, `the longest piece has ${longest} characters`);
});

test("a long array deep in the document (a finding's eventIDs) is walked too, and still gives the same text", () => {
  const eventIDs = Array.from({ length: 20_000 }, (_, i) => `id-${i}`);
  const value = { findings: [{ ruleId: 'r', eventIDs, files: ['a'] }] };
  const chunks = pieces(value);
  assert.is(chunks.join(''), toJsonDocument(value));
  const inObject = { a: { b: { c: { d: eventIDs } } }, list: [[[eventIDs.slice(0, 10_001)]]] };
  assert.is(pieces(inObject).join(''), toJsonDocument(inObject));
  let longest = 0;
  for (const chunk of chunks) longest = Math.max(longest, chunk.length);
  assert.ok(longest < 30_000, `the longest piece has ${longest} characters (of ${chunks.join('').length})`);
});

test("a finding's eventIDs read on demand (SortedIds) are written in slices, as JSON.stringify writes them whole", () => {
  const set = newIdSet();
  const uuids = Array.from({ length: 25_000 }, () => randomUUID());
  for (const id of [...uuids, 'not-a-uuid', ...uuids.slice(0, 10)]) addId(set, id);
  const short = newIdSet();
  addId(short, uuids[0]);
  const value = { findings: [{ eventIDs: sortedIds(set) }, { eventIDs: sortedIds(short) }] };
  const chunks = pieces(value);
  assert.is(chunks.join(''), toJsonDocument(value));
  assert.equal(JSON.parse(chunks.join('')).findings[0].eventIDs, [...uuids, 'not-a-uuid'].sort());
  assert.ok(Math.max(...chunks.map((c) => c.length)) < 50_000);
});

test("a report document's JSON in pieces equals its JSON text (samples/, every report)", async () => {
  const doc = await report([SAMPLES], { workers: 1 });
  assert.is(pieces(doc).join(''), toJsonDocument(doc));
});

test.run();
