/**
 * The hostile inputs of bench/hostile-memory.ts (issue 19 item 10), built in a folder: bombs
 * (gzip, zip with honest and with lying sizes, tar.gz), files over the cap, a sparse 1.5 GB file,
 * and the heaviest valid inputs the default cap lets through (31 MiB of Support records, as one
 * gzip file and as six zip entries).
 */
import { closeSync, ftruncateSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, crc32, createDeflateRaw, createGzip, deflateRawSync, gzipSync } from 'node:zlib';
import type { Transform } from 'node:stream';
import { zipSync } from 'fflate';

const MiB = 2 ** 20;
const BOMB_BYTES = 2 * 1024 * MiB;
const ENTRY_BYTES = 31 * MiB;
/** Entries of the largest zips: 48 x ~0.5 MiB deflated stays under the 32 MiB cap on the zip. */
const MANY_ENTRIES = 48;
const KEY = 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/111122223333_CloudTrail_us-east-1_20260105T1000Z_';

/** One AWS Support record (DescribeCases, ~680 bytes), distinct by `n`. */
function supportRecord(n: number): string {
  const id = String(n).padStart(12, '0');
  const minute = String(n % 60).padStart(2, '0');
  return `{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDACKCEVSQ6C2EXAMPLE",` +
    `"arn":"arn:aws:iam::111122223333:user/janedoe","accountId":"111122223333","userName":"janedoe"},` +
    `"eventTime":"2026-01-05T10:${minute}:00Z","eventSource":"support.amazonaws.com","eventName":"DescribeCases",` +
    `"awsRegion":"us-east-1","sourceIPAddress":"198.51.100.15","userAgent":"aws-cli/2.15.0",` +
    `"requestParameters":{"includeResolvedCases":false,"language":"en"},"responseElements":null,` +
    `"requestID":"req-${id}","eventID":"00000000-0000-4000-8000-${id}","readOnly":true,"eventType":"AwsApiCall",` +
    `"managementEvent":true,"recipientAccountId":"111122223333","eventCategory":"Management"}`;
}

/** The smallest Support record the schemas accept (~210 bytes): the most rows per byte. */
function minimalRecord(n: number): string {
  return `{"eventVersion":"1.08","userIdentity":{"type":"Root"},"eventTime":"2026-01-05T10:00:00Z",` +
    `"eventSource":"support.amazonaws.com","eventName":"DescribeCases","awsRegion":"us-east-1",` +
    `"eventID":"00000000-0000-4000-8000-${String(n).padStart(12, '0')}"}`;
}

/** A delivery document of Support records just under `bytes`, numbered from `first`; and the number after its last. */
function supportDocument(bytes: number, first: number, recordOf = supportRecord): { text: Uint8Array; next: number } {
  const parts: string[] = [];
  let size = '{"Records":[]}'.length;
  let n = first;
  for (;;) {
    const record = recordOf(n);
    if (size + record.length + 1 > bytes) break;
    parts.push(record);
    size += record.length + 1;
    n++;
  }
  return { text: Buffer.from(`{"Records":[${parts.join(',')}]}`), next: n };
}

/** Pushes `total` bytes (a JSON start, then spaces) through a zlib stream; its whole output. */
async function squeeze(stream: Transform, total: number, head: Uint8Array): Promise<Buffer> {
  const out: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = new Promise((resolve) => stream.on('end', resolve));
  const spaces = Buffer.alloc(MiB, 0x20);
  stream.write(head);
  for (let left = total - head.length; left > 0; left -= MiB) {
    if (!stream.write(left >= MiB ? spaces : spaces.subarray(0, left))) await new Promise((resolve) => stream.once('drain', resolve));
  }
  stream.end();
  await ended;
  return Buffer.concat(out);
}

// Run-length deflate of spaces reaches deflate's ~1030:1 at ~2 GB/s: each bomb builds in about a second.
const RLE = { level: 9, strategy: constants.Z_RLE };
const JSON_START = Buffer.from('{"Records":[');

/** The CRC-32 of `head` then spaces up to `total` bytes (what an honest zip header says). */
function crcOfSpaces(total: number, head: Uint8Array): number {
  const spaces = Buffer.alloc(MiB, 0x20);
  let crc = crc32(head);
  for (let left = total - head.length; left > 0; left -= MiB) crc = crc32(left >= MiB ? spaces : spaces.subarray(0, left), crc);
  return crc;
}

interface ZipEntry {
  readonly name: string;
  readonly data: Uint8Array;
  readonly crc: number;
  /** What the headers claim the entry inflates to (a bomb may lie). */
  readonly size: number;
}

/** A zip of deflated entries, headers written as told (fflate would write the true sizes). */
function zipOf(entries: readonly ZipEntry[]): Buffer {
  const locals: Uint8Array[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const fields = (header: Buffer, at: number) => {
      header.writeUInt16LE(20, at); // version needed
      header.writeUInt16LE(0, at + 2); // flags
      header.writeUInt16LE(8, at + 4); // deflate
      header.writeUInt32LE(0, at + 6); // time, date
      header.writeUInt32LE(entry.crc >>> 0, at + 10);
      header.writeUInt32LE(entry.data.length, at + 14);
      header.writeUInt32LE(entry.size, at + 18);
      header.writeUInt16LE(name.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    fields(local, 4);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    fields(central, 6);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.data);
    centrals.push(central, name);
    offset += 30 + name.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A ustar header for one regular file of `size` bytes. */
function tarHeader(name: string, size: number): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0);
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148); // the checksum counts its own field as spaces
  header.write('0', 156);
  header.write('ustar\x0000', 257);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return header;
}

