/** .zip, .tar and .tar.gz evidence: read entry by entry in memory, with caps and zip-slip-safe names. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { strToU8, Zip, ZipDeflate, zipSync } from 'fflate';
import { crc32 } from '../../src/read/crc32.ts';
import { decodeBytes } from '../../src/read/decode.ts';
import { toLogFile } from '../../src/read/discover.ts';
import { recordsFromBytes } from '../../src/read/log-file.ts';
import { tarEntries } from '../../src/read/archives/tar.ts';
import { unsafeEntryName } from '../../src/read/archives/entry.ts';
import { validateArchive } from '../../src/validate/job.ts';
import { hasProblems } from '../../src/reports/job.ts';
import { scan } from '../../src/scan/scan.ts';
import { lookupEvent, put, record, tarOf, tempDir, trailFile } from '../_support/helpers.ts';

const a = record({ eventID: 'a' });
const b = record({ eventID: 'b' });
const c = record({ eventID: 'c' });

/** Reads an archive; `maxFileBytes` is the entry cap (the archive itself is decoded under a larger one). */
function read(bytes: Uint8Array, name: string, maxFileBytes = 1 << 20) {
  const decoded = decodeBytes(bytes, { maxFileBytes: 1 << 26 });
  if (!decoded.ok) throw new Error(decoded.reason);
  return recordsFromBytes(toLogFile(name, bytes.length), decoded.bytes, decoded.gzip, { maxFileBytes });
}

/** [entry, index, shape, eventID] per record, in entry order. */
function rowsOf(result: ReturnType<typeof read>) {
  if (!result.ok) throw new Error('reject' in result ? result.reject.reason : `skipped as ${result.skipAs}`);
  return result.batches.flatMap((batch) =>
    batch.records.map((r, i) => [batch.archivePath, batch.indexes?.[i] ?? i, batch.shape, (r as { eventID: string }).eventID])
  );
}
const rejectsOf = (result: ReturnType<typeof read>) =>
  result.ok
    ? result.rejects.map((r) => [r.archivePath ?? null, r.reason])
    : [[null, 'reject' in result ? result.reject.reason : `skipped as ${result.skipAs}`]];

test('a zip of several shapes gives every record, indexed within its entry', () => {
  const zip = zipSync({
    'AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/x.json.gz': gzipSync(trailFile([a, b])),
    'history/lookup.json': strToU8(JSON.stringify({ Events: [lookupEvent(c, 1)] }, null, 2)),
    'AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/01/05/d.json.gz': gzipSync('{}'),
    'README.txt': strToU8('exported by the auditor'),
    'empty-folder/': new Uint8Array(0),
  });
  const result = read(zip, 'handover.zip');
  assert.equal(rowsOf(result), [
    ['AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/x.json.gz', 0, 'trail-file', 'a'],
    ['AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/x.json.gz', 1, 'trail-file', 'b'],
    ['history/lookup.json', 0, 'lookup-events', 'c'],
  ]);
  assert.ok(result.ok && result.entries);
  if (result.ok) assert.equal(result.entries, { read: 2, failed: 0, skipped: { digest: 1, insight: 0, other: 1 } });
});

test('a zip written as a stream (sizes in data descriptors, not in the headers) reads the same', () => {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    chunks.push(chunk);
  });
  for (const [name, text] of [['one.json', trailFile([a])], ['two.ndjson', `${JSON.stringify(b)}\n${JSON.stringify(c)}\n`]]) {
    const entry = new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    entry.push(strToU8(text), true);
  }
  zip.end();
  assert.equal(rowsOf(read(Buffer.concat(chunks), 'stream.zip')), [['one.json', 0, 'trail-file', 'a'], ['two.ndjson', 0, 'ndjson', 'b'], [
    'two.ndjson',
    1,
    'ndjson',
    'c',
  ]]);
});

