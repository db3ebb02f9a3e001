/**
 * Decode: file bytes -> the decompressed bytes of the document. Gzip is recognised by its magic
 * bytes, not the file name, so `.json` files that are gzip and `.gz` files that are plain JSON
 * both work. Every path is size-capped so a gzip bomb stops at the cap instead of filling memory.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { Inflate } from 'fflate';
import { errnoReason } from './fs-errors.ts';
import { sha256OfFileSync } from './file-hash.ts';
import { gunzipMembers, type RawInflated, type RawInflater } from './gzip-members.ts';
import { FileTooLarge, gunzipReused, readFileCapped, readFileReused } from './thread-buffers.ts';

/**
 * Which inflater to use. `native` (node:zlib, present in Node and Deno) is the default: on the
 * 2,000-file benchmark archive it inflated 2.9x faster than fflate (see bench/RESULTS.md).
 * `fflate` is the portable pure-JS decoder; both give identical bytes (tested).
 */
export type InflateEngine = 'fflate' | 'native';

export interface DecodeOptions {
  /** Cap on the decompressed (and on the stored) size of one file, in bytes. */
  readonly maxFileBytes: number;
  readonly inflate?: InflateEngine;
  /**
   * Read and inflate (natively) into this thread's reused buffers: the bytes returned are valid
   * only until the next decode with `reuse` on this thread. For callers that finish with the
   * bytes before decoding again; it saves buffers, their GC and page faults, per file
   * (thread-buffers.ts).
   */
  readonly reuse?: boolean;
  /**
   * Also return the SHA-256 of the file's bytes as stored (`sha256`, hex, for the provenance
   * manifest) and its {@link contentDigest} prefix (`digest`), from one hash pass. A file over the
   * cap is hashed too, streamed (file-hash.ts): it fails, but the manifest still names its bytes.
   */
  readonly digest?: boolean;
}

/** The result of decoding one file: its document bytes, or why there are none. */
export type Decoded =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly gzip: boolean; readonly warning?: string } & Stored
  | { readonly ok: false; readonly stage: 'read' | 'decode'; readonly reason: string } & Stored;

/** With `digest`: the file as stored (its size, its hex SHA-256) and the content digest (16 bytes) for duplicate checks. */
export interface Stored {
  readonly digest?: string;
  readonly sha256?: string;
  readonly stored?: number;
}

/**
 * Default per-file cap: 32 MiB, stored and decompressed (one archive entry too). CloudTrail delivers
 * a file per account, region and ~5 minutes, and one record is at most ~256 KB: the largest of the
 * 143 real files in the test corpus (realdata) is 0.5 MB decompressed, so 32 MiB is 60 times that.
 * The cap bounds what one hostile file costs (measured, defaults, bench/hostile-memory.ts): a gzip,
 * zip or tar.gz bomb peaks at 76-175 MB RSS; a valid 31 MiB document of Support records at 171-433
 * MB (142k minimal records in export), a zip of six such entries at up to 364 MB. At 64 MiB one
 * document took 577 MB; the old 1 GiB default let a 1 MB gzip cost 2 GB. Bigger files: raise it.
 * It does not bound an archive's record count: see docs/performance.md, Known limits.
 */
export const DEFAULT_MAX_FILE_BYTES = 32 * 1024 ** 2;

// Feed fflate 8 KiB at a time: deflate expands at most ~1032:1, so a bomb can overshoot the cap
// by ~8 MiB before the check stops it (fflate's growing output buffer makes that ~24 MiB of
// ArrayBuffers, measured; 16 KiB slices took 48 MiB, at the edge of decode.test.ts's bound).
// Measured: no throughput loss vs 16 KiB or 1 MiB slices (~300 MB/s out on the bench corpus).
const SLICE = 1 << 13;

/** True when the bytes start with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

const overStoredCap = (size: number, cap: number) => `file size ${size} exceeds the cap of ${cap} bytes (--max-file-bytes)`;

/** Decodes bytes already in memory (pure). */
export function decodeBytes(raw: Uint8Array, options: DecodeOptions): Decoded {
  const cap = options.maxFileBytes;
  if (raw.length === 0) return { ok: false, stage: 'decode', reason: 'empty file (0 bytes)' };
  if (!isGzip(raw)) {
    if (raw.length > cap) return { ok: false, stage: 'decode', reason: overStoredCap(raw.length, cap) };
    return { ok: true, bytes: raw, gzip: false };
  }
  if (options.inflate !== 'fflate' && options.reuse) {
    const isize = trailerIsize(raw);
    const bytes = isize === undefined ? undefined : gunzipReused(raw, isize, cap);
    if (bytes) return { ok: true, bytes, gzip: true };
  }
  const inflate = rawInflater(options.inflate, chunkSizeFor(raw, cap));
  const out = gunzipMembers(raw, cap, inflate);
  if (!out.ok) return { ok: false, stage: 'decode', reason: out.reason };
  return out.warning ? { ok: true, bytes: out.bytes, gzip: true, warning: out.warning } : { ok: true, bytes: out.bytes, gzip: true };
}

/** Reads and decodes one file. Never throws: unreadable files come back as `ok: false`. */
export async function decodeFile(path: string | Uint8Array, options: DecodeOptions): Promise<Decoded> {
  return decodeFileSync(path, options);
}

