/**
 * Reading and writing the temp files of what waits for the end of the scan (the case state:
 * case-spill.ts, case-rows.ts, set-only-spill.ts; the findings' calls: findings/call-spill.ts):
 * whole writes, lines read a piece at a time, and a failure (a full disk, a missing TMPDIR) said
 * as what it is.
 */
import { Buffer } from 'node:buffer';
import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunError } from '../errors.ts';
import { trackTemp, untrackTemp, writeAllSync } from '../runtime.ts';

const failure = (dir: string, err: unknown) =>
  err instanceof RunError ? err : new RunError(`cannot keep the case state on disk in ${dir}: ${(err as Error).message} (TMPDIR chooses the folder)`);

/** `work` on files in `dir`, its failure a RunError that names the folder. */
export function onDisk<T>(dir: string, work: () => T): T {
  try {
    return work();
  } catch (err) {
    throw failure(dir, err);
  }
}

/** The items of a lazy reader of files in `dir`, its failure a RunError that names the folder. */
export function* onDiskEach<T>(dir: string, items: Iterable<T>): Generator<T> {
  try {
    yield* items;
  } catch (err) {
    throw failure(dir, err);
  }
}

/** A new folder `cloudtrail-support-<name>-…` under the OS temp dir (`TMPDIR`), removed on any exit until {@link removeTempFolder}. */
export function tempFolder(name: string): string {
  const dir = onDisk(tmpdir(), () => mkdtempSync(join(tmpdir(), `cloudtrail-support-${name}-`)));
  trackTemp(dir);
  return dir;
}

/** Removes a folder made by {@link tempFolder}, with what it holds. */
export function removeTempFolder(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  untrackTemp(dir);
}

/** An instant as JSON can write it: an unreadable one (NaN, Infinity) as its text, which `Number` reads back. */
export const instantJson = (at: number): number | string => (Number.isFinite(at) ? at : String(at));

/** Writes all of `text` (UTF-8) at the file's position. */
export const writeAll = (fd: number, text: string): void => writeAllSync(fd, Buffer.from(text, 'utf8'));

/**
 * Text written to a file through one reusable buffer of 1 MiB, a line at a time: no string larger
 * than a line is made. Joined into ~1.4 MB strings, a run of 19,000 case rows left each string in
 * V8's large-object space, which only a full collection frees: the 2,000-file dense `cases` run's
 * RSS rose from ~175 to 226 MiB while it wrote its row runs.
 */
export class FileText {
  private readonly buffer: Buffer;
  private at = 0;
  constructor(private fd: number, bytes = 1 << 20) {
    this.buffer = Buffer.allocUnsafe(bytes);
  }

  /** Sends what comes next to `fd` (what is buffered goes to the file before). */
  to(fd: number): this {
    if (fd !== this.fd) this.flush();
    this.fd = fd;
    return this;
  }

  write(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (this.at + text.length * 3 > this.buffer.length) {
      this.flush();
      if (text.length * 3 > this.buffer.length) return writeAll(this.fd, text);
    }
    this.at += this.buffer.write(text, this.at, 'utf8');
  }

  /** Writes what is buffered (call before the file is closed). */
  flush(): void {
    writeAllSync(this.fd, this.buffer.subarray(0, this.at));
    this.at = 0;
  }
}

/** Every line of a file (without its `\n`), read `chunk` bytes at a time. */
export function* linesOf(path: string, chunk = 64 * 1024): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(chunk);
    let rest = Buffer.alloc(0);
    for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0;) {
      const bytes = rest.length === 0 ? buffer.subarray(0, n) : Buffer.concat([rest, buffer.subarray(0, n)]);
      let from = 0;
      for (let nl; (nl = bytes.indexOf(10, from)) >= 0; from = nl + 1) yield bytes.toString('utf8', from, nl);
      rest = Buffer.from(bytes.subarray(from));
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The write buffer of a {@link LinesAside} file. Three of them are open at the end of the 2,000-file
 * dense report's scan (the set-only calls, the denied calls, the attachment calls): at 1 MiB each,
 * the main thread's buffers stood at 36.0 MB there, at 64 KiB 33.2 MB (11.1 MB at 400 files with
 * either). Their lines are a few hundred bytes, written once; 64 KiB writes cost no time here.
 */
const LINES_ASIDE_BUFFER = 64 * 1024;

/**
 * Items held aside until drained, each as a line (`encode`, one line of text, and `decode` back):
 * in memory, then, past `inMemory` of them, in a file of their own temp folder
 * (`cloudtrail-support-<name>-…`), written through one {@link FileText}. Drained once, in the
 * order added; the folder goes when drained, on {@link remove} or on any exit.
 */
export class LinesAside<T> {
  private pending: string[] = [];
  private file: { dir: string; path: string; fd: number; text: FileText } | undefined;
  /** Items added. */
  count = 0;

  constructor(
    private readonly name: string,
    private readonly inMemory: number,
    private readonly encode: (item: T) => string,
    private readonly decode: (line: string) => T,
  ) {}

  get onDisk(): boolean {
    return this.file !== undefined;
  }

  add(item: T): void {
    this.count++;
    this.pending.push(this.encode(item));
    if (this.file || this.pending.length > this.inMemory) this.toDisk();
  }

  /** Writes the pending lines to the file, made the first time. */
  private toDisk(): void {
    const dir = this.file?.dir ?? tempFolder(this.name);
    onDisk(dir, () => {
      if (!this.file) {
        const path = join(dir, this.name);
        const fd = openSync(path, 'a');
        this.file = { dir, path, fd, text: new FileText(fd, LINES_ASIDE_BUFFER) };
      }
      for (const line of this.pending) this.file.text.write(line + '\n');
    });
    this.pending.length = 0;
  }

  /** Every item added, in the order added; then they are gone (their file removed). */
  *drain(): Generator<T> {
    try {
      for (const line of this.file ? this.fileLines(this.file) : this.pending) yield this.decode(line);
    } finally {
      this.remove();
    }
  }

  private *fileLines(file: NonNullable<LinesAside<T>['file']>): Generator<string> {
    onDisk(file.dir, () => {
      file.text.flush();
      closeSync(file.fd);
    });
    file.fd = -1;
    yield* onDiskEach(file.dir, linesOf(file.path));
  }

  /** Empties it and removes its file, if any. */
  remove(): void {
    this.pending = [];
    if (!this.file) return;
    if (this.file.fd >= 0) closeSync(this.file.fd);
    removeTempFolder(this.file.dir);
    this.file = undefined;
  }
}
