/**
 * A small tar reader over bytes in memory (a `.tar`, or a `.tar.gz` after decode inflated it):
 * entries are views into the archive (no copy, nothing written to disk). Reads POSIX ustar and
 * GNU tar: the name prefix field, GNU long names (`L`) and pax `path` records (`x`).
 * https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html#tag_20_92_13_06
 */
import { type ArchiveEntry, type ArchiveOptions, checkEntryName, overEntryCap } from './entry.ts';

const BLOCK = 512;
const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

/** True when the bytes start with a tar header: the `ustar` magic at offset 257 (POSIX and GNU). */
export function isTar(bytes: Uint8Array): boolean {
  return bytes.length >= BLOCK && latin1.decode(bytes.subarray(257, 262)) === 'ustar';
}

/** A NUL-terminated field as text. */
function field(header: Uint8Array, offset: number, length: number): string {
  const bytes = header.subarray(offset, offset + length);
  const end = bytes.indexOf(0);
  return utf8.decode(end < 0 ? bytes : bytes.subarray(0, end));
}

/** A numeric field: octal text, or base-256 when the high bit of the first byte is set (GNU, sizes >= 8 GiB). */
function number(header: Uint8Array, offset: number, length: number): number {
  if (header[offset] & 0x80) {
    let value = header[offset] & 0x7f;
    for (let i = 1; i < length; i++) value = value * 256 + header[offset + i];
    return value;
  }
  const text = field(header, offset, length).trim();
  return text === '' ? 0 : /^[0-7]+$/.test(text) ? parseInt(text, 8) : NaN;
}

/** The header checksum: the sum of its bytes with the checksum field counted as spaces. */
function checksumOk(header: Uint8Array): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i];
  return sum === number(header, 148, 8);
}

/** The `path` of a pax extended header (`<length> path=<value>\n` records). */
function paxPath(data: Uint8Array): string | undefined {
  for (const record of utf8.decode(data).split('\n')) {
    const match = /^\d+ path=(.*)$/s.exec(record);
    if (match) return match[1];
  }
  return undefined;
}

/**
 * Why a tar ends badly at `at` (where the next header should start), or undefined when a whole
 * block is there to read. Every tar writer ends the archive with zero blocks, so a tar that stops
 * without them was cut short: inside a header, inside the padding after the last entry, or at a
 * block boundary (then the entries read are complete, but entries after them may be missing).
 * The archive itself is cut, not one named entry, so these rejects have no name; like a zip
 * without its end-of-central-directory record, the rest counts as one failed entry.
 */
function cutShort(tar: Uint8Array, at: number): string | undefined {
  const rest = tar.length - at;
  if (rest >= BLOCK) return undefined;
  if (rest < 0) return `truncated tar: cut short at offset ${tar.length}, inside the padding after the last entry`;
  if (tar.subarray(at).every((b) => b === 0)) {
    return `truncated tar: no end-of-archive blocks at offset ${at}, so the archive was probably cut there and entries after it may be missing`;
  }
  return `truncated tar: cut short inside a header at offset ${at} (${rest} of its ${BLOCK} bytes)`;
}

/**
 * Yields the regular files of a tar in archive order; directories, links and devices carry no
 * data and are passed over. A tar cut short yields a last reject with no name (see cutShort).
 */
export function* tarEntries(tar: Uint8Array, options: ArchiveOptions): Generator<ArchiveEntry> {
  const cap = options.maxEntryBytes;
  let longName: string | undefined;
  for (let at = 0;;) {
    const cut = cutShort(tar, at);
    if (cut) return void (yield { name: null, reject: cut });
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) return; // end-of-archive blocks
    if (!checksumOk(header)) return void (yield { name: null, reject: `corrupt tar: bad header checksum at offset ${at}` });
    const size = number(header, 124, 12);
    if (Number.isNaN(size)) return void (yield { name: null, reject: `corrupt tar: bad size field at offset ${at}` });
    const start = at + BLOCK;
    const type = header[156] === 0 ? '0' : String.fromCharCode(header[156]);
    const prefix = field(header, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    if (start + size > tar.length) return void (yield { name, reject: `truncated tar: the entry's ${size} bytes run past the end of the archive` });
    at = start + Math.ceil(size / BLOCK) * BLOCK;
    const data = tar.subarray(start, start + size);
    if (type === 'L') longName = field(data, 0, data.length);
    else if (type === 'x') longName = paxPath(data) ?? longName;
    if (type === 'L' || type === 'x' || type === 'g') continue;
    longName = undefined;
    if (type !== '0' && type !== '7') continue; // regular and contiguous files only
    yield checkEntryName(name) ??
      (options.wants && !options.wants(name)
        ? (size > cap ? { name, skipped: true } : { name, skipped: true, bytes: data })
        : size > cap
        ? overEntryCap(name, size, cap)
        : { name, bytes: data });
  }
}