/** One hostile input: its file name in the folder and what it is. */
export interface HostileInput {
  readonly name: string;
  readonly what: string;
}

/** Builds every hostile input in `dir` (about 50 MB on disk, 1.5 GB more apparent for the sparse file). */
export async function buildHostileInputs(dir: string, log: (line: string) => void): Promise<HostileInput[]> {
  mkdirSync(dir, { recursive: true });
  const inputs: HostileInput[] = [];
  const put = (name: string, what: string, bytes: Uint8Array) => {
    writeFileSync(join(dir, name), bytes);
    inputs.push({ name, what: `${what}, ${(bytes.length / MiB).toFixed(1)} MiB` });
    log(`built ${name}: ${inputs.at(-1)!.what}`);
  };
  put('gzip-bomb.json.gz', '2 GiB of JSON start and spaces, one gzip member', await squeeze(createGzip(RLE), BOMB_BYTES, JSON_START));
  const bombDeflate = await squeeze(createDeflateRaw(RLE), BOMB_BYTES, JSON_START);
  const bombEntry = { name: `${KEY}bomb.json`, data: bombDeflate, crc: crcOfSpaces(BOMB_BYTES, JSON_START) };
  put('zip-bomb.zip', 'one entry inflating to 2 GiB, sizes declared', zipOf([{ ...bombEntry, size: BOMB_BYTES }]));
  put('zip-bomb-lying.zip', 'one entry inflating to 2 GiB, declared as 1 KiB', zipOf([{ ...bombEntry, size: 1024 }]));
  const big = await squeeze(createDeflateRaw(RLE), 300 * MiB, JSON_START);
  const six = (size: number) => Array.from({ length: 6 }, (_, i) => ({ name: `${KEY}big${i}.json`, data: big, crc: 0, size }));
  put('zip-six-300mib-lying.zip', 'six entries inflating to 300 MiB each, declared as 1 KiB', zipOf(six(1024)));
  const tarHead = Buffer.concat([tarHeader(`${KEY}bomb.json`, BOMB_BYTES), JSON_START]);
  put('tar-gz-bomb.tar.gz', 'a tar entry of 2 GiB, gzipped', await squeeze(createGzip(RLE), BOMB_BYTES + 512, tarHead));
  const over = supportDocument(40 * MiB, 0);
  put('over-cap.json', 'a 40 MiB document of Support records', over.text);
  put('over-cap.json.gz', 'the same, gzipped', gzipSync(over.text, { level: 1 }));
  const sparse = join(dir, 'sparse.json');
  const fd = openSync(sparse, 'w');
  ftruncateSync(fd, 1536 * MiB);
  closeSync(fd);
  inputs.push({ name: 'sparse.json', what: 'a 1.5 GiB sparse file (zeros)' });
  const one = supportDocument(ENTRY_BYTES, 0);
  put('support-31mib.json.gz', `${one.next} Support records in a 31 MiB document, gzipped`, gzipSync(one.text, { level: 1 }));
  const entries: Record<string, Uint8Array> = {};
  let next = 0;
  for (let i = 0; i < 6; i++) {
    const doc = supportDocument(ENTRY_BYTES, next);
    entries[`${KEY}support${i}.json`] = doc.text;
    next = doc.next;
  }
  put('support-six-31mib.zip', `${next} Support records in six 31 MiB entries`, zipSync(entries));
  const minimal = supportDocument(ENTRY_BYTES, 0, minimalRecord);
  put('support-minimal-31mib.json.gz', `${minimal.next} minimal Support records in a 31 MiB document, gzipped`, gzipSync(minimal.text, { level: 1 }));
  const dense: Record<string, Uint8Array> = {};
  next = 0;
  for (let i = 0; i < 6; i++) {
    const doc = supportDocument(ENTRY_BYTES, next, minimalRecord);
    dense[`${KEY}minimal${i}.json`] = doc.text;
    next = doc.next;
  }
  put('support-six-minimal-31mib.zip', `${next} minimal Support records in six 31 MiB entries`, zipSync(dense));
  // Under the 32 MiB cap on the zip itself, 31 MiB entries of Support records compress ~60:1.
  const many: ZipEntry[] = [];
  next = 0;
  for (let i = 0; i < MANY_ENTRIES; i++) {
    const doc = supportDocument(ENTRY_BYTES, next);
    many.push({ name: `${KEY}many${i}.json`, data: deflateRawSync(doc.text), crc: crc32(doc.text), size: doc.text.length });
    next = doc.next;
  }
  put('support-many-31mib.zip', `${next} Support records in ${MANY_ENTRIES} entries of 31 MiB`, zipOf(many));
  const same = { data: deflateRawSync(one.text), crc: crc32(one.text), size: one.text.length };
  const copies = Array.from({ length: MANY_ENTRIES }, (_, i) => ({ ...same, name: `${KEY}copy${i}.json` }));
  put('support-repeated-31mib.zip', `one 31 MiB entry of ${one.next} Support records under ${MANY_ENTRIES} names`, zipOf(copies));
  return inputs;
}