/** {@link decodeFile}, synchronously: what a caller using `reuse` needs, so no other decode runs before it is done with the bytes. */
export function decodeFileSync(path: string | Uint8Array, options: DecodeOptions): Decoded {
  let raw: Uint8Array;
  try {
    // Synchronous on purpose: files are read on worker threads, where blocking costs nothing, and
    // it skips the thread-pool round trips of open/fstat/read/close (measured: 1.7 -> 1.0 s of
    // system time on the 2,000-file benchmark with two workers).
    raw = options.reuse ? readFileReused(path, options.maxFileBytes) : readFileCapped(path, options.maxFileBytes);
  } catch (err) {
    if (!(err instanceof FileTooLarge)) return { ok: false, stage: 'read', reason: readFailure(err) };
    const tooLarge = { ok: false, stage: 'decode', reason: overStoredCap(err.size, options.maxFileBytes) } as const;
    const sha256 = options.digest ? sha256OfFileSync(path) : undefined;
    return sha256 === undefined ? tooLarge : { ...tooLarge, sha256, stored: err.size };
  }
  const decoded = decodeBytes(raw, options);
  if (!options.digest) return decoded;
  // One hash pass serves both the duplicate check (its first 16 bytes) and the manifest (all of it).
  const sum = createHash('sha256').update(raw).digest();
  return { ...decoded, digest: sum.subarray(0, 16).toString('latin1'), sha256: sum.toString('hex'), stored: raw.length };
}

/**
 * What tells byte-identical files apart: the first 16 bytes of their SHA-256, as a 16-character
 * string (compact in a Set). SHA-256, not a faster non-cryptographic hash, because a crafted
 * collision would hide a file's records as a duplicate of another.
 */
export function contentDigest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest().subarray(0, 16).toString('latin1');
}

/** The first `n` bytes of a file (fewer when it is shorter); undefined when it cannot be read (the full read then says why). */
export function readHead(path: string | Uint8Array, n: number): Uint8Array | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(typeof path === 'string' ? path : Buffer.from(path), 'r');
    const head = new Uint8Array(n);
    return head.subarray(0, readSync(fd, head, 0, n, 0));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The ledger reason for a file that could not be read. */
export function readFailure(err: unknown): string {
  return errnoReason(err, 'file disappeared between discovery and read');
}

/**
 * The raw-deflate inflater of an engine (gzip members here, zip entries in archives/zip.ts).
 * `expected` (untrusted: a header's claim) only sizes node:zlib's output buffer.
 */
export function rawInflater(engine: InflateEngine | undefined, expected: number): RawInflater {
  return engine === 'fflate' ? inflateFflate : nativeInflater(Math.max(MIN_CHUNK, Math.min(expected + 1, MAX_CHUNK)));
}

/** fflate's streaming inflater, fed in slices so a bomb stops within one slice of the cap. */
function inflateFflate(deflate: Uint8Array, room: number): RawInflated {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > room) over = true;
    else chunks.push(chunk);
  });
  // fflate keeps its state in fields it does not document: `s.f` (the final block was read),
  // `s.l` (inside a block), `s.p` (bit position in `p`, the input not yet used). Its own Gunzip
  // reads them the same way to find where a member's deflate data ends.
  const state = inflater as unknown as { s: { f?: number; l?: unknown; p?: number }; p: Uint8Array };
  const ended = () => Boolean(state.s.f && !state.s.l);
  let fed = 0;
  try {
    while (fed < deflate.length && !over && !ended()) {
      const end = Math.min(fed + SLICE, deflate.length);
      inflater.push(deflate.subarray(fed, end), end === deflate.length);
      fed = end;
    }
  } catch (err) {
    return { error: (err as Error).message === 'unexpected EOF' ? 'truncated' : 'corrupt' };
  }
  if (over) return { error: 'over-cap' };
  if (!ended()) return { error: 'truncated' };
  return { bytes: concatChunks(chunks, total), consumed: fed - state.p.length + Math.ceil((state.s.p ?? 0) / 8) };
}

// node:zlib inflates into 16 KiB chunks and then concatenates them. Sizing the chunk from the
// gzip trailer's ISIZE gives one chunk, no concat copy and far less garbage: measured 25% faster
// per file on the benchmark archive. ISIZE is untrusted (a bomb can lie), so it only sizes the
// buffer, bounded to 64 MiB; maxOutputLength still enforces the cap.
const MIN_CHUNK = 64 * 1024;
const MAX_CHUNK = 64 * 1024 * 1024;

function chunkSizeFor(raw: Uint8Array, cap: number): number {
  return Math.min(trailerIsize(raw) ?? 0, cap);
}

/** ISIZE, the last 4 bytes of a gzip file: its last member's size mod 2^32 (untrusted). Undefined when shorter than a gzip member can be. */
function trailerIsize(raw: Uint8Array): number | undefined {
  return raw.length >= 18 ? new DataView(raw.buffer, raw.byteOffset, raw.byteLength).getUint32(raw.length - 4, true) : undefined;
}

/** node:zlib's raw inflater; `info` gives the input bytes it used (bytesWritten), where the member's trailer starts. */
function nativeInflater(chunkSize: number): RawInflater {
  return (deflate: Uint8Array, room: number): RawInflated => {
    try {
      const out = inflateRawSync(deflate, { info: true, maxOutputLength: Math.max(1, Math.min(room, 2 ** 31 - 1)), chunkSize }) as unknown as {
        buffer: Buffer;
        engine: { bytesWritten: number };
      };
      if (out.buffer.length > room) return { error: 'over-cap' };
      return { bytes: new Uint8Array(out.buffer.buffer, out.buffer.byteOffset, out.buffer.byteLength), consumed: out.engine.bytesWritten };
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) return { error: 'over-cap' };
      return { error: e.code === 'Z_BUF_ERROR' ? 'truncated' : 'corrupt' };
    }
  };
}

/** Joins chunks into one array (no copy for a single chunk). */
export function concatChunks(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