test('zip-slip names are rejected with a clear reason and never read', () => {
  for (
    const [name, why] of [['../evil.json', '".." segment'], ['a/../../evil.json', '".." segment'], ['/etc/evil.json', 'absolute path'], [
      'C:\\evil.json',
      'drive letter',
    ], ['..\\evil.json', '".." segment']]
  ) {
    assert.match(unsafeEntryName(name) ?? 'safe', why, name);
  }
  assert.is(unsafeEntryName('AWSLogs/..hidden/x.json'), undefined, 'dots inside a name are fine');
  const result = read(zipSync({ '../../outside.json': strToU8(trailFile([a])), 'ok.json': strToU8(trailFile([b])) }), 'slip.zip');
  assert.equal(rowsOf(result).map((r) => r[3]), ['b']);
  assert.equal(rejectsOf(result), [['../../outside.json', 'unsafe entry name (zip-slip): it has a ".." segment; not read']]);
});

test('an entry over the cap is rejected: by its declared size, and by the inflater when the size is not declared (a zip bomb)', () => {
  const bomb = new Uint8Array(4 << 20).fill(0x20);
  const declared = read(zipSync({ 'big.json': bomb, 'ok.json': strToU8(trailFile([a])) }), 'declared.zip', 1 << 20);
  assert.equal(rejectsOf(declared), [['big.json', 'entry size 4194304 exceeds the cap of 1048576 bytes (--max-file-bytes); oversized entry or zip bomb']]);
  assert.equal(rowsOf(declared).map((r) => r[3]), ['a']);
  const chunks: Uint8Array[] = [];
  const zip = new Zip((_err, chunk) => void chunks.push(chunk));
  const entry = new ZipDeflate('bomb.json', { level: 9 });
  zip.add(entry);
  entry.push(bomb, true);
  zip.end();
  // Streamed: no size in the local header, but the central directory has it, so nothing is inflated.
  const streamed = read(Buffer.concat(chunks), 'bomb.zip', 1 << 20);
  assert.equal(rejectsOf(streamed), [['bomb.json', 'entry size 4194304 exceeds the cap of 1048576 bytes (--max-file-bytes); oversized entry or zip bomb']]);
  // A directory that lies about the size: the inflater stops at the cap.
  const lying = zipSync({ 'bomb.json': bomb }, { level: 9 });
  const central = Buffer.from(lying).indexOf(Buffer.from([0x50, 0x4b, 1, 2]));
  new DataView(lying.buffer).setUint32(central + 24, 10, true);
  new DataView(lying.buffer).setUint32(22, 10, true);
  const started = Date.now();
  const lied = read(lying, 'bomb.zip', 1 << 20);
  assert.ok(Date.now() - started < 2000, 'stops inflating at the cap');
  assert.equal(rejectsOf(lied), [['bomb.json', 'entry size exceeds the cap of 1048576 bytes (--max-file-bytes); oversized entry or zip bomb']]);
});

