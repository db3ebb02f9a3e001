/**
 * The report's per-file job: one log file (or each entry of an archive) -> kept Support rows,
 * rejects and counts. It runs on worker threads too (`runJob`), so its options are plain data.
 */
import { DEFAULT_MAX_FILE_BYTES, type InflateEngine } from '../read/decode.ts';
import { type DocumentReader, ledgerOf, type LogFileRead, readLogFile } from '../read/log-file.ts';
import type { RowFilter } from '../rows/filter.ts';
import { type SourceSelection, sourcesFor } from '../rows/support-row.ts';
import type { LogFile } from '../types.ts';
import { compactRecordBounds, NOT_A_RECORD, parseCompactRecord, recordIndexAt } from './compact-form.ts';
import { addOutcome, type FileOutcome, noRecords, outcomeOf, outcomeOfBatches } from './outcome.ts';
import { escapeHits, eventSourceHits, type NeedleSet, sourceNeedles } from './prefilter.ts';

/** What reading one file needs: plain, structured-cloneable data. */
export interface FileScanOptions {
  readonly sources?: SourceSelection;
  readonly filter?: RowFilter;
  readonly maxFileBytes?: number;
  readonly inflate?: InflateEngine;
  /** Count, not parse, files that contain no selected event source (default true; see prefilter.ts). */
  readonly prefilter?: boolean;
}

/**
 * The prefilter path (see prefilter.ts): in a compact delivery file, parse only the records whose
 * eventSource may be a selected source. Undefined when the file is not in that form or a slice
 * does not parse: the caller then parses the whole file, which also names any problem exactly.
 */
function selectedRecords(bytes: Uint8Array, needles: NeedleSet): { seen: number; entries: [number, unknown][] } | undefined {
  const bounds = compactRecordBounds(bytes);
  if (!bounds) return undefined;
  const indexes = new Set<number>();
  for (const at of eventSourceHits(bytes, needles)) indexes.add(recordIndexAt(bounds, at));
  for (const at of escapeHits(bytes)) indexes.add(recordIndexAt(bounds, at));
  const entries: [number, unknown][] = [];
  for (const index of [...indexes].sort((a, b) => a - b)) {
    const record = parseCompactRecord(bytes, bounds, index);
    if (record === NOT_A_RECORD) return undefined;
    entries.push([index, record]);
  }
  return { seen: bounds.length - 1, entries };
}

/** How the scan sorts one document of a file (the file, or one archive entry) into an outcome. */
export function scanReader(file: LogFile, options: FileScanOptions): DocumentReader<FileOutcome> {
  const sources = sourcesFor(options.sources ?? 'support');
  const filter = options.filter ?? {};
  const needles = options.prefilter === false ? undefined : needlesFor(sources);
  return {
    shortcut: needles && ((bytes, archivePath) => {
      const selected = selectedRecords(bytes, needles);
      return selected && outcomeOf(file, selected.seen, selected.entries, sources, filter, { inputShape: 'trail-file', archivePath, partial: false });
    }),
    records: (batches, rejects) => outcomeOfBatches(file, batches, rejects, sources, filter),
  };
}

/** The decode options of a scan. */
export const decodeOptionsOf = (options: FileScanOptions) => ({ maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, inflate: options.inflate });

/** Reads one log file (or each entry of an archive) and sorts its records. Never throws. */
export function scanFile(file: LogFile, options: FileScanOptions): FileOutcome {
  return toFileOutcome(readLogFile(file, decodeOptionsOf(options), scanReader(file, options)));
}

/** The worker entry of this job (workers/worker.ts calls it by this name). */
export const runJob = scanFile;

/** A file read -> one outcome: the documents' rows and counts added up, the ledger in file order. */
export function toFileOutcome(read: LogFileRead<FileOutcome>): FileOutcome {
  const { inputs } = read;
  if (read.kind === 'skipped') return { skippedAs: read.as, rows: [], fingerprints: [], rejects: [], counts: noRecords(), inputs };
  const rejects = ledgerOf(read, (outcome) => outcome.rejects);
  if (read.kind === 'failed') return { reject: read.reject, rows: [], fingerprints: [], rejects, counts: noRecords(), inputs };
  const total: FileOutcome = {
    inputs,
    rows: [],
    fingerprints: [],
    rejects: [],
    counts: noRecords(),
    ...(read.entries ? { entries: read.entries } : {}),
    ...(read.digest === undefined ? {} : { digest: read.digest }),
  };
  for (const part of read.parts) if ('value' in part) addOutcome(total, { ...part.value, rejects: [] });
  for (const reject of rejects) total.rejects.push(reject);
  return total;
}

const needleCache = new WeakMap<ReadonlySet<string>, NeedleSet>();
function needlesFor(sources: ReadonlySet<string>): NeedleSet {
  let needles = needleCache.get(sources);
  if (!needles) needleCache.set(sources, needles = sourceNeedles(sources));
  return needles;
}
