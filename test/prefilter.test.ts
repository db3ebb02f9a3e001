import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { containsAny, countCompactRecords, sourceNeedles } from '../src/prefilter.ts';
import { scan } from '../src/scan.ts';
import { ec2Record, put, REALDATA, record, tempDir, trailFile } from './helpers.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

test('containsAny() finds a quoted event source anywhere in the bytes', () => {
  const needles = sourceNeedles(['support.amazonaws.com']);
  assert.is(containsAny(bytes(trailFile([ec2Record(), record()])), needles), true);
  assert.is(containsAny(bytes(trailFile([ec2Record()])), needles), false);
  assert.is(containsAny(bytes('{"userAgent":"support.amazonaws.com.evil"}'), needles), false, 'quotes are part of the needle');
});

test('countCompactRecords() counts compact CloudTrail files and declines anything else', () => {
  assert.is(countCompactRecords(bytes(trailFile([ec2Record(), ec2Record(), ec2Record()]))), 3);
  assert.is(countCompactRecords(bytes('{"Records":[]}')), 0);
  assert.is(countCompactRecords(bytes(JSON.stringify({ Records: [ec2Record()] }, null, 2))), undefined, 'pretty-printed');
  assert.is(countCompactRecords(bytes(JSON.stringify({ Records: [{ eventTime: 'x', eventVersion: '1.08' }] }))), undefined, 'key order not CloudTrail');
  assert.is(countCompactRecords(bytes(trailFile([ec2Record({ requestParameters: { copy: { eventVersion: '1.08' } } })]))), undefined, 'nested copy after a colon');
  assert.is(countCompactRecords(bytes('[{"eventVersion":"1.08"}]')), undefined, 'bare array');
  assert.is(countCompactRecords(bytes('{"Records":[{"eventVersion":"1.08"}')), undefined, 'truncated text');
});

async function sameCountsBothWays(paths: string[], sources: 'support' | 'all' = 'support') {
  const fast = await scan(paths, { sources });
  const full = await scan(paths, { sources, prefilter: false });
  assert.equal(fast.records, full.records);
  assert.equal(fast.files, full.files);
  assert.equal(fast.rows, full.rows);
  assert.equal(fast.rejects, full.rejects);
  return fast;
}

test('scan() gives identical results with and without the prefilter on a mixed archive', async () => {
  const root = tempDir();
  put(root, 'a.json', trailFile([ec2Record(), ec2Record()]));
  put(root, 'b.json', trailFile([ec2Record(), record()]));
  put(root, 'c.json', JSON.stringify({ Records: [ec2Record()] }, null, 1));
  put(root, 'd.json', trailFile([ec2Record({ eventSource: 'trustedadvisor.amazonaws.com' })]));
  const result = await sameCountsBothWays([root]);
  assert.is(result.records.seen, 6);
  assert.is((await sameCountsBothWays([root], 'all')).records.support, 2);
});

test('scan() gives identical results with and without the prefilter on the real archives', async () => {
  if (!existsSync(REALDATA)) {
    console.log('  skipped: ../shared/realdata is absent (a fresh clone); CI always has it');
    return;
  }
  const dirs = ['invictus-aws_dataset', 'trailscraper'].map((d) => join(REALDATA, d));
  const result = await sameCountsBothWays(dirs, 'all');
  assert.is(result.records.seen, 2900 + 7);
});

test.run();