test('a nested archive, an unsupported compression method, an encrypted entry and a truncated zip are each explained', () => {
  const nested = read(zipSync({ 'inner.zip': zipSync({ 'x.json': strToU8(trailFile([a])) }) }), 'outer.zip');
  assert.equal(rejectsOf(nested), [['inner.zip', 'an archive inside an archive is not read (extract the outer one first)']]);
  const odd = zipSync({ 'x.json': strToU8(trailFile([a])) });
  odd[8] = 12; // compression method bzip2, in the local header and in the central directory
  odd[Buffer.from(odd).indexOf(Buffer.from([0x50, 0x4b, 1, 2])) + 10] = 12;
  assert.equal(rejectsOf(read(odd, 'bzip2.zip')), [['x.json', 'unsupported compression method 12 (only stored and deflate are read); not read']]);
  const locked = zipSync({ 'secret.json': strToU8(trailFile([a])), 'open.json': strToU8(trailFile([b])) });
  // Set the "encrypted" flag of secret.json in its local header and in the central directory.
  const central = Buffer.from(locked).indexOf(Buffer.from([0x50, 0x4b, 1, 2]));
  locked[6] |= 1;
  locked[central + 8] |= 1;
  const lockedRead = read(locked, 'locked.zip');
  assert.equal(rowsOf(lockedRead).map((r) => r[3]), ['b']);
  assert.equal(rejectsOf(lockedRead), [['secret.json', 'encrypted entry (password-protected zip); not read']]);
  const whole = zipSync({ 'x.json': strToU8(trailFile([a])), 'y.json': strToU8(trailFile([b, c])) }, { level: 0 });
  const secondHeader = Buffer.from(whole).indexOf(Buffer.from([0x50, 0x4b, 3, 4]), 4);
  assert.equal(rejectsOf(read(whole.subarray(0, 20), 'cut.zip')), [[null, 'corrupt zip: truncated (no end-of-central-directory record)']]);
  assert.equal(rejectsOf(read(whole.subarray(0, 200), 'cut.zip')), [[null, "corrupt zip: truncated (an entry's data runs past the end)"]]);
  const cutInSecond = read(whole.subarray(0, secondHeader + 100), 'cut.zip');
  assert.equal(rowsOf(cutInSecond).map((r) => r[3]), ['a']);
  assert.equal(rejectsOf(cutInSecond), [[null, "corrupt zip: truncated (an entry's data runs past the end) (the entries before it were read)"]]);
  const cutInDirectory = read(whole.subarray(0, whole.length - 30), 'cut.zip');
  assert.equal(rowsOf(cutInDirectory).map((r) => r[3]), ['a', 'b', 'c']);
  assert.equal(rejectsOf(cutInDirectory), [[null, 'corrupt zip: truncated (no end-of-central-directory record) (the entries before it were read)']]);
});

test('a tar and a tar.gz are read entry by entry: directories passed over, GNU and pax long names used', () => {
  const long = `AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/${'x'.repeat(120)}.json`;
  const tar = tarOf([
    { name: 'AWSLogs/', type: '5' },
    { name: 'AWSLogs/a.json', data: trailFile([a]) },
    { name: '././@LongLink', type: 'L', data: long + '\0' },
    { name: 'truncated-name.json', data: trailFile([b]) },
    { name: 'PaxHeader/c', type: 'x', data: `${('path=pax/' + 'c'.repeat(110) + '.json').length + 4} path=pax/${'c'.repeat(110)}.json\n` },
    { name: 'ignored.json', data: JSON.stringify(c, null, 2) },
  ]);
  const expected = [['AWSLogs/a.json', 0, 'trail-file', 'a'], [long, 0, 'trail-file', 'b'], [`pax/${'c'.repeat(110)}.json`, 0, 'bare-record', 'c']];
  assert.equal(rowsOf(read(tar, 'evidence.tar')), expected);
  assert.equal(rowsOf(read(gzipSync(tar), 'evidence.tar.gz')), expected);
});

test('tar: zip-slip names and oversized entries are rejected; a bad checksum stops the reader', () => {
  const tar = tarOf([{ name: '../escape.json', data: trailFile([a]) }, { name: 'big.json', data: ' '.repeat(3000) }, {
    name: 'ok.json',
    data: trailFile([b]),
  }]);
  const result = read(tar, 't.tar', 2048);
  assert.equal(rowsOf(result).map((r) => r[3]), ['b']);
  assert.equal(rejectsOf(result), [
    ['../escape.json', 'unsafe entry name (zip-slip): it has a ".." segment; not read'],
    ['big.json', 'entry size 3000 exceeds the cap of 2048 bytes (--max-file-bytes); oversized entry or zip bomb'],
  ]);
  const broken = tarOf([{ name: 'a.json', data: trailFile([a]) }]);
  broken[0] ^= 1;
  assert.equal([...tarEntries(broken, { maxEntryBytes: 1 << 20 })], [{ name: null, reject: 'corrupt tar: bad header checksum at offset 0' }]);
});

