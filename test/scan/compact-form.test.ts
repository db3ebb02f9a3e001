import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compactRecordBounds, countCompactRecords, parseCompactRecord, recordIndexAt } from '../../src/scan/compact-form.ts';
import { textOf } from '../../src/read/parse.ts';
import { ec2Record, record, trailFile } from '../_support/helpers.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

test('countCompactRecords() counts compact CloudTrail files and declines anything else', () => {
  assert.is(countCompactRecords(bytes(trailFile([ec2Record(), ec2Record(), ec2Record()]))), 3);
  assert.is(countCompactRecords(bytes('{"Records":[]}')), 0);
  assert.is(countCompactRecords(bytes(JSON.stringify({ Records: [ec2Record()] }, null, 2))), undefined, 'pretty-printed');
  assert.is(
    countCompactRecords(bytes(JSON.stringify({ Records: [{ eventTime: 'x', eventVersion: '1.08' }] }))),
    1,
    'any key order: the records are found by syntax',
  );
  assert.is(countCompactRecords(bytes(trailFile([ec2Record({ requestParameters: { copy: { eventVersion: '1.08' } } })]))), 1, 'a nested copy is not a record');
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

test('compactRecordBounds() finds the real records: a nested object that looks like a record start is not a bound', () => {
  const tricky = trailFile([ec2Record({ requestParameters: { list: [{ a: 1 }, { eventVersion: '1.08', b: 2 }] } }), record()]);
  const bounds = compactRecordBounds(bytes(tricky))!;
  assert.is(bounds.length - 1, 2);
  assert.equal([0, 1].map((i) => parseCompactRecord(bytes(tricky), bounds, i)), JSON.parse(tricky).Records);
});

test('compactRecordBounds() declines a file with any JSON error, in any record, so that file is parsed in full', () => {
  const good = JSON.stringify(ec2Record({ requestParameters: { n: 1 } }));
  const broken = [
    good.replace('"n":1', '"n":NaN'),
    good.replace('"n":1', '"n":[}'),
    good.replace('"n":1', '"n":01'),
    good.replace('"n":1', '"n":1.'),
    good.replace('"n":1', '"n":-'),
    good.replace('"n":1', '"n":1e'),
    good.replace('"n":1', '"n":tru'),
    good.replace('"n":1', '"n":[1,]'),
    good.replace('"n":1', '"n":{"a":1,}'),
    good.replace('"n":1', '"n":{"a"}'),
    good.replace('"n":1', '"n":{a:1}'),
    good.replace('"n":1', '"n":"x\\q"'),
    good.replace('"n":1', '"n":"\\u12g4"'),
    good.replace('"n":1', '"n":"tab\there"'),
    good.replace('"n":1', `"n":'x'`),
    good.replace('"n":1', '"n":1 2'),
    good.replace('"n":1', '"n":'),
    good.slice(0, -1),
  ];
  for (const bad of broken) {
    assert.throws(() => JSON.parse(`{"Records":[${bad}]}`), undefined, bad);
    assert.is(compactRecordBounds(bytes(`{"Records":[${JSON.stringify(record())},${bad},${JSON.stringify(record())}]}`)), undefined, bad);
  }
  const fine = ['"n":-0.5e+10', '"n":"\\u00e9\\n\\/\\ud800"', '"n":[ 1 , {"a" : null} ]', '"n":true', '"n":false', '"n":{}', '"n":[]'];
  for (const ok of fine) {
    const text = `{"Records":[${good.replace('"n":1', ok)}]}`;
    assert.is(countCompactRecords(bytes(text)), JSON.parse(text).Records.length, ok);
  }
});

test('compactRecordBounds() checks nesting far deeper than the call stack allows, on any thread alike', () => {
  const deep = `{"Records":[{"eventVersion":"1.08","x":${'['.repeat(200_000)}${']'.repeat(200_000)}}]}`;
  assert.is(countCompactRecords(bytes(deep)), 1);
  assert.is(countCompactRecords(bytes(deep.replace(']]]}]}', ']]}]}'))), undefined);
});

test.run();
