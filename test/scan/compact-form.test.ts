import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compactRecordBounds, countCompactRecords, NOT_A_RECORD, parseCompactRecord, recordIndexAt } from '../../src/scan/compact-form.ts';
import { textOf } from '../../src/read/parse.ts';
import { ec2Record, record, trailFile } from '../_support/helpers.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

test('countCompactRecords() counts compact CloudTrail files and declines anything else', () => {
  assert.is(countCompactRecords(bytes(trailFile([ec2Record(), ec2Record(), ec2Record()]))), 3);
  assert.is(countCompactRecords(bytes('{"Records":[]}')), 0);
  assert.is(countCompactRecords(bytes(JSON.stringify({ Records: [ec2Record()] }, null, 2))), undefined, 'pretty-printed');
  assert.is(countCompactRecords(bytes(JSON.stringify({ Records: [{ eventTime: 'x', eventVersion: '1.08' }] }))), undefined, 'key order not CloudTrail');
  assert.is(
    countCompactRecords(bytes(trailFile([ec2Record({ requestParameters: { copy: { eventVersion: '1.08' } } })]))),
    undefined,
    'nested copy after a colon',
  );
  assert.is(countCompactRecords(bytes('[{"eventVersion":"1.08"}]')), undefined, 'bare array');
  assert.is(countCompactRecords(bytes('{"Records":[{"eventVersion":"1.08"}')), undefined, 'truncated text');
});

test('compactRecordBounds() and recordIndexAt() locate the record holding a byte', () => {
  const text = trailFile([ec2Record(), record(), ec2Record()]);
  const bounds = compactRecordBounds(bytes(text))!;
  assert.is(bounds.length, 4);
  assert.is(text[bounds[3]], ']');
  for (let i = 0; i < 3; i++) {
    assert.is(recordIndexAt(bounds, bounds[i]), i);
    assert.is(recordIndexAt(bounds, bounds[i + 1] - 1), i);
  }
});

test('parseCompactRecord() parses one record from its slice, as JSON.parse of the whole file has it', () => {
  const text = trailFile([ec2Record(), record({ userAgent: 'caf\u00e9 \u{1F600}' }), record({ requestParameters: { nested: [{ a: 1 }, { b: [2] }] } })]);
  const bounds = compactRecordBounds(bytes(text))!;
  assert.equal([0, 1, 2].map((i) => parseCompactRecord(bytes(text), bounds, i)), JSON.parse(text).Records);
});

test('parseCompactRecord() decodes invalid UTF-8 exactly as the whole-file decode does', () => {
  const text = trailFile([ec2Record({ userAgent: 'AB' }), record()]);
  const raw = bytes(text);
  raw.set([0xc3, 0xff], text.indexOf('"AB"') + 1); // a lead byte without its continuation, then a byte never valid in UTF-8
  const whole = JSON.parse(textOf(raw)).Records;
  assert.is(whole[0].userAgent, '\ufffd\ufffd');
  const bounds = compactRecordBounds(raw)!;
  assert.equal([0, 1].map((i) => parseCompactRecord(raw, bounds, i)), whole);
});

test('parseCompactRecord() says NOT_A_RECORD for a slice cut at a nested object that only looks like a record start', () => {
  const tricky = trailFile([ec2Record({ requestParameters: { list: [{ a: 1 }, { eventVersion: '1.08', b: 2 }] } }), record()]);
  const bounds = compactRecordBounds(bytes(tricky))!;
  assert.is(bounds.length - 1, 3, 'three apparent records');
  assert.is(parseCompactRecord(bytes(tricky), bounds, 0), NOT_A_RECORD);
  assert.is(parseCompactRecord(bytes(tricky), bounds, 1), NOT_A_RECORD, 'the tail of the first record is not one either');
});

test.run();