test('a tar cut short: the complete entries before the cut are read, the rest is one failed entry with no name', () => {
  const before = ' (the entries before it were read)';
  const whole = tarOf([{ name: 'one.json', data: trailFile([a]) }, { name: 'two.json', data: trailFile([b, c]) }]);
  const second = 512 + Math.ceil(trailFile([a]).length / 512) * 512; // the second header
  const end = whole.length - 1024; // the end-of-archive blocks
  const well = read(whole, 'well.tar');
  assert.equal(rowsOf(well).map((r) => r[3]), ['a', 'b', 'c']);
  assert.equal(rejectsOf(well), [], 'a well-formed tar gives no ledger line');
  assert.equal(rejectsOf(read(whole.subarray(0, end + 512), 'lone.tar')), [], 'one zero block ends the archive too (nothing can follow it)');
  const noEnd = (
    at: number,
  ) => [[null, `truncated tar: no end-of-archive blocks at offset ${at}, so the archive was probably cut there and entries after it may be missing${before}`]];
  const cases: [string, Uint8Array, string[], (string | null)[][]][] = [
    ['cut 1 byte into the second header', whole.subarray(0, second + 1), ['a'], [[
      null,
      `truncated tar: cut short inside a header at offset ${second} (1 of its 512 bytes)${before}`,
    ]]],
    ['cut 100 bytes into the second header', whole.subarray(0, second + 100), ['a'], [[
      null,
      `truncated tar: cut short inside a header at offset ${second} (100 of its 512 bytes)${before}`,
    ]]],
    ['cut 511 bytes into the second header', whole.subarray(0, second + 511), ['a'], [[
      null,
      `truncated tar: cut short inside a header at offset ${second} (511 of its 512 bytes)${before}`,
    ]]],
    ['cut right after the first entry', whole.subarray(0, second), ['a'], noEnd(second)],
    ['cut inside the padding after the first entry', whole.subarray(0, second - 10), ['a'], [[
      null,
      `truncated tar: cut short at offset ${second - 10}, inside the padding after the last entry${before}`,
    ]]],
    ['no end-of-archive blocks', whole.subarray(0, end), ['a', 'b', 'c'], noEnd(end)],
    ['cut inside the first end-of-archive block', whole.subarray(0, end + 100), ['a', 'b', 'c'], noEnd(end)],
  ];
  for (const [what, bytes, ids, rejects] of cases) {
    for (const [name, input] of [['cut.tar', bytes], ['cut.tar.gz', gzipSync(bytes)]] as const) {
      const result = read(input, name);
      assert.equal(rowsOf(result).map((r) => r[3]), ids, `${what} (${name}): records`);
      assert.equal(rejectsOf(result), rejects, `${what} (${name}): ledger`);
      assert.ok(result.ok && result.entries?.read === 1 + Number(ids.length > 1) && result.entries.failed === 1, `${what} (${name}): entry counts`);
    }
  }
  // Cut before any file entry was read: the archive itself fails, as a tar with a bad first header does.
  const dirThenCut = tarOf([{ name: 'AWSLogs/', type: '5' }, { name: 'x.json', data: trailFile([a]) }]).subarray(0, 700);
  assert.equal([...tarEntries(dirThenCut, { maxEntryBytes: 1 << 20 })], [{
    name: null,
    reject: 'truncated tar: cut short inside a header at offset 512 (188 of its 512 bytes)',
  }]);
  const failed = read(dirThenCut, 'dircut.tar');
  assert.is(failed.ok, false);
  assert.equal(rejectsOf(failed), [[null, 'truncated tar: cut short inside a header at offset 512 (188 of its 512 bytes)']]);
});

