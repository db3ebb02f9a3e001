/**
 * Adds file outcomes up in discovery order: counts, the rejects ledger, and the kept rows with
 * repeated eventIDs dropped (the first in path order wins, and the ledger says what the repeat
 * was: identical, different, or the same event read through another shape).
 */
import { FirstSeen, type FirstSeenEntry, printOf } from './first-seen.ts';
import { uuidWords } from './uuid-words.ts';
import { DuplicateFiles, FileTally } from '../read/file-counts.ts';
import type { FileOutcome } from './outcome.ts';
import type { FileCounts, LedgerLines, LogFile, RecordCounts, Reject, SupportRow } from '../types.ts';
import { asDuplicate, type SeenInput, SKIP_REASONS, unreadInput, unwalkedInput } from '../read/provenance.ts';
import { DIFFERENT, IDENTICAL, Ledger, PARTIAL_SIDE } from './ledger.ts';
import { idHeldAt, type PackedKeys, placedKeyAt, type RowKey } from './row-keys.ts';

export type { RowKey } from './row-keys.ts';

/** A file's outcome whose rows may be only their keys (the report folds the rows where they are read). */
export type KeyedOutcome<R extends RowKey> = Omit<FileOutcome, 'rows' | 'context'> & { readonly rows: readonly R[] };

/** A file's outcome but its rows: what is added once they are. */
export type FileRest = Omit<FileOutcome, 'rows' | 'context' | 'fingerprints'>;

/** A file added in pieces ({@link OutcomeMerger.openFile}). */
export interface FileInPieces<R extends RowKey> {
  /** Adds one document's rows (with their fingerprints); returns those kept: none for a copy of a file read before. */
  rows(rows: readonly R[], fingerprints: readonly string[]): R[];
  /** Adds rows given as packed keys; returns a flag a row, 1 for a row kept (all 0 for a copy of a file read before). */
  packed(keys: PackedKeys): Uint8Array;
  /** Adds the rest of the file's outcome, its rows given before (its own `rows` are not read). */
  end(outcome: FileRest): void;
}

/** `path`, or `path!/entry` for a record inside an archive (the ledger adds `#index`). */
const placeOf = (row: Pick<RowKey, 'file' | 'archivePath'>) => `${row.file}${row.archivePath === null ? '' : `!/${row.archivePath}`}`;

/** The merge of a run: rows kept, the ledger (compact), counts; `rejects` makes every ledger line at once, when read. */
export interface MergeResult {
  readonly rows: SupportRow[];
  readonly ledger: LedgerLines;
  readonly rejects: Reject[];
  readonly files: FileCounts;
  readonly records: RecordCounts;
  readonly inputs?: SeenInput[];
}

const SCRATCH = new Uint32Array(4);

/** Adds file outcomes up, in the order given, and drops repeated eventIDs (first one wins). */
export class OutcomeMerger {
  private readonly rows: SupportRow[] = [];
  /** Only what the ledger line needs (not the row: with keepRows false rows must not be held), compactly. */
  private readonly firstById = new FirstSeen();
  private readonly rejects = new Ledger(this.firstById);
  private readonly files = new FileTally();
  private readonly duplicateFiles = new DuplicateFiles();
  private readonly records: RecordCounts = { seen: 0, support: 0, filteredOut: 0, notSupport: 0, notSelected: 0, excluded: 0, rejected: 0, duplicates: 0 };

  /** Every input seen, in order, when asked for (the manifest's `inputs`): one small line per file. */
  private readonly inputs: SeenInput[] | undefined;

  /**
   * @param keepRows collect kept rows for {@link result} (false when they are streamed away).
   * @param keepInputs collect each file's provenance line for the manifest.
   */
  constructor(private readonly keepRows = true, keepInputs = false) {
    this.inputs = keepInputs ? [] : undefined;
  }

  addDiscoveryReject(reject: Reject): void {
    this.files.failed();
    this.rejects.push(reject);
    this.inputs?.push(unwalkedInput(reject.path, reject.reason));
  }

  /** A file pruned by its path date, unread. */
  addUnread(file: LogFile): void {
    this.files.skipped('outOfRange');
    this.inputs?.push(unreadInput(file, SKIP_REASONS.outOfRange));
  }

  addSkipped(kind: keyof FileCounts['skipped']): void {
    this.files.skipped(kind);
  }

  /** How many files were byte-identical copies of files read before them (their records are not counted). */
  get copiesSkipped(): number {
    return this.files.counts.skipped.duplicate;
  }

  /** True when a kept row of this eventID was added before. */
  hasKept(eventID: string): boolean {
    return this.firstById.entryOf(eventID) >= 0;
  }

  /** Adds the outcome of the file at `path`; returns the rows it kept (after dropping duplicates). */
  add<R extends RowKey>(outcome: KeyedOutcome<R>, path: string): R[] {
    const file = this.openFile<R>(path, outcome.digest);
    const kept = file.rows(outcome.rows, outcome.fingerprints);
    file.end(outcome);
    return kept;
  }

  /**
   * Adds the file at `path` whose rows come as packed keys (the report's job folds its rows where
   * it reads them); returns a flag a row, 1 for a row kept.
   */
  addPacked(outcome: FileRest, keys: PackedKeys, path: string): Uint8Array {
    const file = this.openFile(path, outcome.digest);
    const kept = file.packed(keys);
    file.end(outcome);
    return kept;
  }

