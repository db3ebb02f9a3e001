/**
 * The report's per-file job: the scan's per-file job (scan/file.ts), then the file's rows folded
 * into a report partial right there, on the worker. What goes back to the main thread is the
 * partial and each row's key for duplicate detection, not the rows.
 */
import { type DocumentReader, readLogFile } from '../read/log-file.ts';
import { decodeOptionsOf, type FileScanOptions, scanReader, toFileOutcome } from '../scan/file.ts';
import { type FileOutcome, keepingRecords } from '../scan/outcome.ts';
import { KeyPacker, noKeys, type PackedKeys, type RowPlaces } from '../scan/row-keys.ts';
import type { CloudTrailRecord, LogFile, SupportRow } from '../types.ts';
import type { ReportName } from './names.ts';
import type { EventFloor } from './event-list.ts';
import { emptyPartial, foldHiddenRows, foldReportRows, type ReportPartial } from './fold.ts';
import { foldRuleRecord } from '../findings/fold.ts';
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
}

/** A file's outcome with its rows folded: of its rows (and context rows) only their keys, packed. */
export type ReportFileOutcome = Omit<FileOutcome, 'rows' | 'context' | 'fingerprints'> & {
  readonly keys: PackedKeys;
  /** Set when the context rows were asked for (`withContext`). */
  readonly contextKeys?: PackedKeys;
  readonly partial: ReportPartial;
};

/**
 * Reads one file and folds its Support rows into a report partial, document by document: an
 * archive's entry is folded before the next is read, so its rows are never all held at once (six
 * 31 MiB all-Support zip entries peaked at 907 MB when the file's rows were folded together).
 * Never throws.
 */
export function reportFile(file: LogFile, options: ReportFileOptions): ReportFileOutcome {
  const { exclude: excluded, caseExclude: caseExcluded } = options;
  const forCases = (rows: SupportRow[]) => (caseExcluded ? rows.filter((row) => !caseExcluded.has(row.archivePath, row.index)) : rows);
  // A fold again without some rows (`exclude` given, on the main thread) needs no keys: its caller has them.
  const keys = excluded ? undefined : new KeyPacker();
  const contextKeys = options.withContext && !excluded ? new KeyPacker() : undefined;
  const partial = emptyPartial(options.reports, options.rules !== undefined);
  const rules = options.rules ?? [];
  const findings = partial.findings;
  const filter = options.filter ?? {};
  const others = findings &&
    ((record: CloudTrailRecord, index: number, archivePath: string | null) => foldRuleRecord(findings, rules, record, file, index, archivePath, filter));
  const { read, result } = keepingRecords((recordOf) => {
    const scan = scanReader(file, options, others);
    // Each document's rows are folded into the file's partial right away and only their keys kept.
    const fold = (outcome: FileOutcome | undefined): FileOutcome | undefined => {
      if (!outcome) return undefined;
      const folded = excluded ? outcome.rows.filter((row) => !excluded.has(row.archivePath, row.index)) : outcome.rows;
      foldReportRows(partial, folded, options.eventLimit, recordOf, rules, forCases(folded), options.eventFloor);
      if (outcome.context) foldHiddenRows(partial, forCases(outcome.context), recordOf);
      keys?.addAll(outcome.rows, outcome.fingerprints);
      if (outcome.context) contextKeys?.addAll(outcome.context);
      return { ...outcome, rows: [], fingerprints: [], context: undefined };
    };
    const reader: DocumentReader<FileOutcome> = {
      shortcut: scan.shortcut && ((bytes, archivePath) => fold(scan.shortcut!(bytes, archivePath))),
      records: (batches, rejects, archivePath) => fold(scan.records(batches, rejects, archivePath))!,
    };
    const read = readLogFile(file, decodeOptionsOf(options), reader);
    return { read, result: toFileOutcome(read) };
  });
  const { rows: _rows, fingerprints: _fingerprints, context: _context, ...rest } = result;
  // A file that failed or was skipped has no rows, whatever its documents had (as toFileOutcome says).
  const wasRead = read.kind === 'read';
  return {
    ...rest,
    keys: wasRead && keys ? keys.pack() : noKeys(),
    ...(contextKeys ? { contextKeys: wasRead ? contextKeys.pack() : noKeys() } : {}),
    partial,
  };
}

/** The worker entry of this job (workers/worker.ts calls it by this name). */
export const runJob = reportFile;
