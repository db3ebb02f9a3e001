import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { bufferSearch, type ByteSearch, byteSearch, simdSearch } from '../../src/scan/byte-search.ts';
import { WINDOW } from '../../src/scan/simd-search.ts';
import { ALL_SUPPORT_SOURCES } from '../../src/rows/support-row.ts';
import { escapeHits, eventSourceHits, sourceNeedles } from '../../src/scan/prefilter.ts';
import { nativeBufferSearch } from '../../src/runtime.ts';
import { ec2Record, REALDATA, record, trailFile } from '../_support/helpers.ts';

const enc = new TextEncoder();

/** Every offset of `needle` (or of the byte), by repeated searches from one past the last. */
function allOf(search: ByteSearch, needle: Uint8Array | number): number[] {
  const next = (from: number) => typeof needle === 'number' ? search.indexOfByte(needle, from) : search.indexOf(needle, from);
  const found: number[] = [];
  for (let at = next(0); at !== -1; at = next(at + 1)) found.push(at);
  return found;
}

/** Deterministic bytes over a small alphabet, so that needles occur often and partly. */
function lettersOf(length: number, alphabet: string, seed = 7): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = alphabet.charCodeAt((x >>> 16) % alphabet.length);
  }
  return out;
}

test('simdSearch() finds the same offsets as Buffer#indexOf, for needles of 1 to 6 bytes, first and last bytes included', () => {
  const bytes = lettersOf(60_000, 'ab"\\');
  for (const needle of ['a', '"', '\\', 'ab', 'ba', 'a"b', '"\\a', 'abab', 'ab"\\a', '\\"ab"a']) {
    const n = enc.encode(needle);
    const want = allOf(bufferSearch(bytes), n);
    assert.ok(want.length >= 5, `${needle} occurs in the sample`);
    assert.equal(allOf(simdSearch(bytes), n), want, needle);
  }
  const edges = enc.encode('xyz......xyz');
  assert.equal(allOf(simdSearch(edges), enc.encode('xyz')), [0, 9], 'at the very start and at the very end');
  assert.equal(allOf(simdSearch(edges), 0x7a), [2, 11]);
  assert.is(simdSearch(edges).indexOf(enc.encode('yz.')), 1);
  assert.is(simdSearch(edges).indexOf(enc.encode('xyz'), 10), -1, 'a start past the last one');
  assert.is(simdSearch(edges).indexOf(enc.encode('xyz!')), -1, 'a needle longer than what is left');
  assert.is(simdSearch(new Uint8Array(0)).indexOfByte(0x61), -1, 'empty bytes');
});

test('simdSearch() finds needles across its window boundaries, and not in stale memory past the bytes', () => {
  const bytes = new Uint8Array(2 * WINDOW + 100).fill(0x2e);
  // Across each boundary: the needle's last byte, its last three, and its whole pair beyond it.
  const places = [0, WINDOW - 10, WINDOW - 3, WINDOW + 1, 2 * WINDOW - 1, 2 * WINDOW + 96];
  for (const at of places) bytes.set(enc.encode('ppor'), at);
  assert.equal(allOf(simdSearch(bytes), enc.encode('ppor')), places);
  assert.equal(allOf(simdSearch(bytes), 0x72), places.map((at) => at + 3));
  assert.equal(allOf(simdSearch(bytes), enc.encode('ppor')), allOf(bufferSearch(bytes), enc.encode('ppor')));
  // The memory still holds a longer array's bytes past a shorter one's end: they are not found.
  const long = new Uint8Array(1000).fill(0x2e);
  long.set(enc.encode('ppor'), 396);
  assert.equal(allOf(simdSearch(long), enc.encode('ppor')), [396]);
  const short = new Uint8Array(398).fill(0x2e); // its last 16-byte step reads the long one's 'or'
  short.set(enc.encode('pp'), 396);
  assert.equal(allOf(simdSearch(short), enc.encode('ppor')), []);
  assert.equal(allOf(simdSearch(short), enc.encode('or')), []);
  assert.equal(allOf(simdSearch(short), 0x72), []);
  assert.equal(allOf(simdSearch(short), enc.encode('pp')), [396]);
});

test('simdSearch() stays right when searches of two arrays take turns in the one memory', () => {
  const a = lettersOf(3000, 'ab', 1);
  const b = lettersOf(3000, 'ab', 2);
  const [sa, sb] = [simdSearch(a), simdSearch(b)];
  const needle = enc.encode('abba');
  const turns: number[][] = [[], []];
  for (const at = [0, 0]; at[0] !== -1 || at[1] !== -1;) {
    for (const k of [0, 1]) {
      if (at[k] === -1) continue;
      at[k] = (k === 0 ? sa : sb).indexOf(needle, at[k]);
      if (at[k] !== -1) turns[k].push(at[k]++);
    }
  }
  assert.equal(turns[0], allOf(bufferSearch(a), needle));
  assert.equal(turns[1], allOf(bufferSearch(b), needle));
});

test('byteSearch() is Buffer#indexOf under Node and the SIMD search under Deno', () => {
  assert.is(nativeBufferSearch, !('Deno' in globalThis));
  assert.is(byteSearch === bufferSearch, nativeBufferSearch);
});

function* realFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* realFiles(path);
    else if (/\.json(\.gz)?$/.test(name)) yield path;
  }
}

test('the prefilter finds the same hits with either search, on built files and on every real file', () => {
  const needles = sourceNeedles(ALL_SUPPORT_SOURCES);
  const documents = [
    enc.encode(trailFile([ec2Record(), record(), ec2Record({ userIdentity: { type: 'AWSService', invokedBy: 'support.amazonaws.com' } })])),
    enc.encode(trailFile([record({ eventSource: 'trustedadvisor.amazonaws.com' }), ec2Record({ requestParameters: { path: 'a\\"b', 'odd"key': 1 } })])),
  ];
  if (existsSync(REALDATA)) {
    for (const path of realFiles(REALDATA)) {
      const raw = readFileSync(path);
      documents.push(raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw);
    }
  } else console.log('  (skipped the real files: /work/shared/realdata is absent)');
  let hits = 0;
  for (const bytes of documents) {
    const viaBuffer = [eventSourceHits(bytes, needles, bufferSearch(bytes)), escapeHits(bytes, bufferSearch(bytes))];
    assert.equal([eventSourceHits(bytes, needles, simdSearch(bytes)), escapeHits(bytes, simdSearch(bytes))], viaBuffer);
    hits += viaBuffer[0].length + viaBuffer[1].length;
  }
  assert.ok(hits >= 3, `hits found: ${hits}`);
});

test.run();