  /**
   * Adds the file at `path` in pieces, as {@link add} would add it whole: its rows document by
   * document (a streamed export writes each document's rows before the next document is read),
   * then the rest of its outcome. `digest` is its content digest, known once it is decoded.
   */
  openFile<R extends RowKey>(path: string, digest: string | undefined): FileInPieces<R> {
    let duplicate: Reject | undefined | null = null;
    const copyOf = () => (duplicate === null ? (duplicate = this.duplicateFiles.check(path, digest)) : duplicate);
    // The ledger lines of repeated eventIDs go after the file's own lines, as when it is added whole.
    const repeats = this.rejects.repeatMark();
    return {
      // A file with rows has records seen: the copy check of `end` is made here, before its rows count.
      rows: (rows, fingerprints) => {
        if (rows.length === 0 || copyOf()) return [];
        const kept = rows.filter((row, i) => this.keepRow(row, printOf(fingerprints[i])));
        this.records.support += kept.length;
        if (this.keepRows) { for (const row of kept) this.rows.push(row as unknown as SupportRow); }
        return kept;
      },
      packed: (keys) => {
        const kept = new Uint8Array(keys.length);
        if (keys.length === 0 || copyOf()) return kept;
        for (let i = 0; i < keys.length; i++) {
          if (this.keepPacked(keys, i)) {
            kept[i] = 1;
            this.records.support++;
          }
        }
        return kept;
      },
      end: (outcome) => this.endFile(outcome, outcome.counts.seen > 0 ? copyOf() : undefined, repeats),
    };
  }

  private endFile(outcome: FileRest, duplicate: Reject | undefined, repeats: number): void {
    const inputs = outcome.inputs ?? [];
    // A file whose records do not count has no repeat lines either.
    if (outcome.skippedAs || duplicate) this.rejects.dropRepeats(repeats);
    if (outcome.skippedAs) {
      this.addSkipped(outcome.skippedAs);
      for (const input of inputs) this.inputs?.push(input);
      return;
    }
    if (duplicate) {
      this.addSkipped('duplicate');
      this.rejects.push(duplicate);
      for (const input of asDuplicate(inputs)) this.inputs?.push(input);
      return;
    }
    for (const input of inputs) this.inputs?.push(input);
    if (outcome.entries) this.files.archive(outcome.entries);
    else if (outcome.reject) this.files.failed();
    else this.files.read();
    const { counts } = outcome;
    this.records.seen += counts.seen;
    this.records.notSupport += counts.notSupport;
    this.records.notSelected += counts.notSelected;
    this.records.excluded += counts.excluded;
    this.records.filteredOut += counts.notSupport + counts.notSelected + counts.excluded;
    this.records.rejected += counts.rejected;
    // One by one, not push(...array): spreading ~125k items overflows the stack.
    for (const reject of outcome.rejects) this.rejects.push(reject);
    this.rejects.placeRepeats(repeats);
  }

  /** True for a row kept: its eventID is new (or it has none); else it is counted as a repeat, with its ledger line. */
  private keepRow(row: RowKey, print: number): boolean {
    if (row.eventID === null) return true;
    const uuid = uuidWords(row.eventID, SCRATCH);
    if (this.repeated(uuid ? this.firstById.entryOfWords(SCRATCH, 0) : this.firstById.entryOf(row.eventID), row, print)) return false;
    if (uuid) this.firstById.addWords(SCRATCH, 0, firstOf(row, print));
    else this.firstById.addOther(row.eventID, firstOf(row, print));
    return true;
  }

  /** {@link keepRow} for row `i` of packed keys, its UUID read as words where they are. */
  private keepPacked(keys: PackedKeys, i: number): boolean {
    const id = idHeldAt(keys, i);
    if (id === 'none') return true;
    const row = placedKeyAt(keys, i);
    const print = keys.prints[i];
    if (this.repeated(id === 'uuid' ? this.firstById.entryOfWords(keys.ids, i * 4) : this.firstById.entryOf(id.other), row, print)) return false;
    if (id === 'uuid') this.firstById.addWords(keys.ids, i * 4, firstOf(row, print));
    else this.firstById.addOther(id.other, firstOf(row, print));
    return true;
  }

  /** True when `entry` is a first occurrence (not -1): the row is counted as its repeat and its ledger line stored. */
  private repeated(entry: number, row: Omit<RowKey, 'eventID'>, print: number): boolean {
    if (entry < 0) return false;
    this.records.duplicates++;
    const first = this.firstById.entry(entry);
    const kind = first.partial !== row.partial ? PARTIAL_SIDE : first.print === print ? IDENTICAL : DIFFERENT;
    this.rejects.addRepeat({ file: row.file, archivePath: row.archivePath, index: row.index, first: entry, kind, shape: row.inputShape });
    return true;
  }

  /** The run's result, once every file is merged (its `rejects` are made from the ledger when first read). */
  result(): MergeResult {
    const ledger = this.rejects;
    // The scan is done: the index is needed after only by repeat lines (FirstSeen.release).
    if (!ledger.hasRepeats) this.firstById.release();
    let rejects: Reject[] | undefined;
    const inputs = this.inputs ? { inputs: this.inputs } : {};
    return {
      rows: this.rows,
      ledger,
      // Made on demand: 2.25M repeat lines as objects are ~700 MB, and the CLI writes the ledger in slices.
      get rejects() {
        return (rejects ??= [...ledger]);
      },
      files: this.files.counts,
      records: this.records,
      ...inputs,
    };
  }
}

/** What the ledger's repeat lines name of a first occurrence. */
const firstOf = (row: Omit<RowKey, 'eventID'>, print: number): FirstSeenEntry => ({
  place: placeOf(row),
  index: row.index,
  shape: row.inputShape,
  partial: row.partial,
  print,
});
