/**
 * A record's nesting is limited explicitly, measured without recursion, so the same input gives
 * the same output on the main thread (about 1 MB of stack) and on workers (4 MB).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MAX_RECORD_DEPTH, nestedDeeperThan } from '../../src/validate/nesting.ts';
import { validateRecord } from '../../src/validate/schemas.ts';
import { validateArchive } from '../../src/validate/job.ts';
import { scan } from '../../src/scan/scan.ts';
import { ec2Record, put, record, tempDir, trailFile } from '../_support/helpers.ts';

/** Text of `levels` nested containers around 1, alternating objects and arrays. */
const nestedText = (levels: number) => {
  let open = '';
  let close = '';
  for (let i = 0; i < levels; i++) {
    open += i % 2 ? '[' : '{"a":';
    close = (i % 2 ? ']' : '}') + close;
  }
  return open + '1' + close;
};

test('nestedDeeperThan() counts levels of objects and arrays, a million deep included, without recursion', () => {
  assert.is(nestedDeeperThan(1, 0), false);
  assert.is(nestedDeeperThan({}, 1), false);
  assert.is(nestedDeeperThan({}, 0), true);
  assert.is(nestedDeeperThan(JSON.parse(nestedText(1000)), 1000), false);
  assert.is(nestedDeeperThan(JSON.parse(nestedText(1001)), 1000), true);
  assert.is(nestedDeeperThan({ wide: Array(100_000).fill({ b: [1] }), deep: JSON.parse(nestedText(5)) }, 6), false);
  assert.is(nestedDeeperThan(JSON.parse('['.repeat(1_000_000) + ']'.repeat(1_000_000))), true);
});

/** A Support record whose requestParameters nest `levels` more levels (the record itself is level 1). */
const deepRecord = (levels: number) =>
  JSON.stringify(record({ eventID: `deep-${levels}` })).replace('"requestParameters":{', `"requestParameters":{"deep":${nestedText(levels - 2)},`);

test(`a record nested more than ${MAX_RECORD_DEPTH} levels is rejected by report and validate, with 1 and 2 workers alike`, async () => {
  const root = tempDir();
  // 8,000 levels: JSON.stringify overflows the main thread's stack there, not a worker's.
  for (const levels of [1000, 1001, 8000]) put(root, `d${levels}.json`, `{"Records":[${deepRecord(levels)},${JSON.stringify(ec2Record())}]}`);
  put(root, 'e.json', trailFile([record()])); // a second file, so that 2 workers really run
  const reason = `record is nested more than 1,000 levels deep (the limit every thread can process)`;
  const results = [];
  for (const workers of [1, 2]) {
    const r = await scan([root], { workers });
    assert.equal([r.records.seen, r.records.support, r.records.rejected], [7, 2, 2], `report, workers ${workers}`);
    assert.equal(r.rejects.map((x) => [x.path.slice(root.length + 1), x.index, x.reason, x.pointer]), [
      ['d1001.json', 0, reason, ''],
      ['d8000.json', 0, reason, ''],
    ]);
    const v = await validateArchive([root], { workers });
    assert.equal(v.ledger.map((x) => [x.path.slice(root.length + 1), x.index, x.reason]), [['d1001.json', 0, reason], ['d8000.json', 0, reason]]);
    results.push([r, v]);
  }
  assert.equal(results[0], results[1]);
});

test('a deep value where the schema would show it (an enum) is the same depth issue, not a stack overflow', () => {
  const bad = record({ userIdentity: { type: JSON.parse(nestedText(20_000)) } });
  assert.equal(validateRecord(bad), [{ pointer: '', message: 'record is nested more than 1,000 levels deep (the limit every thread can process)' }]);
  assert.equal(validateRecord(record({ userIdentity: { type: [[1]] } }))[0].pointer, '/userIdentity/type');
});

test.run();
