import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, openSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { decodeBytes, decodeFile, decodeFileSync, DEFAULT_MAX_FILE_BYTES, isGzip, readFailure } from '../../src/read/decode.ts';
import { gunzipReused, inflateRawReused, MAX_REUSED_BYTES, readFileReused } from '../../src/read/thread-buffers.ts';
import { crc32, crc32Js } from '../../src/read/crc32.ts';
import { put, tempDir } from '../_support/helpers.ts';

const opts = { maxFileBytes: 1024 ** 3, inflate: 'fflate' as const };
const text = JSON.stringify({ Records: Array.from({ length: 500 }, (_, i) => ({ i, s: 'é'.repeat(i % 40) })) });
const plain = new TextEncoder().encode(text);
const packed = new Uint8Array(gzipSync(plain));
const utf8 = (b: Uint8Array) => new TextDecoder().decode(b);

test('decodeBytes() inflates gzip recognised by magic bytes, with fflate and natively, to the same bytes', () => {
  const viaFflate = decodeBytes(packed, opts);
  const viaNative = decodeBytes(packed, { ...opts, inflate: 'native' });
  assert.ok(viaFflate.ok && viaNative.ok);
  if (!viaFflate.ok || !viaNative.ok) return;
  assert.is(viaFflate.gzip, true);
  assert.is(utf8(viaFflate.bytes), text);
  assert.is(Buffer.compare(viaFflate.bytes, viaNative.bytes), 0);
});

test('decodeBytes() gives identical bytes for both engines on incompressible data over several MiB', () => {
  const random = randomBytes(3 * 1024 * 1024 + 17);
  const z = new Uint8Array(gzipSync(random));
  const a = decodeBytes(z, opts);
  const b = decodeBytes(z, { ...opts, inflate: 'native' });
  assert.ok(a.ok && b.ok);
  if (a.ok && b.ok) {
    assert.is(Buffer.compare(a.bytes, random), 0);
    assert.is(Buffer.compare(b.bytes, random), 0);
  }
});

test('decodeBytes() passes plain JSON through untouched', () => {
  const out = decodeBytes(plain, opts);
  assert.ok(out.ok);
  if (out.ok) {
    assert.is(out.gzip, false);
    assert.is(out.bytes, plain);
  }
});

test('decodeBytes() reads concatenated gzip members as one stream', () => {
  const joined = Buffer.concat([gzipSync('{"Records":'), gzipSync('[]}')]);
  for (const inflate of ['fflate', 'native'] as const) {
    const out = decodeBytes(joined, { ...opts, inflate });
    assert.ok(out.ok, inflate);
    if (out.ok) assert.is(utf8(out.bytes), '{"Records":[]}');
  }
});

test('decodeBytes() rejects gzip truncated inside the compressed data', () => {
  const cut = packed.subarray(0, Math.floor(packed.length / 2));
  for (const inflate of ['fflate', 'native'] as const) {
    const out = decodeBytes(cut, { ...opts, inflate });
    assert.is(out.ok, false, inflate);
    if (!out.ok) assert.match(out.reason, /^truncated gzip/, inflate);
  }
});

test('decodeBytes() rejects gzip cut inside its 8-byte trailer (fflate does not read it)', () => {
  for (const drop of [1, 4, 8]) {
    const out = decodeBytes(packed.subarray(0, packed.length - drop), opts);
    assert.is(out.ok, false, `drop ${drop}`);
    if (!out.ok) assert.match(out.reason, /^truncated gzip/);
  }
});

test('decodeBytes() stops a gzip bomb at the cap, for both engines', () => {
  const bomb = new Uint8Array(gzipSync(Buffer.alloc(64 * 1024 * 1024)));
  assert.ok(bomb.length < 100_000);
  for (const inflate of ['fflate', 'native'] as const) {
    const before = process.memoryUsage().rss;
    const out = decodeBytes(bomb, { maxFileBytes: 1024 * 1024, inflate });
    assert.is(out.ok, false, inflate);
    if (!out.ok) assert.match(out.reason, /exceeds the cap of 1048576 bytes/);
    assert.ok(process.memoryUsage().rss - before < 48 * 1024 * 1024, 'memory stays far below the bomb size');
  }
});

test('decodeBytes() rejects a plain file over the cap and an empty file', () => {
  const over = decodeBytes(plain, { maxFileBytes: 100 });
  assert.is(over.ok, false);
  if (!over.ok) assert.match(over.reason, /exceeds the cap of 100 bytes/);
  assert.equal(decodeBytes(new Uint8Array(0), opts), { ok: false, stage: 'decode', reason: 'empty file (0 bytes)' });
});

test('decodeBytes() turns a gzip of zero bytes into an empty document', () => {
  const out = decodeBytes(new Uint8Array(gzipSync(Buffer.alloc(0))), opts);
  assert.ok(out.ok);
  if (out.ok) assert.is(out.bytes.length, 0);
});

