/**
 * A number JSON.parse cannot hold (1e400 is read as Infinity, which JSON.stringify writes as null)
 * changes the record's raw text: the row is kept, and the ledger says it was changed and where.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { scan } from '../../src/scan/scan.ts';
import { unrepresentableNumberAt } from '../../src/validate/nesting.ts';
import { put, record, tempDir } from '../_support/helpers.ts';

const REASON =
  'record kept with a changed value: a number beyond ±1.8e308 (such as 1e400) cannot be held by JSON.parse; it reads as Infinity and raw has null in its place';

test('unrepresentableNumberAt() points at an infinite number, at any depth, with pointer escaping', () => {
  assert.is(unrepresentableNumberAt(JSON.parse('{"a":[1,2,{"b/c":1e400}]}')), '/a/2/b~1c');
  assert.is(unrepresentableNumberAt(JSON.parse('[-1E+400]')), '/0');
  assert.is(unrepresentableNumberAt(JSON.parse('1e999')), '');
  assert.is(unrepresentableNumberAt(JSON.parse('{"a":1.7976931348623157e308,"b":-5e-324,"c":[null,"1e400"]}')), undefined);
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

test.run();
