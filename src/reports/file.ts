/**
 * The report's per-file job: the scan's per-file job (scan/file.ts), then the file's rows folded
 * into a report partial right there, on the worker. What goes back to the main thread is the
 * partial and each row's key for duplicate detection, not the rows.
 */
import { type FileScanOptions, scanFile } from '../scan/file.ts';
import type { RowKey } from '../scan/merge.ts';
import { type FileOutcome, keepingRecords } from '../scan/outcome.ts';
import type { LogFile, SupportRow } from '../types.ts';
import type { ReportName } from './names.ts';
import { emptyPartial, foldReportRows, type ReportPartial } from './fold.ts';

export interface ReportFileOptions extends FileScanOptions {
  readonly reports: readonly ReportName[];
  /** The event list's bound (event-list.ts). */
  readonly eventLimit: number;
  /** Rows to leave out of the partial, by {@link placeKey}: the duplicates of rows kept from earlier files. */
  readonly exclude?: readonly string[];
}

/** A file's outcome with its rows folded: `rows` are only their keys. */
export type ReportFileOutcome = Omit<FileOutcome, 'rows'> & { readonly rows: RowKey[]; readonly partial: ReportPartial };

/** Where a row was read, as one text: archive entry and index within the file. */
export const placeKey = (row: RowKey): string => `${row.archivePath ?? ''}\u0000${row.index}`;

const keyOf = (row: SupportRow): RowKey => ({
  eventID: row.eventID,
  file: row.file,
  archivePath: row.archivePath,
  index: row.index,
  inputShape: row.inputShape,
  partial: row.partial,
});

/** Reads one file and folds its Support rows into a report partial. Never throws. */
export function reportFile(file: LogFile, options: ReportFileOptions): ReportFileOutcome {
  const { result: { rows, ...outcome }, recordOf } = keepingRecords(() => scanFile(file, options));
  const excluded = options.exclude && new Set(options.exclude);
  const folded = excluded ? rows.filter((row) => !excluded.has(placeKey(row))) : rows;
  return { ...outcome, rows: rows.map(keyOf), partial: foldReportRows(emptyPartial(options.reports), folded, options.eventLimit, recordOf) };
}

/** The worker entry of this job (workers/worker.ts calls it by this name). */
export const runJob = reportFile;