test('isGzip() looks at the magic bytes only', () => {
  assert.is(isGzip(packed), true);
  assert.is(isGzip(plain), false);
  assert.is(isGzip(new Uint8Array([0x1f])), false);
});

test('decodeFile() reports unreadable and vanished files as read rejects', async () => {
  const dir = tempDir();
  const gone = await decodeFile(`${dir}/missing.json.gz`, opts);
  assert.equal(gone, { ok: false, stage: 'read', reason: 'file disappeared between discovery and read' });
  const locked = put(dir, 'locked.json', '{"Records":[]}');
  chmodSync(locked, 0o000);
  const out = await decodeFile(locked, opts);
  // root reads anything (CI runs as root), so the OS check only runs for other users; the
  // mapping of the error itself is checked below whoever runs the tests.
  if (process.getuid?.() !== 0) assert.equal(out, { ok: false, stage: 'read', reason: 'permission denied' });
  else console.log('  running as root: the OS permission check is skipped; readFailure() mapping is still tested');
});

test('readFailure() names permission, vanished, directory and too-long errors', () => {
  const error = (code: string) => Object.assign(new Error(`${code}: raw message`), { code });
  assert.is(readFailure(error('EACCES')), 'permission denied');
  assert.is(readFailure(error('EPERM')), 'permission denied');
  assert.is(readFailure(error('ENOENT')), 'file disappeared between discovery and read');
  assert.is(readFailure(error('EISDIR')), 'is a directory');
  assert.is(readFailure(error('ENAMETOOLONG')), 'path too long for the file system');
  assert.is(readFailure(error('EIO')), 'EIO: raw message');
});

test('decodeBytes() with reuse gives the same bytes and the same errors as without, for every kind of gzip', () => {
  const lyingIsize = new Uint8Array(packed);
  new DataView(lyingIsize.buffer).setUint32(lyingIsize.length - 4, 10, true); // says 10 bytes, holds many more
  const cases: [string, Uint8Array][] = [
    ['plain gzip', packed],
    ['two members', new Uint8Array(Buffer.concat([gzipSync('{"Records":'), gzipSync('[]}')]))],
    ['ISIZE too small', lyingIsize],
    ['truncated', packed.subarray(0, packed.length >> 1)],
    ['trailer cut', packed.subarray(0, packed.length - 3)],
    ['trailing garbage', new Uint8Array(Buffer.concat([packed, Buffer.from('garbage!')]))],
    ['empty member', new Uint8Array(gzipSync(''))],
    ['not gzip', plain],
  ];
  for (const [name, input] of cases) {
    const fresh = decodeBytes(input, { ...opts, inflate: 'native' });
    const reused = decodeBytes(input, { ...opts, inflate: 'native', reuse: true });
    assert.is(reused.ok, fresh.ok, name);
    if (fresh.ok && reused.ok) assert.is(Buffer.compare(fresh.bytes, reused.bytes), 0, name);
    if (!fresh.ok && !reused.ok) assert.is(reused.reason, fresh.reason, name);
  }
  const capped = decodeBytes(packed, { maxFileBytes: 100, inflate: 'native', reuse: true });
  assert.ok(!capped.ok && /exceeds the cap of 100 bytes/.test(capped.reason), 'the cap holds on the reuse path');
});

test('gunzipReused() writes into one buffer that the next call overwrites, and declines what it cannot finish in one go', () => {
  // The ISIZE the caller (decode.ts) reads from the trailer.
  const reused = (raw: Uint8Array, cap: number) =>
    gunzipReused(raw, new DataView(raw.buffer, raw.byteOffset, raw.byteLength).getUint32(raw.length - 4, true), cap);
  const a = reused(new Uint8Array(gzipSync('first document')), 1e6)!;
  assert.is(utf8(a), 'first document');
  const b = reused(new Uint8Array(gzipSync('SECOND')), 1e6)!;
  assert.is(utf8(b), 'SECOND');
  assert.is(a.buffer, b.buffer, 'the same buffer');
  assert.is(utf8(a).slice(0, 6), 'SECOND', 'the earlier view now shows the new bytes');
  assert.is(reused(packed.subarray(0, 40), 1e6), undefined, 'truncated');
  assert.is(reused(packed, 10), undefined, 'over the cap');
  const huge = new Uint8Array(packed);
  new DataView(huge.buffer).setUint32(huge.length - 4, MAX_REUSED_BYTES, true);
  assert.is(reused(huge, 2 ** 31), undefined, 'an output past MAX_REUSED_BYTES gets a buffer of its own');
  assert.is(utf8(reused(packed, 1e6)!), text, 'a failure leaves the inflater usable');
});