test('a cut tar is in the report and validate ledgers, counted as a failed entry, so --strict fails', async () => {
  const root = tempDir();
  const whole = tarOf([{ name: 'one.json', data: trailFile([a]) }, { name: 'two.json', data: trailFile([b]) }]);
  const second = 512 + Math.ceil(trailFile([a]).length / 512) * 512;
  const path = put(root, 'cut.tar', whole.subarray(0, second + 100));
  const reason = `truncated tar: cut short inside a header at offset ${second} (100 of its 512 bytes) (the entries before it were read)`;
  const scanned = await scan([root], { sources: 'all', workers: 1 });
  assert.equal(scanned.rejects, [{ path, index: null, stage: 'decode', reason }]);
  assert.equal([scanned.files.seen, scanned.files.read, scanned.files.failed, scanned.records.seen], [2, 1, 1, 1]);
  assert.ok(hasProblems(scanned.rejects));
  const checked = await validateArchive([root], { workers: 1 });
  assert.equal(checked.ledger, [{ path, index: null, stage: 'decode', reason }]);
  assert.equal([checked.files.seen, checked.files.read, checked.files.failed, checked.records.seen], [2, 1, 1, 1]);
});

test('tar files written by the system tar (GNU and pax formats) read the same', () => {
  const probe = spawnSync('tar', ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0 || !/GNU tar/.test(probe.stdout)) {
    console.log('  skipped: GNU tar is not installed');
    return;
  }
  const root = tempDir();
  const long = `AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/111122223333_CloudTrail_us-east-1_20260105T1020Z_${'u'.repeat(80)}.json.gz`;
  put(root, join('in', long), gzipSync(trailFile([a, b])));
  for (const format of ['gnu', 'pax']) {
    const out = join(root, `${format}.tgz`);
    assert.is(spawnSync('tar', [`--format=${format}`, '-czf', out, '-C', join(root, 'in'), 'AWSLogs']).status, 0);
    assert.equal(rowsOf(read(readFileSync(out), out)), [[long, 0, 'trail-file', 'a'], [long, 1, 'trail-file', 'b']], format);
  }
});

/** Little-endian fields, for zips written by hand. */
function le(...fields: [number, 2 | 4 | 8][]): Uint8Array {
  const out = new Uint8Array(fields.reduce((n, [, size]) => n + size, 0));
  const view = new DataView(out.buffer);
  let at = 0;
  for (const [value, size] of fields) {
    if (size === 2) view.setUint16(at, value, true);
    else if (size === 4) view.setUint32(at, value, true);
    else view.setBigUint64(at, BigInt(value), true);
    at += size;
  }
  return out;
}

interface HandEntry {
  readonly name: string;
  readonly data: Uint8Array;
  /** What the central directory says, when it lies. */
  readonly crc?: number;
  readonly size?: number;
}

const localHeader = (e: HandEntry) =>
  Buffer.concat([
    le([0x04034b50, 4], [20, 2], [0, 2], [0, 2], [0, 2], [0, 2], [crc32(e.data), 4], [e.data.length, 4], [e.data.length, 4], [Buffer.byteLength(e.name), 2], [
      0,
      2,
    ]),
    Buffer.from(e.name),
  ]);

/** A central directory entry of a stored entry at `offset`; zip64 moves sizes and offset into the Zip64 extra field. */
function centralHeader(e: HandEntry, offset: number, zip64 = false): Uint8Array {
  const [size, stored] = [e.size ?? e.data.length, e.data.length];
  const extra = zip64 ? le([1, 2], [24, 2], [size, 8], [stored, 8], [offset, 8]) : new Uint8Array(0);
  const small = (n: number) => (zip64 ? 0xffffffff : n);
  return Buffer.concat([
    le([0x02014b50, 4], [45, 2], [20, 2], [0, 2], [0, 2], [0, 2], [0, 2], [e.crc ?? crc32(e.data), 4], [small(stored), 4], [small(size), 4]),
    le([Buffer.byteLength(e.name), 2], [extra.length, 2], [0, 2], [0, 2], [0, 2], [0, 4], [small(offset), 4]),
    Buffer.from(e.name),
    extra,
  ]);
}

