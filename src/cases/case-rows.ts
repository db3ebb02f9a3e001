/**
 * Case rows kept on disk in their report order, for an archive whose case state went to disk
 * (case-spill.ts): 123,072 case rows held as objects took ~172 MB (~1.4 KB a row) after the
 * 2,000-file dense corpus's scan. Each partition's rows are written as a run sorted by (instant of
 * first activity, case id); the list reads the runs back merged, in that order, each time it is
 * iterated, so a renderer holds one row per run at a time. The runs' folder is removed when the
 * list is disposed, when it is garbage-collected, or on any exit (runtime.ts).
 */
import { Buffer } from 'node:buffer';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trackTemp, untrackTemp } from '../runtime.ts';

/** A row with its order: the instant of its first activity, then its case id. */
export interface KeyedRow<R> {
  readonly at: number;
  readonly id: string;
  readonly row: R;
}

/** Report order: by instant, then case id. */
export const byFirstActivity = <R>(a: KeyedRow<R>, b: KeyedRow<R>): number => a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

// Non-finite instants (an unreadable time is Infinity) as text: JSON has no Infinity.
const lineOf = <R>({ at, id, row }: KeyedRow<R>) => `${JSON.stringify([Number.isFinite(at) ? at : String(at), id])}\t${JSON.stringify(row)}\n`;
function keyedOf<R>(line: string): KeyedRow<R> {
  const tab = line.indexOf('\t');
  const [at, id] = JSON.parse(line.slice(0, tab)) as [number | string, string];
  return { at: Number(at), id, row: JSON.parse(line.slice(tab + 1)) };
}

/** Every line of a file, read `chunk` bytes at a time. */
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

const removeFolder = (dir: string) => {
  rmSync(dir, { recursive: true, force: true });
  untrackTemp(dir);
};
const disposer = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry<string>(removeFolder) : undefined;

/** Sorted runs being written; {@link finish} gives the list. */
export class RowRuns<R> {
  readonly dir = mkdtempSync(join(tmpdir(), 'cloudtrail-support-case-rows-'));
  private readonly runs: string[] = [];
  private count = 0;
  constructor() {
    trackTemp(this.dir);
  }

  /** Writes `rows` (any order) as one sorted run. */
  add(rows: KeyedRow<R>[]): void {
    if (rows.length === 0) return;
    rows.sort(byFirstActivity);
    const path = join(this.dir, `run-${this.runs.length}`);
    const fd = openSync(path, 'w');
    try {
      for (let from = 0; from < rows.length; from += 1024) {
        const bytes = Buffer.from(rows.slice(from, from + 1024).map(lineOf).join(''), 'utf8');
        for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
      }
    } finally {
      closeSync(fd);
    }
    this.runs.push(path);
    this.count += rows.length;
  }

  /** The rows of every run, in report order. */
  finish(): DiskRows<R> {
    return new DiskRows(this.dir, this.runs, this.count);
  }
}

/**
 * Rows on disk in report order: iterable any number of times, and sliced in order as the JSON
 * writer asks for them (render/json.ts SlicedList). Index-free by design: iterate it.
 */
export class DiskRows<R> implements Iterable<R> {
  private cursor: { at: number; rows: Iterator<R> } | undefined;
  private disposed = false;

  constructor(private readonly dir: string, private readonly runs: readonly string[], readonly length: number) {
    disposer?.register(this, dir, this);
  }

  *[Symbol.iterator](): Iterator<R> {
    if (this.disposed) throw new Error('the case rows on disk were disposed');
    const heads = this.runs.map((run) => ({ lines: linesOf(run), next: undefined as KeyedRow<R> | undefined }));
    try {
      for (const head of heads) head.next = readNext(head.lines);
      // The smallest head by a scan, not a heap: a run per partition (32 on the dense corpus).
      for (;;) {
        let min = -1;
        for (let i = 0; i < heads.length; i++) {
          const next = heads[i].next;
          if (next && (min < 0 || byFirstActivity(next, heads[min].next!) < 0)) min = i;
        }
        if (min < 0) return;
        yield heads[min].next!.row;
        heads[min].next = readNext(heads[min].lines);
      }
    } finally {
      // A reader left before its end (a slice from the start again) closes its files.
      for (const head of heads) head.lines.return(undefined);
    }
  }

  /** Rows `from` to `to`: read on from the last slice when asked in order, else from the start. */
  slice(from: number, to: number): R[] {
    if (!this.cursor || this.cursor.at > from) {
      this.cursor?.rows.return?.();
      this.cursor = { at: 0, rows: this[Symbol.iterator]() };
    }
    const out: R[] = [];
    for (; this.cursor.at < Math.min(to, this.length); this.cursor.at++) {
      const next = this.cursor.rows.next();
      if (next.done) break;
      if (this.cursor.at >= from) out.push(next.value);
    }
    return out;
  }

  /** Every row, as an array (what JSON.stringify writes; render/json.ts writes a long list in slices instead). */
  toJSON(): R[] {
    return [...this];
  }

  /** Removes the rows' files now (else when the list is collected, or at exit). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.cursor?.rows.return?.();
    disposer?.unregister(this);
    removeFolder(this.dir);
  }
}

function readNext<R>(lines: Iterator<string>): KeyedRow<R> | undefined {
  const next = lines.next();
  return next.done ? undefined : keyedOf<R>(next.value);
}
