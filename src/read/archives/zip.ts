/**
 * `.zip` archives, read from bytes in memory by their central directory, as unzip reads them:
 * every entry the directory lists is yielded (read, skipped or rejected), one entry's bytes at a
 * time, nothing written to disk. Reading local headers one after another instead (as a stream
 * reader does) misses an entry whose local header sits inside another entry's data, and loses
 * every entry after a damaged one. Each entry's CRC-32 and size are checked against the
 * directory, so a damaged stored entry is not read as intact. Deflate entries are inflated under
 * the cap (a zip bomb stops there), and an entry whose declared size is over the cap is not
 * inflated at all. Only a zip without its end record (cut short) is read local header by local
 * header, as far as it goes. https://pkwaredownloads.blob.core.windows.net/pem/APPNOTE.txt
 */
import { crc32 } from '../crc32.ts';
import { rawInflater } from '../decode.ts';
import { inflateRawReused } from '../thread-buffers.ts';
import { type ArchiveEntry, type ArchiveOptions, checkEntryName, overEntryCap } from './entry.ts';

/** True for a zip's first local file header (PK\3\4) or the end record of an empty zip (PK\5\6). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const END64 = 0x06064b50;
const END64_LOCATOR = 0x07064b50;
const DESCRIPTOR = 0x08074b50;
const [ENCRYPTED, HAS_DESCRIPTOR, UTF8_NAME] = [1, 8, 0x800];
const [STORED, DEFLATED] = [0, 8];

/** What the central directory (or, in a cut zip, a local header) says of one entry. */
interface EntryInfo {
  readonly name: string;
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
const u64 = (b: Uint8Array, at: number) => u32(b, at) + u32(b, at + 4) * 2 ** 32;
const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');
/** Names are UTF-8 when flag bit 11 says so, else (as fflate read them) Latin-1. */
const nameOf = (b: Uint8Array, flags: number) => (flags & UTF8_NAME ? utf8 : latin1).decode(b);

/** Whether an entry is read rather than skipped by name (an unsafe name is never skipped: it is rejected). */
const wanted = (name: string, options: ArchiveOptions) => checkEntryName(name) !== undefined || !options.wants || options.wants(name);

/** Yields the entries of a zip in central-directory order. Directories are not yielded. */
export function* zipEntries(zip: Uint8Array, options: ArchiveOptions): Generator<ArchiveEntry> {
  const end = endRecordAt(zip);
  if (end < 0) return yield* localEntries(zip, options);
  const directory = centralDirectory(zip, end);
  if ('reject' in directory) return void (yield { name: null, reject: directory.reject });
  for (const info of directory.entries) {
    if (info.name.endsWith('/')) continue;
    yield entryOf(zip, info, options);
  }
  if (directory.damaged) yield { name: null, reject: directory.damaged };
}

/** The end-of-central-directory record (PK\5\6): the last one in the last 22 + 65535 (comment) bytes, or -1. */
function endRecordAt(zip: Uint8Array): number {
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (u32(zip, at) === END) return at;
  }
  return -1;
}

type Directory = { readonly entries: EntryInfo[]; readonly damaged?: string } | { readonly reject: string };

/** The entries the central directory lists; `damaged` when it breaks off before its stated count. */
function centralDirectory(zip: Uint8Array, end: number): Directory {
  let count = u16(zip, end + 10);
  let at = u32(zip, end + 16);
  const locator = end - 20;
  if ((count === 0xffff || at === 0xffffffff) && locator >= 0 && u32(zip, locator) === END64_LOCATOR) {
    const end64 = u64(zip, locator + 8);
    if (end64 + 56 > zip.length || u32(zip, end64) !== END64) return { reject: 'corrupt zip: the Zip64 end record is missing or damaged' };
    count = u64(zip, end64 + 32);
    at = u64(zip, end64 + 48);
  }
  const entries: EntryInfo[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || u32(zip, at) !== CENTRAL) {
      const reason = `corrupt zip: the central directory breaks off at offset ${at}, after ${n} of the ${count} entries it announces`;
      return n === 0 ? { reject: reason } : { entries, damaged: `${reason} (the entries before it were read)` };
    }
    const flags = u16(zip, at + 8);
    const nameLength = u16(zip, at + 28);
    const extraLength = u16(zip, at + 30);
    const extra = zip.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    const sizes = zip64Sizes(extra, u32(zip, at + 24), u32(zip, at + 20), u32(zip, at + 42));
    entries.push({
      name: nameOf(zip.subarray(at + 46, at + 46 + nameLength), flags),
      flags,
      method: u16(zip, at + 10),
      crc: u32(zip, at + 16),
      ...sizes,
    });
    at += 46 + nameLength + extraLength + u16(zip, at + 32);
  }
  return { entries };
}