/** A zip of stored entries: `locals` are the bytes before the directory, `listed` the entries it lists at their offsets. */
function handZip(locals: Uint8Array, listed: [HandEntry, number][], zip64 = false): Uint8Array {
  const directory = Buffer.concat(listed.map(([e, offset]) => centralHeader(e, offset, zip64)));
  const at = locals.length;
  const end = le([0x06054b50, 4], [0, 2], [0, 2], [zip64 ? 0xffff : listed.length, 2], [zip64 ? 0xffff : listed.length, 2], [directory.length, 4], [
    zip64 ? 0xffffffff : at,
    4,
  ], [0, 2]);
  if (!zip64) return Buffer.concat([locals, directory, end]);
  const end64 = le([0x06064b50, 4], [44, 8], [45, 2], [45, 2], [0, 4], [0, 4], [listed.length, 8], [listed.length, 8], [directory.length, 8], [at, 8]);
  const locator = le([0x07064b50, 4], [0, 4], [at + directory.length, 8], [1, 4]);
  return Buffer.concat([locals, directory, end64, locator, end]);
}

/** A zip of stored entries one after another. */
function storedZip(entries: HandEntry[], zip64 = false): Uint8Array {
  const locals = entries.map((e) => Buffer.concat([localHeader(e), e.data]));
  let offset = 0;
  const listed = entries.map((e, i): [HandEntry, number] => [e, offset += i === 0 ? 0 : locals[i - 1].length]);
  return handZip(Buffer.concat(locals), listed, zip64);
}

const entryOf = (name: string, ...records: Record<string, unknown>[]): HandEntry => ({ name, data: strToU8(trailFile(records)) });

test('zip: every entry the central directory lists is accounted for, also one whose local header sits inside another entry', () => {
  const hidden = entryOf('hidden.json', a);
  const inner = Buffer.concat([localHeader(hidden), hidden.data]);
  const outer: HandEntry = { name: 'notes.txt', data: inner };
  const zip = handZip(Buffer.concat([localHeader(outer), inner]), [[outer, 0], [hidden, localHeader(outer).length]]);
  const result = read(zip, 'overlap.zip');
  assert.equal(rowsOf(result), [['hidden.json', 0, 'trail-file', 'a']]);
  if (result.ok) assert.equal(result.entries, { read: 1, failed: 0, skipped: { digest: 0, insight: 0, other: 1 } });
});

test('zip: a damaged entry is failed by name and the entries after it are read', () => {
  const zip = storedZip([entryOf('x.json', a), entryOf('y.json', b), entryOf('z.json', c)]);
  const second = Buffer.from(zip).indexOf(Buffer.from([0x50, 0x4b, 3, 4]), 4);
  zip[second + 2] = 0x7f; // the local header's signature
  const result = read(zip, 'damaged.zip');
  assert.equal(rowsOf(result).map((r) => r[3]), ['a', 'c']);
  assert.equal(rejectsOf(result), [['y.json', `corrupt zip: no local header at offset ${second}, where the central directory puts the entry; not read`]]);
  if (result.ok) assert.equal(result.entries, { read: 2, failed: 1, skipped: { digest: 0, insight: 0, other: 0 } });
});

