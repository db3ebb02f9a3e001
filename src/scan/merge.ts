/**
 * Adds file outcomes up in discovery order: counts, the rejects ledger, and the kept rows with
 * repeated eventIDs dropped (the first in path order wins, and the ledger says what the repeat
 * was: identical, different, or the same event read through another shape).
 */
import { FirstSeen, printOf } from './first-seen.ts';
import { DuplicateFiles, FileTally } from '../read/file-counts.ts';
import type { FileOutcome } from './outcome.ts';
import type { FileCounts, LogFile, RecordCounts, Reject, SupportRow } from '../types.ts';
import { asDuplicate, type SeenInput, SKIP_REASONS, unreadInput, unwalkedInput } from '../read/provenance.ts';

/** What duplicate detection reads of a row: its id and where and how it was read. */
export type RowKey = Pick<SupportRow, 'eventID' | 'file' | 'archivePath' | 'index' | 'inputShape' | 'partial'>;

/** A file's outcome whose rows may be only their keys (the report folds the rows where they are read). */
export type KeyedOutcome<R extends RowKey> = Omit<FileOutcome, 'rows' | 'context'> & { readonly rows: readonly R[] };

/** A file added in pieces ({@link OutcomeMerger.openFile}). */
export interface FileInPieces<R extends RowKey> {
  /** Adds one document's rows (with their fingerprints); returns those kept: none for a copy of a file read before. */
  rows(rows: readonly R[], fingerprints: readonly string[]): R[];
  /** Adds the rest of the file's outcome, its rows given before (its own `rows` are not read). */
  end(outcome: Omit<KeyedOutcome<R>, 'rows'>): void;
}

/** `path`, or `path!/entry` for a record inside an archive (the ledger adds `#index`). */
const placeOf = (row: RowKey) => `${row.file}${row.archivePath === null ? '' : `!/${row.archivePath}`}`;

/** Adds file outcomes up, in the order given, and drops repeated eventIDs (first one wins). */
export class OutcomeMerger {
  private readonly rows: SupportRow[] = [];
  private readonly rejects: Reject[] = [];
  /** Only what the ledger line needs (not the row: with keepRows false rows must not be held), compactly. */
  private readonly firstById = new FirstSeen();
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
    return this.firstById.get(eventID) !== undefined;
  }

  /** Adds the outcome of the file at `path`; returns the rows it kept (after dropping duplicates). */
  add<R extends RowKey>(outcome: KeyedOutcome<R>, path: string): R[] {
    const file = this.openFile<R>(path, outcome.digest);
    const kept = file.rows(outcome.rows, outcome.fingerprints);
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
    const repeats: Reject[] = [];
    return {
      // A file with rows has records seen: the copy check of `end` is made here, before its rows count.
      rows: (rows, fingerprints) => {
        if (rows.length === 0 || copyOf()) return [];
        const kept = rows.filter((row, i) => this.isFirst(row, fingerprints[i], repeats));
        this.records.support += kept.length;
        if (this.keepRows) { for (const row of kept) this.rows.push(row as unknown as SupportRow); }
        return kept;
      },
      end: (outcome) => this.endFile(outcome, outcome.counts.seen > 0 ? copyOf() : undefined, repeats),
    };
  }

  private endFile(outcome: Omit<KeyedOutcome<RowKey>, 'rows'>, duplicate: Reject | undefined, repeats: readonly Reject[]): void {
    const inputs = outcome.inputs ?? [];
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
    for (const reject of repeats) this.rejects.push(reject);
  }

  private isFirst(row: RowKey, fingerprint: string, repeats: Reject[]): boolean {
    const first = row.eventID === null ? undefined : this.firstById.get(row.eventID);
    if (first) {
      this.records.duplicates++;
      const same = first.partial !== row.partial
        ? 'the same event (one side partial) as'
        : first.print === printOf(fingerprint)
        ? 'identical to'
        : 'DIFFERENT payload from';
      // The same event seen through two shapes (an Event history export beside the trail files) says so.
      const shapes = first.shape === row.inputShape ? '' : ` (read as ${first.shape} there, as ${row.inputShape} here)`;
      const reason = `duplicate eventID ${row.eventID}: ${same} ${first.place}#${first.index}${shapes}`;
      repeats.push({ path: row.file, ...(row.archivePath === null ? {} : { archivePath: row.archivePath }), index: row.index, stage: 'dedupe', reason });
      return false;
    }
    if (row.eventID !== null) {
      this.firstById.add(row.eventID, { place: placeOf(row), index: row.index, shape: row.inputShape, partial: row.partial, fingerprint });
    }
    return true;
  }

  result(): { rows: SupportRow[]; rejects: Reject[]; files: FileCounts; records: RecordCounts; inputs?: SeenInput[] } {
    const inputs = this.inputs ? { inputs: this.inputs } : {};
    return { rows: this.rows, rejects: this.rejects, files: this.files.counts, records: this.records, ...inputs };
  }
}
