/**
 * Case rows kept on disk in their report order, for an archive whose case state went to disk
 * (case-spill.ts): 123,072 case rows held as objects took ~172 MB (~1.4 KB a row) after the
 * 2,000-file dense corpus's scan. The rows are written in runs of {@link RUN_ROWS}, each sorted by
 * (instant of first activity, case id); the list reads the runs back merged, in that order, each
 * time it is iterated, so a renderer holds one row per run at a time. The runs' folder is removed when the
 * list is disposed, when it is garbage-collected, or on any exit (runtime.ts).
 */
import { closeSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FileText, instantJson, linesOf, onDisk, onDiskEach, removeTempFolder, tempFolder } from './on-disk.ts';

/** A row with its order: the instant of its first activity, then its case id. */
export interface KeyedRow<R> {
  readonly at: number;
  readonly id: string;
  readonly row: R;
}

/** Report order: by instant, then case id. */
export const byFirstActivity = <R>(a: KeyedRow<R>, b: KeyedRow<R>): number => a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

// Non-finite instants (an unreadable time is Infinity) as text: JSON has no Infinity.
const lineOf = <R>({ at, id, row }: KeyedRow<R>) => `${JSON.stringify([instantJson(at), id])}\t${JSON.stringify(row)}\n`;
function keyedOf<R>(line: string): KeyedRow<R> {
  const tab = line.indexOf('\t');
  const [at, id] = JSON.parse(line.slice(0, tab)) as [number | string, string];
  return { at: Number(at), id, row: JSON.parse(line.slice(tab + 1)) };
}

const disposer = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry<string>(removeTempFolder) : undefined;

/** Rows sorted in memory before they are written as a run: ~23 MB of case rows. */
const RUN_ROWS = 16_384;
/** Runs read at once: more are first merged into fewer (files open, heads compared per row). */
const MERGE_WIDTH = 64;

/** Sorted runs being written; {@link finish} gives the list. */
export class RowRuns<R> {
  readonly dir = tempFolder('case-rows');
  private runs: string[] = [];
  private pending: KeyedRow<R>[] = [];
  private count = 0;
  private written = 0;
  /** `runRows` and `mergeWidth` are {@link RUN_ROWS} and {@link MERGE_WIDTH} unless a test makes them small. */
  constructor(private readonly runRows = RUN_ROWS, private readonly mergeWidth = MERGE_WIDTH) {}

  /** Adds rows (any order), written as a sorted run once {@link RUN_ROWS} are pending. */
  add(rows: readonly KeyedRow<R>[]): void {
    for (const row of rows) this.pending.push(row);
    this.count += rows.length;
    if (this.pending.length >= this.runRows) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.pending.sort(byFirstActivity);
    const rows = this.pending;
    this.pending = [];
    this.runs.push(this.writeRun(rows));
  }

  /** A new run file of the rows, a line each. */
  private writeRun(rows: Iterable<KeyedRow<R>>): string {
    const path = join(this.dir, `run-${this.written++}`);
    onDisk(this.dir, () => {
      const fd = openSync(path, 'w');
      try {
        const text = new FileText(fd);
        for (const row of rows) text.write(lineOf(row));
        text.flush();
      } finally {
        closeSync(fd);
      }
    });
    return path;
  }

  /** The rows of every run, in report order. */
  finish(): DiskRows<R> {
    this.flush();
    // Runs past the merge width are merged, a width at a time, into longer runs.
    while (this.runs.length > this.mergeWidth) {
      const group = this.runs.slice(0, this.mergeWidth);
      const merged = this.writeRun(onDiskEach(this.dir, mergedRuns<R>(group)));
      onDisk(this.dir, () => group.forEach((run) => rmSync(run)));
      this.runs = [...this.runs.slice(this.mergeWidth), merged];
    }
    return new DiskRows(this.dir, this.runs, this.count);
  }
}

/** The keyed rows of sorted runs, merged in report order (the smallest head by a scan: at most {@link MERGE_WIDTH} runs). */
function* mergedRuns<R>(runs: readonly string[]): Generator<KeyedRow<R>> {
  const heads = runs.map((run) => ({ lines: linesOf(run), next: undefined as KeyedRow<R> | undefined }));
  try {
    for (const head of heads) head.next = readNext(head.lines);
    for (;;) {
      let min = -1;
      for (let i = 0; i < heads.length; i++) {
        const next = heads[i].next;
        if (next && (min < 0 || byFirstActivity(next, heads[min].next!) < 0)) min = i;
      }
      if (min < 0) return;
      yield heads[min].next!;
      heads[min].next = readNext(heads[min].lines);
    }
  } finally {
    // A reader left before its end (a slice from the start again) closes its files.
    for (const head of heads) head.lines.return(undefined);
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
    for (const keyed of onDiskEach(this.dir, mergedRuns<R>(this.runs))) yield keyed.row;
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
    // Read to the end: its last run's file is still open until the reader is closed.
    if (this.cursor.at >= this.length) {
      this.cursor.rows.return?.();
      this.cursor = undefined;
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
    removeTempFolder(this.dir);
  }
}

function readNext<R>(lines: Iterator<string>): KeyedRow<R> | undefined {
  const next = lines.next();
  return next.done ? undefined : keyedOf<R>(next.value);
}