test('inflateRawReused() inflates zip entries into one buffer of its own, and declines any entry not exactly the size its directory gives', () => {
  const deflate = (t: string) => new Uint8Array(deflateRawSync(t));
  const gz = gunzipReused(new Uint8Array(gzipSync('kept')), 4, 1e6)!;
  const a = inflateRawReused(deflate('first entry'), 11, 1e6)!;
  assert.is(utf8(a), 'first entry');
  const b = inflateRawReused(deflate('SECOND'), 6, 1e6)!;
  assert.is(a.buffer, b.buffer, 'the same buffer for every entry');
  assert.is(utf8(a).slice(0, 6), 'SECOND', 'the earlier view now shows the new bytes');
  assert.is(utf8(gz), 'kept', 'not the buffer of gunzipReused, which may hold the zip itself');
  assert.is(inflateRawReused(deflate('a lie'), 3, 1e6), undefined, 'more bytes than declared');
  assert.is(inflateRawReused(deflate('a lie'), 9, 1e6), undefined, 'fewer bytes than declared');
  const whole = deflate(text);
  const size = Buffer.byteLength(text);
  assert.is(inflateRawReused(whole.subarray(0, whole.length - 3), size, 1e6), undefined, 'truncated');
  assert.is(inflateRawReused(Uint8Array.from([...whole, 1, 2]), size, 1e6), undefined, 'data left after the deflate stream');
  assert.is(inflateRawReused(whole, size, 10), undefined, 'over the cap');
  assert.ok(utf8(inflateRawReused(whole, size, 1e6)!) === text, 'a failure leaves the inflater usable');
});

test('decodeFileSync() with reuse reads files of any size into the shared buffers, and names read failures as without it', () => {
  const dir = tempDir();
  const big = new Uint8Array(randomBytes(300_000));
  const files = [put(dir, 'a.json.gz', packed), put(dir, 'big.bin', big), put(dir, 'small.json', '{"Records":[]}'), put(dir, 'empty.json', '')];
  assert.ok(((r) => r.ok && utf8(r.bytes) === text)(decodeFileSync(files[0], { ...opts, inflate: 'native', reuse: true })));
  assert.is(Buffer.compare(readFileReused(files[1]), big), 0, 'a file larger than the buffer so far');
  assert.is(utf8(readFileReused(files[2])), '{"Records":[]}', 'a smaller one after it: only its own bytes');
  assert.is(readFileReused(files[3]).length, 0);
  mkdirSync(`${dir}/folder`);
  for (const path of [`${dir}/missing.json.gz`, `${dir}/folder`]) {
    const reused = decodeFileSync(path, { ...opts, reuse: true });
    assert.equal(reused, decodeFileSync(path, opts), path);
    assert.is(reused.ok, false);
  }
});

/** A gzip member with every optional header field (extra, name, comment, header CRC), written by hand (node:zlib writes none). */
function memberWithAllFields(body: string, headerCrc?: number): Uint8Array {
  const plainMember = gzipSync(body);
  const head = Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, 3]), Buffer.from([3, 0, 1, 2, 3]), Buffer.from('a.json\0note\0')]);
  const hcrc = headerCrc ?? crc32Js(head) & 0xffff;
  return new Uint8Array(Buffer.concat([head, Buffer.from([hcrc & 0xff, hcrc >> 8]), plainMember.subarray(10)]));
}

