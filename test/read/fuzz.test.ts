/**
 * Seeded fuzzing: valid gzip and JSON bytes, mutated (bit flips, cut, inserted bytes, duplicated
 * spans). Every mutant must be handled without a throw, and its records accounted for exactly.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gzipSync } from 'node:zlib';
import { decodeBytes } from '../../src/read/decode.ts';
import { outcomeOfBatches } from '../../src/scan/outcome.ts';
import { recordsFromBytes } from '../../src/read/log-file.ts';
import { sourcesFor } from '../../src/rows/support-row.ts';
import { toLogFile } from '../../src/read/discover.ts';
import { ec2Record, record, trailFile } from '../_support/helpers.ts';

/** mulberry32: a tiny seeded PRNG, so a failing case can be replayed from its seed. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(input: Uint8Array, random: () => number): Uint8Array {
  const bytes = Array.from(input);
  const edits = 1 + Math.floor(random() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * bytes.length);
    const kind = Math.floor(random() * 4);
    if (kind === 0) bytes[at] ^= 1 << Math.floor(random() * 8);
    else if (kind === 1) bytes.length = at;
    else if (kind === 2) bytes.splice(at, 0, ...Array.from({ length: 1 + Math.floor(random() * 8) }, () => Math.floor(random() * 256)));
    else bytes.splice(at, 0, ...bytes.slice(at, at + Math.floor(random() * 32)));
  }
  return new Uint8Array(bytes);
}

const file = toLogFile('fuzz.json.gz', 0);
const text = trailFile([record({ eventID: 'f1' }), ec2Record(), record({ eventID: 'f2', eventName: 'ResolveCase', requestParameters: { caseId: 'c' } })]);
const sources = sourcesFor('all');

function check(bytes: Uint8Array, label: string) {
  for (const inflate of ['native', 'fflate'] as const) {
    const decoded = decodeBytes(bytes, { maxFileBytes: 1 << 20, inflate });
    if (!decoded.ok) continue;
    const read = recordsFromBytes(file, decoded.bytes, decoded.gzip);
    if (!read.ok) continue;
    const { counts } = outcomeOfBatches(file, read.batches, read.rejects, sources, {});
    assert.is(counts.seen, counts.support + counts.notSupport + counts.notSelected + counts.excluded + counts.rejected, label);
  }
}

test('1,000 mutated gzip files never throw and always add up', () => {
  const random = rng(20261125);
  const packed = new Uint8Array(gzipSync(text));
  for (let i = 0; i < 1000; i++) check(mutate(packed, random), `gzip mutant ${i}`);
});

test('1,000 mutated JSON documents never throw and always add up', () => {
  const random = rng(42);
  const plain = new TextEncoder().encode(text);
  for (let i = 0; i < 1000; i++) check(mutate(plain, random), `json mutant ${i}`);
});

test.run();
