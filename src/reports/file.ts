/**
 * The report's per-file job: the scan's per-file job (scan/file.ts), then the file's rows folded
 * into a report partial right there, on the worker. What goes back to the main thread is the
 * partial and each row's key for duplicate detection, not the rows.
 */
import { type DocumentReader, readLogFile } from '../read/log-file.ts';
import { decodeOptionsOf, type FileScanOptions, scanReader, toFileOutcome } from '../scan/file.ts';
import { type FileOutcome, keepingRecords, type RowSink } from '../scan/outcome.ts';
import { KeyPacker, noKeys, type PackedKeys, type RowKey, type RowPlaces } from '../scan/row-keys.ts';
import type { CloudTrailRecord, LogFile, SupportRow } from '../types.ts';
import type { ReportName } from './names.ts';
import type { EventFloor } from './event-list.ts';
import { emptyPartial, endDocument, foldHiddenRows, foldReportRow, mergePartials, type ReportPartial } from './fold.ts';
import { foldRuleRecord } from '../findings/fold.ts';
import { packCaseState } from '../cases/build-cases.ts';
import type { SigmaRule } from '../findings/sigma-rule.ts';

export interface ReportFileOptions extends FileScanOptions {
  readonly reports: readonly ReportName[];
  /** The event list's bound (event-list.ts). */
  readonly eventLimit: number;
  /** The event list's floor, shared with the main thread (event-list.ts): rows under it are not folded into the list. */
  readonly eventFloor?: EventFloor;
  /**
   * Rows to leave out of the partial, by place: the duplicates of rows kept from earlier files (a
   * fold again on the main thread; the outcome then has no keys).
   */
  readonly exclude?: RowPlaces;
  /** Detection rules to run on each kept record (and on the records of `ruleSources`); findings are folded when set. */
  readonly rules?: readonly SigmaRule[];
  /** Rows (kept or context) to leave out of the cases only, by place: repeats of events the cases already hold. */
  readonly caseExclude?: RowPlaces;
  /** The file's cases sent as lines (cases/case-spill.ts), not objects: for a merged state that keeps them so. */
  readonly packCases?: boolean;
}

/** A file's outcome with its rows folded: of its rows (and context rows) only their keys, packed. */
export type ReportFileOutcome = Omit<FileOutcome, 'rows' | 'context' | 'fingerprints'> & {
  readonly keys: PackedKeys;
  /** Set when the context rows were asked for (`withContext`). */
  readonly contextKeys?: PackedKeys;
  readonly partial: ReportPartial;
};

/**
 * Reads one file and folds its Support rows into a report partial, row by row as they are made
 * (fold.ts foldReportRow), into a partial per document that is added to the file's when the
 * document is done: an archive's entry is folded before the next is read, so its rows are never
 * all held at once (six 31 MiB all-Support zip entries peaked at 907 MB when the file's rows were
 * folded together), and a document the prefilter gives up on (scan/file.ts) is read again whole
 * without counting twice. Never throws.
 */
export function reportFile(file: LogFile, options: ReportFileOptions): ReportFileOutcome {
  const { exclude: excluded, caseExclude: caseExcluded } = options;
  const forCases = (rows: SupportRow[]) => (caseExcluded ? rows.filter((row) => !caseExcluded.has(row.archivePath, row.index)) : rows);
  // A fold again without some rows (`exclude` given, on the main thread) needs no keys: its caller has them.
  const keys = excluded ? undefined : new KeyPacker();
  const contextKeys = options.withContext && !excluded ? new KeyPacker() : undefined;
  const fresh = () => emptyPartial(options.reports, options.rules !== undefined);
  const rules = options.rules ?? [];
  const filter = options.filter ?? {};
  let partial: ReportPartial | undefined;
  let doc = fresh();
  const others = doc.findings &&
    ((record: CloudTrailRecord, index: number, archivePath: string | null) => foldRuleRecord(doc.findings!, rules, record, file, index, archivePath, filter));
  const sink: RowSink = (row, record) => {
    if (!excluded?.has(row.archivePath, row.index)) {
      const forCase = !caseExcluded?.has(row.archivePath, row.index);
      foldReportRow(doc, row, record, options.eventLimit, rules, forCase, options.eventFloor);
    }
    return keyOf(row) as unknown as SupportRow;
  };
  const { read } = keepingRecords((recordOf) => {
    const scan = scanReader(file, options, others, sink);
    // A document done: its rows (keys already) are packed; the rows the filters dropped go to the cases only.
    const settle = (outcome: FileOutcome | undefined): FileOutcome | undefined => {
      const folded = doc;
      doc = fresh();
      if (!outcome) return undefined;
      if (outcome.context) foldHiddenRows(folded, forCases(outcome.context), recordOf);
      endDocument(folded, options.eventLimit);
      partial = partial ? endDocument(mergePartials(partial, folded, options.eventLimit), options.eventLimit) : folded;
      keys?.addAll(outcome.rows, outcome.fingerprints);
      if (outcome.context) contextKeys?.addAll(outcome.context);
      return { ...outcome, rows: [], fingerprints: [], context: undefined };
    };
    const reader: DocumentReader<FileOutcome> = {
      shortcut: scan.shortcut && ((bytes, archivePath) => settle(scan.shortcut!(bytes, archivePath))),
      records: (batches, rejects, archivePath) => settle(scan.records(batches, rejects, archivePath))!,
    };
    return { read: readLogFile(file, decodeOptionsOf(options), reader) };
  });
  const { rows: _rows, fingerprints: _fingerprints, context: _context, ...rest } = toFileOutcome(read);
  // A file that failed or was skipped has no rows, whatever its documents had (as toFileOutcome says).
  const wasRead = read.kind === 'read';
  const folded = partial ?? doc;
  if (options.packCases && folded.cases) packCaseState(folded.cases, folded.findings?.caseAccounts);
  return {
    ...rest,
    keys: wasRead && keys ? keys.pack() : noKeys(),
    ...(contextKeys ? { contextKeys: wasRead ? contextKeys.pack() : noKeys() } : {}),
    partial: folded,
  };
}

/** What the merger needs of a row (a small object in its place until the document is packed). */
const keyOf = (row: SupportRow): RowKey => ({
  eventID: row.eventID,
  file: row.file,
  archivePath: row.archivePath,
  index: row.index,
  inputShape: row.inputShape,
  partial: row.partial,
});

/** The worker entry of this job (workers/worker.ts calls it by this name). */
export const runJob = reportFile;
