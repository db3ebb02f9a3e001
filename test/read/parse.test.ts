import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { jsonErrorOf, parseJsonBytes, parseJsonText } from '../../src/read/parse.ts';
import { recordsFromBytes } from '../../src/read/log-file.ts';
import { toLogFile } from '../../src/read/discover.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

test('parseJsonBytes() parses a delivery file and drops a UTF-8 BOM', () => {
  const out = parseJsonBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('{"Records":[]}')]));
  assert.equal(out, { ok: true, document: { Records: [] } });
});

test('parseJsonBytes() keeps a file with an invalid UTF-8 byte inside a string, as U+FFFD', () => {
  const out = parseJsonBytes(new Uint8Array([...bytes('{"a":"x'), 0xff, ...bytes('y"}')]));
  assert.equal(out, { ok: true, document: { a: 'x\ufffdy' } });
});

test('parseJsonText() names invalid JSON and empty documents', () => {
  const bad = parseJsonText('{"Records": [');
  assert.is(bad.ok, false);
  if (!bad.ok) assert.match(bad.reason, /^invalid JSON: /);
  assert.equal(parseJsonText(' \n'), { ok: false, reason: 'empty document (no JSON value)' });
});

test('parseJsonBytes() calls binary junk binary', () => {
  const out = parseJsonBytes(new Uint8Array([0x00, 0x01, 0x02, 0x50, 0x4b]));
  assert.is(out.ok, false);
  if (!out.ok) assert.match(out.reason, /^not JSON \(binary content; not gzip either\)/);
});

test('parseJsonText() survives 100k levels of nesting without crashing the process', () => {
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  const out = parseJsonText(deep);
  assert.type(out.ok, 'boolean');
});

test('JSON parse errors quote none of the text around the error (a file behind a symlink or in /proc is not leaked into the ledger)', () => {
  const secret = 'AWS_SECRET=hunter2hunter2';
  for (const text of [`${secret} x`, `{"Records":[${secret}]}`, `[1,2,3,4,5,6,7,8,9,"${secret}" ${secret}]`, 'NaN', `{"a":1}${secret}`]) {
    const out = parseJsonText(text);
    assert.ok(!out.ok);
    assert.not.match(out.reason, /hunter2|SECRET|NaN/, out.reason);
    assert.match(out.reason, /^invalid JSON: /);
  }
  assert.is(jsonErrorOf(new SyntaxError('Unexpected token \'x\', ..."1,1,1,1,x]}" is not valid JSON')), "Unexpected token 'x'");
  assert.is(jsonErrorOf(new SyntaxError('"NaN" is not valid JSON')), 'not valid JSON');
  assert.is(
    jsonErrorOf(new SyntaxError('Unexpected non-whitespace character after JSON at position 7')),
    'Unexpected non-whitespace character after JSON at position 7',
  );
});

test('record-level JSON errors (NDJSON lines, lookup-events CloudTrailEvent, CloudWatch messages, CSV event cells) quote none of the text either', () => {
  const secret = 'hunter2hunter2';
  const lines = [
    '{"eventVersion":"1.08","eventSource":"support.amazonaws.com","eventName":"CreateCase"}',
    `{"eventVersion": ${secret}}`,
    JSON.stringify({ EventId: 'e', EventName: 'CreateCase', CloudTrailEvent: `{"eventVersion":${secret}}` }),
  ];
  const cloudwatch = JSON.stringify({ events: [{ timestamp: 1, message: `{"eventVersion":${secret}}` }] });
  for (const text of [lines.join('\n'), cloudwatch]) {
    const raw = new TextEncoder().encode(text);
    const result = recordsFromBytes(toLogFile('x.json', raw.length), raw, false);
    assert.ok(result.ok);
    assert.ok(result.rejects.length > 0, text);
    for (const r of result.rejects) assert.not.match(r.reason, /hunter2/, r.reason);
  }
});

test.run();