/** Sizes and offset, from the Zip64 extra field (id 1) for each 32-bit field that is 0xffffffff. */
function zip64Sizes(extra: Uint8Array, size: number, compressedSize: number, localOffset: number) {
  const out = { size, compressedSize, localOffset };
  for (let at = 0; at + 4 <= extra.length; at += 4 + u16(extra, at + 2)) {
    if (u16(extra, at) !== 1) continue;
    let field = at + 4;
    for (const key of ['size', 'compressedSize', 'localOffset'] as const) {
      if (out[key] !== 0xffffffff || field + 8 > at + 4 + u16(extra, at + 2)) continue;
      out[key] = u64(extra, field);
      field += 8;
    }
  }
  return out;
}

/** One entry, checked against its local header and read: its bytes, skipped, or why not. */
function entryOf(zip: Uint8Array, info: EntryInfo, options: ArchiveOptions): ArchiveEntry {
  const { name } = info;
  if (!wanted(name, options)) return skippedWith(entryOf(zip, info, { ...options, wants: undefined }));
  const refused = refusal(info, options);
  if (refused) return refused;
  const at = info.localOffset;
  if (at + 30 > zip.length || u32(zip, at) !== LOCAL) {
    return { name, reject: `corrupt zip: no local header at offset ${at}, where the central directory puts the entry; not read` };
  }
  const localName = nameOf(zip.subarray(at + 30, at + 30 + u16(zip, at + 26)), u16(zip, at + 6));
  // Two tools that trust different headers would see different files: trust neither.
  if (localName !== name) {
    return { name, reject: `corrupt zip: the local header names the entry ${JSON.stringify(localName)}, the central directory does not; not read` };
  }
  if (u16(zip, at + 8) !== info.method) {
    return { name, reject: 'corrupt zip: the local header and the central directory give different compression methods; not read' };
  }
  const start = at + 30 + u16(zip, at + 26) + u16(zip, at + 28);
  if (start + info.compressedSize > zip.length) return { name, reject: "corrupt zip: the entry's data runs past the end of the archive; not read" };
  return checked(info, inflated(zip.subarray(start, start + info.compressedSize), info, options));
}

/** An entry skipped by name, with its bytes when they could be read (a digest inside a zip is small; the manifest hashes it). */
function skippedWith(read: ArchiveEntry): ArchiveEntry {
  return 'bytes' in read && read.name !== null ? { name: read.name, skipped: true, bytes: read.bytes } : { name: read.name ?? '', skipped: true };
}

/** The entries refused before any byte of theirs is read: unsafe names, encrypted, unknown method, declared over the cap. */
function refusal(info: EntryInfo, options: ArchiveOptions): ArchiveEntry | undefined {
  const { name } = info;
  const unsafe = checkEntryName(name);
  if (unsafe) return unsafe;
  if (info.flags & ENCRYPTED) return { name, reject: 'encrypted entry (password-protected zip); not read' };
  if (info.method !== STORED && info.method !== DEFLATED) {
    return { name, reject: `unsupported compression method ${info.method} (only stored and deflate are read); not read` };
  }
  if (info.size > options.maxEntryBytes) return overEntryCap(name, info.size, options.maxEntryBytes);
  return undefined;
}

type Inflated = { readonly bytes: Uint8Array; readonly consumed: number } | ArchiveEntry;

