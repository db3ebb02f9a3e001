/**
 * The rejects ledger of a run, in order, held compactly: a line for a repeated eventID is four
 * numbers (its place, its index, the first occurrence's entry in {@link FirstSeen}, and what kind
 * of repeat it is), made into a `Reject` only when read. As objects with their own texts, the
 * 2,250,031 repeat lines of a zip holding one 31 MiB entry under 48 names took ~700 MB (export
 * peaked at 1199 MB, report at 2727 MB, bench/RESULTS.md "Hostile inputs"); as columns, 16 bytes
 * a line. Every other line (one per failed file, rejected record or warning) is kept as it is.
 */
import type { FirstSeen } from './first-seen.ts';
import type { LedgerLines, Reject, Stage } from '../types.ts';

/** What a repeat is to its first occurrence: the words of its ledger line. */
export const REPEAT_KINDS = ['identical to', 'DIFFERENT payload from', 'the same event (one side partial) as'] as const;
/** The {@link REPEAT_KINDS}: the same payload, another payload, one of the two read from a partial record. */
export const IDENTICAL = 0, DIFFERENT = 1, PARTIAL_SIDE = 2;

/** A repeated eventID's line, as the merger knows it. */
export interface RepeatLine {
  readonly file: string;
  readonly archivePath: string | null;
  readonly index: number;
  /** The first occurrence's entry number in the run's {@link FirstSeen}. */
  readonly first: number;
  /** An index into {@link REPEAT_KINDS}. */
  readonly kind: number;
  readonly shape: string;
}

/** The ledger's lines in runs: `count` plain lines, or repeat lines, from `start` in their own store. */
interface Run {
  readonly repeats: boolean;
  readonly start: number;
  count: number;
}

/** The rejects ledger: plain lines and compact repeat lines, in the order they were added. */
export class Ledger implements LedgerLines {
  private readonly plainLines: Reject[] = [];
  private readonly runs: Run[] = [];
  private repeats = 0;
  /** Repeat lines already in order ({@link placeRepeats}). */
  private placed = 0;
  private places = new Int32Array(1024);
  private indexes = new Int32Array(1024);
  private firsts = new Int32Array(1024);
  /** Shape ordinal * 4 + kind. */
  private notes = new Int32Array(1024);
  private readonly files: string[] = [];
  private readonly archivePaths: (string | null)[] = [];
  private readonly placeIds = new Map<string, number>();
  private readonly shapes: string[] = [];

  /** @param first the run's first occurrences, which the repeat lines name. */
  constructor(private readonly first: FirstSeen) {}

  get length(): number {
    return this.plainLines.length + this.repeats;
  }

  /** Adds a line as it is. */
  push(line: Reject): void {
    const last = this.runs[this.runs.length - 1];
    // Plain lines are stored in order, so a run of them just grows.
    if (last && !last.repeats) last.count++;
    else this.runs.push({ repeats: false, start: this.plainLines.length, count: 1 });
    this.plainLines.push(line);
  }

  /** True when a repeat line was stored (its line names a first occurrence in the run's index). */
  get hasRepeats(): boolean {
    return this.repeats > 0;
  }

  /** Where the next repeat line will be stored: {@link placeRepeats} and {@link dropRepeats} take it. */
  repeatMark(): number {
    return this.repeats;
  }

  /**
   * Stores a repeat line, not yet in the ledger's order: a file's repeat lines follow its own
   * lines, which are known only once the file is read ({@link placeRepeats}).
   */
  addRepeat(line: RepeatLine): void {
    const at = this.repeats++;
    if (at === this.places.length) this.grow();
    const key = `${line.file}\u0000${line.archivePath ?? '\u0001'}`;
    let place = this.placeIds.get(key);
    if (place === undefined) {
      this.placeIds.set(key, place = this.files.push(line.file) - 1);
      this.archivePaths.push(line.archivePath);
    }
    let shape = this.shapes.indexOf(line.shape);
    if (shape < 0) shape = this.shapes.push(line.shape) - 1;
    this.places[at] = place;
    this.indexes[at] = line.index;
    this.firsts[at] = line.first;
    this.notes[at] = shape * 4 + line.kind;
  }

  /** Puts the repeat lines stored since `mark` here, in the ledger's order. */
  placeRepeats(mark: number): void {
    if (this.repeats > mark) this.runs.push({ repeats: true, start: mark, count: this.repeats - mark });
    this.placed = this.repeats;
  }

  /** Forgets the repeat lines stored since `mark` (a file whose rows do not count). */
  dropRepeats(mark: number): void {
    if (mark < this.placed) throw new Error('ledger: repeat lines already placed cannot be dropped');
    this.repeats = mark;
  }

  /** Lines `from` to `to` (not included), made into `Reject`s. */
  slice(from = 0, to = this.length): Reject[] {
    const out: Reject[] = [];
    let at = 0;
    for (const run of this.runs) {
      const lo = Math.max(from, at), hi = Math.min(to, at + run.count);
      for (let i = lo; i < hi; i++) out.push(this.line(run, i - at));
      at += run.count;
      if (at >= to) break;
    }
    return out;
  }

  *[Symbol.iterator](): Iterator<Reject> {
    for (const run of this.runs) for (let i = 0; i < run.count; i++) yield this.line(run, i);
  }

  /** The lines that are not repeats, in order (repeat lines are never warnings, nor failed files). */
  plain(): readonly Reject[] {
    return this.plainLines;
  }

  /** Lines by stage, stages in the order they first appear (without making the repeat lines). */
  countByStage(): Partial<Record<Stage, number>> {
    const counts: Partial<Record<Stage, number>> = {};
    for (const run of this.runs) {
      if (run.repeats) counts.dedupe = (counts.dedupe ?? 0) + run.count;
      else {
        for (let i = run.start; i < run.start + run.count; i++) {
          const { stage } = this.plainLines[i];
          counts[stage] = (counts[stage] ?? 0) + 1;
        }
      }
    }
    return counts;
  }

  private line(run: Run, offset: number): Reject {
    if (!run.repeats) return this.plainLines[run.start + offset];
    const i = run.start + offset;
    const archivePath = this.archivePaths[this.places[i]];
    const note = this.notes[i];
    const first = this.first.entry(this.firsts[i]);
    const shape = this.shapes[note >> 2];
    // The same event seen through two shapes (an Event history export beside the trail files) says so.
    const shapes = first.shape === shape ? '' : ` (read as ${first.shape} there, as ${shape} here)`;
    const reason = `duplicate eventID ${this.first.idOf(this.firsts[i])}: ${REPEAT_KINDS[note & 3]} ${first.place}#${first.index}${shapes}`;
    return { path: this.files[this.places[i]], ...(archivePath === null ? {} : { archivePath }), index: this.indexes[i], stage: 'dedupe', reason };
  }

  private grow(): void {
    const grow = (a: Int32Array) => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.places = grow(this.places);
    this.indexes = grow(this.indexes);
    this.firsts = grow(this.firsts);
    this.notes = grow(this.notes);
  }
}
