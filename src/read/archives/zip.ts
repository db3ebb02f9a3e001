/**
 * `.zip` archives, read entry by entry with fflate's streaming `Unzip` from bytes in memory:
 * one entry's decompressed bytes are held at a time, and nothing is written to disk.
 * Deflate entries go through a capped inflater that stops inflating at the cap, so a zip bomb
 * costs neither memory nor time beyond it. https://pkwaredownloads.blob.core.windows.net/pem/APPNOTE.txt
 */
import { type AsyncFlateStreamHandler, Inflate, Unzip, type UnzipDecoder, type UnzipDecoderConstructor, type UnzipFile } from 'fflate';
import { concatChunks } from '../decode.ts';
import { type ArchiveEntry, type ArchiveOptions, checkEntryName, overEntryCap } from './entry.ts';

/** True for a zip's first local file header (PK\3\4) or the end record of an empty zip (PK\5\6). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

// Push the zip 16 KiB at a time: entries are yielded between pushes, and an inflater that hits
// the cap stops within one slice (deflate expands at most ~1032:1, so ~16 MiB past the cap).
const SLICE = 1 << 14;

/** A deflate decoder for `Unzip` that stops inflating once an entry's output passes `cap`. */
function cappedInflate(cap: number): UnzipDecoderConstructor {
  return class CappedInflate implements UnzipDecoder {
    static compression = 8;
    ondata!: AsyncFlateStreamHandler;
    private total = 0;
    private readonly inflate = new Inflate((data, final) => {
      this.total += data.length;
      this.ondata(null, data, final);
    });
    push(chunk: Uint8Array, final: boolean): void {
      if (this.total > cap) return;
      try {
        this.inflate.push(chunk, final);
      } catch (err) {
        this.ondata(err as Error & { code: number }, null as unknown as Uint8Array<ArrayBuffer>, final);
      }
    }
  };
}

/** Yields the entries of a zip in archive order. Directories are not yielded. */
export function* zipEntries(zip: Uint8Array, options: ArchiveOptions): Generator<ArchiveEntry> {
  const cap = options.maxEntryBytes;
  const ready: ArchiveEntry[] = [];
  const encrypted = encryptedNames(zip);
  const unzip = new Unzip((file) => onEntry(file, cap, options, ready, encrypted));
  unzip.register(cappedInflate(cap));
  for (let at = 0; at < zip.length || at === 0; at += SLICE) {
    const end = Math.min(at + SLICE, zip.length);
    try {
      unzip.push(zip.subarray(at, end), end === zip.length);
    } catch (err) {
      yield* ready.splice(0);
      yield { name: null, reject: `corrupt zip: ${reasonOf(err as Error)}` };
      return;
    }
    yield* ready.splice(0);
    if (end === zip.length) break;
  }
  if (!hasEndRecord(zip)) yield { name: null, reject: 'corrupt zip: truncated (no end-of-central-directory record)' };
}

function reasonOf(err: Error): string {
  // fflate's Unzip raises "invalid zip data" only when the input ends inside an entry's data.
  if (err.message === 'invalid zip data' || err.message === 'unexpected EOF') return "truncated (an entry's data runs past the end)";
  return err.message;
}

/**
 * Names of encrypted entries (general purpose flag bit 0), from the central directory: fflate's
 * streaming Unzip does not expose the flags, and an encrypted entry would otherwise fail as
 * corrupt deflate data. Empty when the directory is missing or unreadable.
 */
function encryptedNames(zip: Uint8Array): Set<string> {
  const names = new Set<string>();
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = endRecordAt(zip);
  if (end < 0) return names;
  let at = view.getUint32(end + 16, true);
  for (let n = view.getUint16(end + 10, true); n > 0 && at + 46 <= zip.length && view.getUint32(at, true) === 0x02014b50; n--) {
    const nameLength = view.getUint16(at + 28, true);
    if (view.getUint16(at + 8, true) & 1) names.add(new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return names;
}

/** True when the end-of-central-directory record (PK\5\6) is in the last 22 + 65535 (comment) bytes. */
function hasEndRecord(zip: Uint8Array): boolean {
  return endRecordAt(zip) >= 0;
}

function endRecordAt(zip: Uint8Array): number {
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip[at] === 0x50 && zip[at + 1] === 0x4b && zip[at + 2] === 5 && zip[at + 3] === 6) return at;
  }
  return -1;
}

function onEntry(file: UnzipFile, cap: number, options: ArchiveOptions, ready: ArchiveEntry[], encrypted: ReadonlySet<string>): void {
  const name = file.name;
  if (name.endsWith('/')) return;
  const unsafe = checkEntryName(name);
  if (unsafe) return void ready.push(unsafe);
  if (options.wants && !options.wants(name)) return void ready.push({ name, skipped: true });
  if (encrypted.has(name)) return void ready.push({ name, reject: 'encrypted entry (password-protected zip); not read' });
  // The local header's size can lie (or be absent with a data descriptor); the inflater checks too.
  if (file.originalSize !== undefined && file.originalSize > cap) return void ready.push(overEntryCap(name, file.originalSize, cap));
  const chunks: Uint8Array[] = [];
  let total = 0;
  let done = false;
  file.ondata = (err, data, final) => {
    if (done) return;
    if (err) {
      done = true;
      return void ready.push({ name, reject: `cannot decompress entry: ${err.message}` });
    }
    total += data.length;
    if (total > cap) {
      done = true;
      return void ready.push(overEntryCap(name, 'more', cap));
    }
    chunks.push(data);
    if (final) {
      done = true;
      ready.push({ name, bytes: concatChunks(chunks, total) });
    }
  };
  try {
    file.start();
  } catch {
    // fflate reports an unknown method through ondata, then throws constructing the decoder.
    if (!done) ready.push({ name, reject: `unsupported compression method ${file.compression}` });
    done = true;
  }
}
