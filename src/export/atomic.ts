/**
 * The one file writer: a temp file in the target's folder, then rename. A run killed mid-write
 * leaves the previous file or none, never a partial one (rename is atomic within a filesystem).
 * `openAtomic` is the streaming form (write many chunks, then commit or abort); `writeAtomic`
 * is the one-shot form built on it.
 */
import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { type FileHandle, lstat, mkdir, open, readlink, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { RunError } from '../errors.ts';
import { collectWhenGrown } from '../read/heap-hint.ts';
import { trackTemp, untrackTemp } from '../runtime.ts';

/** An output being written: chunks go to a temp file that `commit` renames into place. */
export interface AtomicFile {
  /** The final path. */
  readonly path: string;
  /** Bytes written so far. */
  readonly bytesWritten: number;
  /** Appends a chunk (strings as UTF-8). */
  write(data: string | Uint8Array): Promise<void>;
  /** Flushes to disk, closes and renames the temp file to `path`. */
  commit(): Promise<void>;
  /** Closes and removes the temp file. Never throws; a no-op after commit. */
  abort(): Promise<void>;
}

const failure = (path: string, err: unknown) => err instanceof RunError ? err : new RunError(`cannot write ${path}: ${(err as Error).message}`);

/** Chunks appended to an open file handle, counted. */
abstract class HandleFile implements AtomicFile {
  bytesWritten = 0;
  constructor(readonly path: string, protected readonly handle: FileHandle) {}

  async write(data: string | Uint8Array): Promise<void> {
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      // handle.write may write less than asked; writeFile on a handle writes it all at the position.
      await this.handle.writeFile(bytes);
      this.bytesWritten += bytes.byteLength;
    } catch (err) {
      throw failure(this.path, err);
    }
  }

  abstract commit(): Promise<void>;
  abstract abort(): Promise<void>;
}

class TempFile extends HandleFile {
  private done = false;
  constructor(path: string, private readonly temp: string, handle: FileHandle) {
    super(path, handle);
    trackTemp(temp);
  }

  async commit(): Promise<void> {
    try {
      await this.handle.sync();
      await this.handle.close();
      await rename(this.temp, this.path);
      untrackTemp(this.temp);
      this.done = true;
    } catch (err) {
      await this.abort();
      throw failure(this.path, err);
    }
  }

  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.handle.close().catch(() => undefined);
    await rm(this.temp, { force: true }).catch(() => undefined);
    untrackTemp(this.temp);
  }
}

/**
 * A stream, device or pipe named as output (`--rejects /dev/stderr`, a FIFO): written as it is,
 * since a rename cannot replace it (it would replace the name, e.g. the /dev/stderr link, with a
 * regular file). Nothing to undo on abort.
 */
class DirectFile extends HandleFile {
  async commit(): Promise<void> {
    await this.handle.close().catch((err) => {
      throw failure(this.path, err);
    });
  }