/** An entry's data, stored or inflated under the cap (its declared size may lie). */
function inflated(data: Uint8Array, info: EntryInfo, options: ArchiveOptions): Inflated {
  const cap = options.maxEntryBytes;
  if (info.method === STORED) {
    const size = info.flags & HAS_DESCRIPTOR && info.size === 0 ? data.length : info.size;
    return size > cap ? overEntryCap(info.name, size, cap) : { bytes: data.subarray(0, size), consumed: size };
  }
  const reused = options.reuse && options.inflate !== 'fflate' ? inflateRawReused(data, info.size, cap) : undefined;
  if (reused) return { bytes: reused, consumed: data.length };
  const out = rawInflater(options.inflate, info.size)(data, cap);
  if (!('error' in out)) return out;
  if (out.error === 'over-cap') return overEntryCap(info.name, 'more', cap);
  return {
    name: info.name,
    reject: `cannot decompress entry: ${out.error === 'truncated' ? 'its deflate data ends early' : 'invalid deflate data'}; not read`,
  };
}

/** The entry when its bytes have the size and CRC-32 the directory gives, else why not. */
function checked(info: EntryInfo, out: Inflated): ArchiveEntry {
  if (!('bytes' in out) || !('consumed' in out)) return out as ArchiveEntry;
  const { name } = info;
  if (out.bytes.length !== info.size) {
    return { name, reject: `corrupt zip entry: ${out.bytes.length} bytes where the central directory says ${info.size}; damaged, not read` };
  }
  if (crc32(out.bytes) !== info.crc) return { name, reject: 'corrupt zip entry: CRC-32 mismatch, its data is damaged; not read' };
  return { name, bytes: out.bytes };
}

/**
 * A zip without its end record (cut short, or the directory lost): the local headers are read
 * one after another from the start, as far as they go, and the last yield says the zip is cut.
 */
function* localEntries(zip: Uint8Array, options: ArchiveOptions): Generator<ArchiveEntry> {
  const cut = 'corrupt zip: truncated (no end-of-central-directory record)';
  const runsPast = "corrupt zip: truncated (an entry's data runs past the end)";
  for (let at = 0;;) {
    if (at + 30 > zip.length || u32(zip, at) !== LOCAL) return void (yield { name: null, reject: cut });
    const flags = u16(zip, at + 6);
    const nameLength = u16(zip, at + 26);
    const start = at + 30 + nameLength + u16(zip, at + 28);
    if (start > zip.length) return void (yield { name: null, reject: cut });
    const extra = zip.subarray(at + 30 + nameLength, start);
    const info: EntryInfo = {
      name: nameOf(zip.subarray(at + 30, at + 30 + nameLength), flags),
      flags,
      method: u16(zip, at + 8),
      crc: u32(zip, at + 14),
      ...zip64Sizes(extra, u32(zip, at + 22), u32(zip, at + 18), at),
    };
    const described = Boolean(flags & HAS_DESCRIPTOR);
    if (!described) {
      // The sizes are in the header: the next header is found without reading this entry.
      if (start + info.compressedSize > zip.length) return void (yield { name: null, reject: runsPast });
      at = start + info.compressedSize;
      const read = (o: ArchiveOptions) => refusal(info, o) ?? checked(info, inflated(zip.subarray(start, at), info, o));
      if (!info.name.endsWith('/')) yield wanted(info.name, options) ? read(options) : skippedWith(read({ ...options, wants: undefined }));
      continue;
    }
    // Sizes and CRC follow the data (a streamed zip): only deflate data shows where it ends.
    if (info.method !== DEFLATED) return void (yield { name: null, reject: `${cut}; a stored entry with a data descriptor cannot be delimited without it` });
    const out = rawInflater(options.inflate, 0)(zip.subarray(start), options.maxEntryBytes);
    if ('error' in out) {
      if (out.error === 'over-cap') yield overEntryCap(info.name, 'more', options.maxEntryBytes);
      return void (yield { name: null, reject: out.error === 'truncated' ? runsPast : `${cut}; an entry's deflate data is damaged` });
    }
    let descriptor = start + out.consumed;
    if (u32(zip, descriptor) === DESCRIPTOR) descriptor += 4;
    if (descriptor + 12 > zip.length) return void (yield { name: null, reject: runsPast });
    at = descriptor + 12;
    const described_ = { ...info, crc: u32(zip, descriptor), compressedSize: out.consumed, size: u32(zip, descriptor + 8) };
    const read = refusal(described_, options) ?? checked(described_, out);
    if (!info.name.endsWith('/')) yield wanted(info.name, options) ? read : skippedWith(read);
  }
}
