/**
 * Read and gunzip into buffers kept per thread and reused across files.
 *
 * Why: a fresh buffer per file costs more than the allocation. For a 1-2 MB inflate output: Each one is
 * external memory to V8, which answers with a full mark-compact every few dozen MB of it, and
 * freed buffers go back to the OS, so the next one page-faults in again. On the 2,000-file
 * benchmark (one thread) that was 0.8 s of GC and about 1 s of system time out of 6.4 s.
 *
 * How: node:zlib's sync gunzip drives a native handle (`writeSync` into a caller's buffer). That
 * handle is not public API, so it is feature-detected (Deno's node:zlib may differ), and this
 * only takes the clean case: one call that ends the stream with room to spare and no input left.
 * Anything else (an error, a lying ISIZE, trailing bytes, a file over the cap) returns undefined
 * and the caller decodes with gunzipSync, which reports every problem in its own words.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { constants, Gunzip, InflateRaw } from 'node:zlib';

/** The parts of node:zlib's internal handle used here. */
interface ZlibHandle {
  writeSync(flush: number, input: Uint8Array, inOff: number, inLen: number, out: Uint8Array, outOff: number, outLen: number): void;
  reset(): void;
  onerror: (message: string, errno: number) => void;
}

/** Larger files and outputs get a fresh buffer, so one huge file does not pin its size for the rest of the run. */
export const MAX_REUSED_BYTES = 64 * 1024 * 1024;

let readBuffer = new Uint8Array(0);

/**
 * Reads a whole file into this thread's reused read buffer: the view returned is valid only until
 * the next call on this thread. A delivery file is ~100-300 kB, over glibc's mmap threshold, so
 * readFileSync's fresh buffer was mapped and unmapped (page faults) for every file. Throws like
 * readFileSync.
 */
export function readFileReused(path: string | Uint8Array, maxBytes = Infinity): Uint8Array {
  const name = typeof path === 'string' ? path : Buffer.from(path);
  const fd = openSync(name, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > maxBytes) throw new FileTooLarge(size);
    // One byte of room past the size tells a file that grew since fstat: it is read afresh.
    if (size + 1 > MAX_REUSED_BYTES) return readFileSync(fd);
    readBuffer = atLeast(readBuffer, size + 1);
    let total = 0;
    for (;;) {
      const n = readSync(fd, readBuffer, total, readBuffer.length - total, null);
      if (n === 0) return readBuffer.subarray(0, total);
      total += n;
      if (total === readBuffer.length) return readFileSync(name);
    }
  } finally {
    closeSync(fd);
  }
}

/** Thrown by the reads when the file's size (from fstat, before any byte is read) is over the cap. */
export class FileTooLarge extends Error {
  constructor(readonly size: number) {
    super(`file size ${size} is over the cap`);
  }
}

/**
 * Reads a whole file into a fresh buffer, refusing it before reading when fstat says it is over
 * `maxBytes`: a 1.5 GB file was read whole only to be refused for its size.
 */
export function readFileCapped(path: string | Uint8Array, maxBytes: number): Uint8Array {
  const fd = openSync(typeof path === 'string' ? path : Buffer.from(path), 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > maxBytes) throw new FileTooLarge(size);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The buffer itself when it holds `size` bytes, else a larger one (at least double, at most MAX_REUSED_BYTES). */
function atLeast(buffer: Uint8Array<ArrayBuffer>, size: number): Uint8Array<ArrayBuffer> {
  return buffer.length >= size ? buffer : new Uint8Array(Math.min(MAX_REUSED_BYTES, Math.max(size, buffer.length * 2)));
}

type NativeInflater = { readonly handle: ZlibHandle; readonly state: Uint32Array };

/** The native inflaters, by kind: undefined until first needed, null where the runtime does not have one. */
const inflaters: { gunzip?: NativeInflater | null; raw?: NativeInflater | null } = {};
let failed = false;
let scratch = new Uint8Array(0);
/** A zip entry's inflated bytes: apart from `scratch`, which may hold the zip itself (a .zip.gz). */
let entryScratch = new Uint8Array(0);

function openInflater(kind: keyof typeof inflaters): NativeInflater | null {
  try {
    const stream = (kind === 'gunzip' ? new Gunzip() : new InflateRaw()) as unknown as { _handle?: ZlibHandle; _writeState?: unknown };
    const handle = stream._handle;
    const state = stream._writeState;
    if (!handle || typeof handle.writeSync !== 'function' || typeof handle.reset !== 'function' || !(state instanceof Uint32Array)) return null;
    // Own the error callback: zlib's default one destroys the stream object around the handle.
    handle.onerror = () => {
      failed = true;
    };
    return { handle, state };
  } catch {
    return null;
  }
}

/**
 * Inflates `input` whole into `out` in one call: the bytes made, or undefined when the native
 * inflater is missing, reported an error, filled `out` or left input unused.
 */
function inflateInto(kind: keyof typeof inflaters, input: Uint8Array, out: Uint8Array): number | undefined {
  let native = inflaters[kind];
  if (native === undefined) native = inflaters[kind] = openInflater(kind);
  if (!native) return undefined;
  failed = false;
  native.handle.reset();
  native.handle.writeSync(constants.Z_FINISH, input, 0, input.length, out, 0, out.length);
  const [availOut, availIn] = native.state;
  if (failed) {
    inflaters[kind] = openInflater(kind); // a handle that reported an error is not trusted again
    return undefined;
  }
  return availOut === 0 || availIn !== 0 ? undefined : out.length - availOut;
}

/**
 * Inflates a single-member gzip, whose trailer says it holds `isize` bytes, into this thread's
 * reused buffer. Returns a view of at most `cap` bytes that stays valid only until the next call
 * on this thread, or undefined when the fast path does not apply (see the module comment).
 */
export function gunzipReused(raw: Uint8Array, isize: number, cap: number): Uint8Array | undefined {
  // One byte of room past ISIZE tells "ended exactly" apart from "ran out of room".
  const room = isize + 1;
  if (isize > cap || room > MAX_REUSED_BYTES) return undefined;
  scratch = atLeast(scratch, room);
  const made = inflateInto('gunzip', raw, scratch.subarray(0, room));
  return made === undefined ? undefined : scratch.subarray(0, made);
}

/**
 * Inflates a zip entry's raw deflate data, which its directory says holds `size` bytes, into this
 * thread's reused entry buffer: a view valid only until the next call on this thread, or undefined
 * unless it made exactly `size` bytes from all of `data` (the caller then inflates it afresh,
 * which names any problem). A fresh buffer per entry cost more than its size: 31 MiB ones, just
 * under glibc's largest mmap threshold, were freed into the heap and never given back (peak RSS
 * crept by ~20 MB per entry on a zip of six).
 */
export function inflateRawReused(data: Uint8Array, size: number, cap: number): Uint8Array | undefined {
  const room = size + 1;
  if (size > cap || room > MAX_REUSED_BYTES) return undefined;
  entryScratch = atLeast(entryScratch, room);
  const made = inflateInto('raw', data, entryScratch.subarray(0, room));
  return made === size ? entryScratch.subarray(0, made) : undefined;
}