  async abort(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}

/**
 * Where a write to `path` lands: a symlink is written through to its target (as a shell's `>`
 * does), never replaced by a regular file; `direct` when it is there and not a regular file (a
 * device, a pipe), which is written as it is.
 */
export async function outputTarget(path: string): Promise<{ target: string; direct: boolean }> {
  try {
    const target = await realpath(path);
    const info = await stat(target);
    return { target, direct: !info.isFile() };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOOP') throw new RunError(`cannot write ${path}: symlink loop (too many levels of symbolic links)`);
    // Not there yet; a dangling symlink creates its target, as `>` would.
    const link = await lstat(path).catch(() => undefined);
    if (!link?.isSymbolicLink()) return { target: path, direct: false };
    const to = await readlink(path);
    return { target: resolve(dirname(path), to), direct: false };
  }
}

/** Opens `path` for an atomic streamed write, creating parent folders (through symlinks: see outputTarget). */
export async function openAtomic(path: string): Promise<AtomicFile> {
  try {
    const { target, direct } = await outputTarget(path);
    if (direct) return new DirectFile(path, await open(target, 'w'));
    const dir = dirname(target);
    const temp = join(dir, `.${basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
    await mkdir(dir, { recursive: true });
    return new TempFile(target, temp, await open(temp, 'wx'));
  } catch (err) {
    throw failure(path, err);
  }
}

/** Writes `data` (or text in pieces, joined into writes of about 1 MiB) to `path` atomically, creating parent folders. */
export async function writeAtomic(path: string, data: string | Uint8Array | Iterable<string>): Promise<void> {
  await writeAtomicParts(path, typeof data === 'string' || data instanceof Uint8Array ? [data] : inWritesOf1MiB(data));
}

/**
 * Text in pieces joined into writes of about 1 MiB. The pieces die as soon as they are written,
 * but the old generation let them pile up: writing the 111 MB JSON of a report whose finding names
 * 2.3M eventIDs held ~160 MB of written text (15 MB live), 620 MB RSS; so the writer collects
 * once the heap has doubled since (read/heap-hint.ts).
 */
export function* inWritesOf1MiB(chunks: Iterable<string>): Generator<string> {
  let pending = '';
  for (const chunk of chunks) {
    pending += chunk;
    if (pending.length < 1 << 20) continue;
    yield pending;
    pending = '';
    collectWhenGrown();
  }
  if (pending !== '') yield pending;
}

/** Writes `parts` one after another to `path` atomically (for output too large to be one string), creating parent folders. */
export async function writeAtomicParts(path: string, parts: Iterable<string | Uint8Array>): Promise<void> {
  const file = await openAtomic(path);
  try {
    for (const part of parts) await file.write(part);
    await file.commit();
  } catch (err) {
    await file.abort();
    throw failure(path, err);
  }
}

/**
 * Creates and removes an empty file in `dir`: what the writer will do, so it fails the same way
 * (permissions, a read-only mount even for root), and, unlike access(), it needs no --allow-sys
 * under Deno.
 */
async function probeWrite(dir: string): Promise<void> {
  const file = join(dir, `.cloudtrail-support-probe-${randomBytes(6).toString('hex')}`);
  await (await open(file, 'wx')).close();
  await rm(file, { force: true });
}

/** The nearest folder that exists at or above `dir`, where the writer will create what is missing. */
async function nearestFolder(path: string, dir: string): Promise<string> {
  for (let probe = dir;;) {
    try {
      const info = await stat(probe);
      if (!info.isDirectory()) throw new RunError(`cannot write ${path}: ${probe} is not a directory`);
      return probe;
    } catch (err) {
      if (err instanceof RunError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') throw new RunError(`cannot write ${path}: a parent in that path is a file, not a directory`);
      if (code !== 'ENOENT') throw new RunError(`cannot write ${path}: ${code === 'EACCES' ? 'permission denied' : (err as Error).message}`);
      const parent = dirname(probe);
      if (parent === probe) throw new RunError(`cannot write ${path}: no existing parent folder`);
      probe = parent;
    }
  }
}

/**
 * Checks before any input is read that `path` (a file, or a folder when `isDir`) can be written:
 * its nearest existing ancestor must be a writable folder.
 */
export async function assertWritable(path: string, isDir = false): Promise<void> {
  // A folder where a file is to go would fail only at the final rename, after the whole run.
  if (!isDir && (await stat(path).catch(() => undefined))?.isDirectory()) throw new RunError(`cannot write ${path}: it is a directory (give a file name)`);
  const { target, direct } = isDir ? { target: path, direct: false } : await outputTarget(path);
  // A device or pipe (/dev/stderr) is written as it is: there is no folder to probe.
  if (direct) return;
  const dir = await nearestFolder(path, isDir ? target : dirname(target));
  try {
    await probeWrite(dir);
  } catch (err) {
    // Whatever the probe meets is final: an ENOENT here is a folder that cannot hold files (/proc),
    // not a missing one. (Taking it for one walked up to / and passed, then the write hung.)
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : code === 'EROFS'
      ? 'read-only file system'
      : `${dir} does not take new files (${code ?? (err as Error).message})`;
    throw new RunError(`cannot write ${path}: ${why}`);
  }
}
