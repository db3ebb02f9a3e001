import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseJsonBytes, parseJsonText } from '../../src/read/parse.ts';

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

test.run();