test('gzip: both engines (and the reuse path) give the same bytes, warning or reason on the same corrupt inputs', () => {
  const member = gzipSync('{"Records":[1]}');
  const second = gzipSync('{"Records":[2]}');
  const flipped = (bytes: Uint8Array, at: number, mask: number) => {
    const copy = new Uint8Array(bytes);
    copy[at < 0 ? copy.length + at : at] ^= mask;
    return copy;
  };
  const cases: [string, Uint8Array, { text: string; warning?: string } | { reason: string }][] = [
    ['a member after NUL padding is read, with a warning', new Uint8Array(Buffer.concat([member, Buffer.alloc(512), second])), {
      text: '{"Records":[1]}{"Records":[2]}',
      warning: '512 NUL bytes of padding between gzip members were skipped (the members after them were read)',
    }],
    ['NUL padding at the end is a warning', new Uint8Array(Buffer.concat([member, Buffer.alloc(100)])), {
      text: '{"Records":[1]}',
      warning: '100 NUL bytes of padding after the gzip stream were ignored',
    }],
    ['padding, a member, then garbage', new Uint8Array(Buffer.concat([member, Buffer.alloc(3), second, Buffer.from('zz')])), {
      text: '{"Records":[1]}{"Records":[2]}',
      warning:
        '3 NUL bytes of padding between gzip members were skipped (the members after them were read); 2 bytes of trailing data after the gzip stream were ignored (the complete gzip members before them were read)',
    }],
    ['garbage after the stream', new Uint8Array(Buffer.concat([member, Buffer.from('garbage')])), {
      text: '{"Records":[1]}',
      warning: '7 bytes of trailing data after the gzip stream were ignored (the complete gzip members before them were read)',
    }],
    ['every optional header field', memberWithAllFields('{"x":1}'), { text: '{"x":1}' }],
    ['bad CRC-32', flipped(member, -8, 1), { reason: 'corrupt gzip: incorrect data check' }],
    ['bad CRC-32 in the second member', new Uint8Array(Buffer.concat([member, flipped(second, -8, 1)])), { reason: 'corrupt gzip: incorrect data check' }],
    ['bad ISIZE', flipped(member, -4, 1), { reason: 'corrupt gzip: incorrect length check' }],
    ['bad header checksum', memberWithAllFields('{"x":1}', 0x1234), { reason: 'corrupt gzip: header crc mismatch' }],
    ['reserved flag bit 5', flipped(member, 3, 0x20), { reason: 'corrupt gzip: unknown header flags set' }],
    ['reserved flag bit 7', flipped(member, 3, 0x80), { reason: 'corrupt gzip: unknown header flags set' }],
    ['unknown method', flipped(member, 2, 1), { reason: 'corrupt gzip: unknown compression method' }],
    ['bad deflate data', flipped(member, 10, 0x06), { reason: 'corrupt gzip: invalid compressed data' }],
    ['a second member cut in its header', new Uint8Array(Buffer.concat([member, second.subarray(0, 6)])), {
      reason: 'truncated gzip (unexpected end of compressed data)',
    }],
    ['a second member cut in its data', new Uint8Array(Buffer.concat([member, second.subarray(0, 14)])), {
      reason: 'truncated gzip (unexpected end of compressed data)',
    }],
  ];
  for (const [name, input, expected] of cases) {
    for (const engine of [{ inflate: 'fflate' as const }, { inflate: 'native' as const }, { inflate: 'native' as const, reuse: true }]) {
      const out = decodeBytes(input, { maxFileBytes: 1 << 20, ...engine });
      const label = `${name} (${engine.inflate}${'reuse' in engine ? ', reuse' : ''})`;
      if ('reason' in expected) assert.equal(out, { ok: false, stage: 'decode', reason: expected.reason }, label);
      else {
        assert.ok(out.ok, label);
        if (out.ok) {
          assert.is(utf8(out.bytes), expected.text, label);
          assert.is(out.warning, expected.warning, label);
        }
      }
    }
  }
});

test('crc32Js() matches the native CRC-32 on ASCII, binary and empty input', () => {
  for (const data of [Buffer.from('123456789'), randomBytes(100_003), Buffer.alloc(0)]) assert.is(crc32Js(data), crc32(data));
  assert.is(crc32Js(Buffer.from('123456789')), 0xcbf43926);
});

test('decodeFileSync() refuses a file over the cap by its size on disk, before reading a byte of it (a 1.5 GB sparse file)', () => {
  const path = join(tempDir(), 'huge.json');
  closeSync(openSync(path, 'w'));
  truncateSync(path, 1536 * 1024 * 1024);
  for (const reuse of [false, true]) {
    const before = process.memoryUsage().rss;
    const out = decodeFileSync(path, { maxFileBytes: DEFAULT_MAX_FILE_BYTES, reuse });
    assert.equal(out, { ok: false, stage: 'decode', reason: `file size ${1536 * 1024 * 1024} exceeds the cap of 33554432 bytes (--max-file-bytes)` });
    assert.ok(process.memoryUsage().rss - before < 32 * 1024 * 1024, `nothing read (reuse: ${reuse})`);
  }
});

test('the default cap (32 MiB) stops a gzip bomb with a few hundred MB at most, for both engines', () => {
  assert.is(DEFAULT_MAX_FILE_BYTES, 32 * 1024 * 1024);
  // 20 members of 16 MiB of zeros: 320 MiB from about 300 KB, built without holding 320 MiB.
  const member = gzipSync(Buffer.alloc(16 * 1024 * 1024));
  const bomb = new Uint8Array(Buffer.concat(Array.from({ length: 20 }, () => member)));
  for (const inflate of ['fflate', 'native'] as const) {
    const before = process.memoryUsage().rss;
    const out = decodeBytes(bomb, { maxFileBytes: DEFAULT_MAX_FILE_BYTES, inflate });
    assert.equal(out, {
      ok: false,
      stage: 'decode',
      reason: 'decompressed size exceeds the cap of 33554432 bytes (--max-file-bytes); gzip bomb or oversized file',
    });
    assert.ok(process.memoryUsage().rss - before < 256 * 1024 * 1024, `${inflate}: ${process.memoryUsage().rss - before} bytes`);
  }
});

test.run();