test('zip: CRC-32, size and name are checked against the central directory, for stored and deflated entries', () => {
  const flipped = storedZip([entryOf('x.json', a), entryOf('y.json', b)]);
  flipped[localHeader(entryOf('x.json', a)).length + 5] ^= 1; // one bit of x.json's stored data
  const crcReason = 'corrupt zip entry: CRC-32 mismatch, its data is damaged; not read';
  assert.equal(rejectsOf(read(flipped, 'bitrot.zip')), [['x.json', crcReason]]);
  assert.equal(rowsOf(read(flipped, 'bitrot.zip')).map((r) => r[3]), ['b']);
  const deflated = zipSync({ 'x.json': strToU8(trailFile([a])) }, { level: 6 });
  const central = Buffer.from(deflated).indexOf(Buffer.from([0x50, 0x4b, 1, 2]));
  const crcLie = new Uint8Array(deflated);
  crcLie[central + 16] ^= 1;
  assert.equal(rejectsOf(read(crcLie, 'crc.zip')), [['x.json', crcReason]]);
  const sizeLie = new Uint8Array(deflated);
  const size = new DataView(sizeLie.buffer).getUint32(central + 24, true);
  new DataView(sizeLie.buffer).setUint32(central + 24, size - 1, true);
  assert.equal(rejectsOf(read(sizeLie, 'size.zip')), [[
    'x.json',
    `corrupt zip entry: ${size} bytes where the central directory says ${size - 1}; damaged, not read`,
  ]]);
  const renamed = new Uint8Array(deflated);
  renamed[30] = 'q'.charCodeAt(0); // the local header's name: q.json
  assert.equal(rejectsOf(read(renamed, 'renamed.zip')), [[
    'x.json',
    'corrupt zip: the local header names the entry "q.json", the central directory does not; not read',
  ]]);
  const local = new Uint8Array(deflated);
  local[8] = 0; // the local header says stored, the directory deflate
  assert.equal(rejectsOf(read(local, 'method.zip')), [[
    'x.json',
    'corrupt zip: the local header and the central directory give different compression methods; not read',
  ]]);
});

test('zip: a Zip64 central directory (sizes and offsets in the extra field) is read', () => {
  const zip = storedZip([entryOf('x.json', a), entryOf('y.json', b, c)], true);
  assert.equal(rowsOf(read(zip, 'zip64.zip')).map((r) => r[3]), ['a', 'b', 'c']);
});

test('zip: entries the system unzip lists are the entries read', () => {
  const probe = spawnSync('unzip', ['-v'], { encoding: 'utf8' });
  if (probe.status !== 0) return void console.log('  unzip not installed: skipped');
  const dir = tempDir();
  const hidden = entryOf('hidden.json', a);
  const inner = Buffer.concat([localHeader(hidden), hidden.data]);
  const outer: HandEntry = { name: 'outer.json', data: inner };
  const path = put(dir, 'overlap.zip', handZip(Buffer.concat([localHeader(outer), inner]), [[outer, 0], [hidden, localHeader(outer).length]]));
  const listed = spawnSync('unzip', ['-Z1', path], { encoding: 'utf8' }).stdout.trim().split('\n');
  const result = read(readFileSync(path), 'overlap.zip');
  const seen = [...new Set([...rowsOf(result).map((r) => r[0]), ...rejectsOf(result).map((r) => r[0])])];
  assert.equal(seen.sort(), listed.sort());
});

test('zip: a streamed zip (sizes in data descriptors) cut inside its directory is read local header by local header', () => {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((_err, chunk) => void chunks.push(chunk));
  for (const [name, text] of [['one.json', trailFile([a])], ['two.json', trailFile([b, c])]]) {
    const entry = new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    entry.push(strToU8(text), true);
  }
  zip.end();
  const whole = Buffer.concat(chunks);
  const cut = read(whole.subarray(0, whole.length - 30), 'cut.zip');
  assert.equal(rowsOf(cut).map((r) => r[3]), ['a', 'b', 'c']);
  assert.equal(rejectsOf(cut), [[null, 'corrupt zip: truncated (no end-of-central-directory record) (the entries before it were read)']]);
  const damaged = new Uint8Array(whole.subarray(0, whole.length - 30));
  // fflate writes descriptors as PK\7\8, CRC-32, compressed size, size: flip a bit of one.json's CRC.
  damaged[Buffer.from(damaged).indexOf(Buffer.from([0x50, 0x4b, 7, 8])) + 4] ^= 1;
  assert.equal(rejectsOf(read(damaged, 'cut.zip'))[0], ['one.json', 'corrupt zip entry: CRC-32 mismatch, its data is damaged; not read']);
});

test.run();
