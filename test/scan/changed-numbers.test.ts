/**
 * A number JSON.parse cannot hold (1e400 is read as Infinity, which JSON.stringify writes as null)
 * changes the record's raw text: the row is kept, and the ledger says it was changed and where.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { scan } from '../../src/scan/scan.ts';
import { changedNumberAt, parseJsonExact, survives } from '../../src/read/exact-numbers.ts';
import { put, record, tempDir } from '../_support/helpers.ts';

const REASON = 'record kept with a changed value: a number JSON.parse cannot hold as written ' +
  '(beyond ±1.8e308 such as 1e400 reads as Infinity and raw has null; below 5e-324 such as 1e-400 reads as 0; ' +
  'more digits than a double keeps, such as integers beyond 2^53, are rounded): raw has the value as read';

test('changedNumberAt() points at an infinite number, at any depth, with pointer escaping', () => {
  assert.is(changedNumberAt(parseJsonExact('{"a":[1,2,{"b/c":1e400}]}') as object), '/a/2/b~1c');
  assert.is(changedNumberAt(parseJsonExact('[\n  -1E+400\n]') as object), '/0');
  assert.is(changedNumberAt(parseJsonExact('{"a":1.7976931348623157e308,"b":-5e-324,"c":[null,"1e400"]}') as object), undefined);
});

test('a Support record with 1e400 and -1e400 is kept, and one warning line names the record and a changed value', async () => {
  const text = JSON.stringify(record({ eventID: 'big' })).replace('"requestParameters":{', '"requestParameters":{"limit":1e400,"offset":-1e400,');
  const root = tempDir();
  const path = put(root, 'big.ndjson', `${JSON.stringify(record({ eventID: 'plain' }))}\n${text}\n`);
  for (const prefilter of [true, false]) {
    const r = await scan([root], { workers: 1, prefilter });
    assert.equal([r.records.seen, r.records.support, r.records.rejected], [2, 2, 0]);
    assert.equal(r.rejects.map((x) => [x.path, x.index, x.stage, x.reason, x.warning]), [[path, 1, 'parse', REASON, true]]);
    assert.ok(['/requestParameters/limit', '/requestParameters/offset'].includes(r.rejects[0].pointer!));
    assert.match(r.rows[1].raw, /"requestParameters":\{"limit":null,"offset":null,/);
  }
});

test('the same record in a compact delivery file read through the prefilter gets the same warning', async () => {
  const text = JSON.stringify(record({ eventID: 'big' })).replace('"requestParameters":{', '"requestParameters":{"limit":1e400,');
  const root = tempDir();
  const path = put(root, 'trail.json', `{"Records":[${JSON.stringify(record({ eventID: 'plain' }))},${text}]}`);
  const r = await scan([root], { workers: 1 });
  assert.equal(r.rejects.map((x) => [x.path, x.index, x.pointer, x.warning]), [[path, 1, '/requestParameters/limit', true]]);
});

test('survives() is true only when the literal is exactly the double it becomes', () => {
  for (
    const kept of [
      '0',
      '-0',
      '0.0',
      '1',
      '1.0',
      '1.50',
      '0.1',
      '1e3',
      '1.5E+3',
      '-5e-324',
      '9007199254740992',
      '1.7976931348623157e308',
      '123456789012',
      '1e21',
    ]
  ) {
    assert.ok(survives(kept), kept);
  }
  for (const changed of ['1e400', '-1e400', '1e-400', '9007199254740993', '12345678901234567891', '0.12345678901234567891', '2e-324']) {
    assert.not.ok(survives(changed), changed);
  }
});

test('parseJsonExact() gives what JSON.parse gives, and marks every container above a changed number', () => {
  const text = '{"Records":[{"a":1},{"b":{"c/d":[1,12345678901234567891]},"s":":1e-400,"}]}';
  const doc = parseJsonExact(text) as { Records: Record<string, unknown>[] };
  assert.equal(doc, JSON.parse(text));
  assert.is(changedNumberAt(doc), '/Records/1/b/c~1d/1');
  assert.is(changedNumberAt(doc.Records[1]), '/b/c~1d/1');
  assert.is(changedNumberAt(doc.Records[0]), undefined);
});

test('numbers that look suspect but survive, and strings that look like numbers, mark nothing', () => {
  for (const text of ['{"a":1.5e3,"b":9007199254740992}', '{"a":"x:1e-400,","b":"\\u0000z:0"}', '[0.1, 1e21, -0.0]']) {
    const value = parseJsonExact(text) as object;
    assert.equal(value, JSON.parse(text));
    assert.is(changedNumberAt(value), undefined, text);
  }
});

test('a record with 1e-400 or an integer beyond 2^53 is kept with a warning, through both read paths', async () => {
  const big = JSON.stringify(record({ eventID: 'tiny' })).replace('"requestParameters":{', '"requestParameters":{"limit":1e-400,"id":12345678901234567891,');
  const root = tempDir();
  const ndjson = put(root, 'a.ndjson', `${big}\n`);
  const compact = put(root, 'trail.json', `{"Records":[${JSON.stringify(record({ eventID: 'plain' }))},${big.replace('tiny', 'tiny2')}]}`);
  for (const prefilter of [true, false]) {
    const r = await scan([root], { workers: 1, prefilter });
    assert.equal([r.records.seen, r.records.support], [3, 3]);
    const lines = r.rejects.map((x) => [x.path, x.index, x.reason, x.pointer, x.warning]).sort();
    assert.equal(lines, [[ndjson, 0, REASON, '/requestParameters/limit', true], [compact, 1, REASON, '/requestParameters/limit', true]].sort());
  }
});

test.run();
