/**
 * One log file -> its outcome: kept Support rows, rejects and counts. This is the unit of work a
 * worker thread runs, so its options are plain data (no callbacks).
 */
import { decodeFileSync, DEFAULT_MAX_FILE_BYTES, type InflateEngine } from '../read/decode.ts';
import { fileWarnings } from '../read/file-warnings.ts';
import type { RowFilter } from '../rows/filter.ts';
import { outcomeOf, outcomeOfBatches } from './outcome.ts';
import { compactRecordBounds, NOT_A_RECORD, parseCompactRecord, recordIndexAt } from './compact-form.ts';
import { escapeHits, eventSourceHits, sourceNeedles, type NeedleSet } from './prefilter.ts';
import { isArchive } from '../read/archive-parts.ts';
import { confirmNamedKind, recordsOfDocument } from '../read/records.ts';
import { outcomeOfArchive } from './archive.ts';
import { sourcesFor, type SourceSelection } from '../rows/support-row.ts';
import type { EntryCounts, FileRecordCounts, LogFile, Reject, SupportRow } from '../types.ts';

/** What reading one file needs: plain, structured-cloneable data. */
export interface FileScanOptions {
  readonly sources?: SourceSelection;
  readonly filter?: RowFilter;
  readonly maxFileBytes?: number;
  readonly inflate?: InflateEngine;
  /** Count, not parse, files that contain no selected event source (default true; see prefilter.ts). */
  readonly prefilter?: boolean;
}

/** What one log file contributed. Rows carry a fingerprint of their record for duplicate checks. */
export interface FileOutcome {
  readonly file: LogFile;
  readonly reject?: Reject;
  /** Set when the file turned out to be a sidecar document (a digest, public keys) or an Insights file: skipped. */
  readonly skippedAs?: 'digest' | 'insight' | 'other';
  readonly rows: SupportRow[];
  readonly fingerprints: string[];
  readonly rejects: Reject[];
  readonly counts: FileRecordCounts;
  /** Set for a `.zip`/`.tar`: its entries are counted as the files (see EntryCounts). */
  readonly entries?: EntryCounts;
}

/**
 * The prefilter path (see prefilter.ts): in a compact delivery file, parse only the records whose
 * eventSource may be a selected source. Undefined when the file is not in that form or a slice
 * does not parse: the caller then parses the whole file, which also names any problem exactly.
 */
function selectedRecords(bytes: Uint8Array, needles: NeedleSet): { seen: number; entries: [number, unknown][] } | undefined {
  const bounds = compactRecordBounds(bytes);
  if (!bounds) return undefined;
  const hits = [...eventSourceHits(bytes, needles), ...escapeHits(bytes)];
  const indexes = [...new Set(hits.map((at) => recordIndexAt(bounds, at)))].sort((a, b) => a - b);
  const entries: [number, unknown][] = [];
  for (const index of indexes) {
    const record = parseCompactRecord(bytes, bounds, index);
    if (record === NOT_A_RECORD) return undefined;
    entries.push([index, record]);
  }
  return { seen: bounds.length - 1, entries };
}

/** Reads one log file (or each entry of an archive) and sorts its records. Never throws. */
export async function scanFile(file: LogFile, options: FileScanOptions): Promise<FileOutcome> {
  return scanFileSync(file, options);
}

/**
 * {@link scanFile}, synchronously. The file's bytes live in this thread's reused inflate buffer
 * (decode.ts `reuse`), so nothing may await between decoding them and the last use; archive
 * entries are decoded into their own buffers.
 */
export function scanFileSync(file: LogFile, options: FileScanOptions): FileOutcome {
  const decodeOptions = { maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, inflate: options.inflate };
  const decoded = decodeFileSync(file.readPath ?? file.path, { ...decodeOptions, reuse: true });
  if (!decoded.ok) return failed(file, { path: file.path, index: null, stage: decoded.stage, reason: decoded.reason });
  const sources = sourcesFor(options.sources ?? 'support');
  const filter = options.filter ?? {};
  const needles = options.prefilter === false ? undefined : needlesFor(sources);
  const sortDocument = (bytes: Uint8Array, gzip: boolean, archivePath: string | null, decodeWarning: string | undefined): FileOutcome => {
    let outcome: FileOutcome;
    let named: ReturnType<typeof confirmNamedKind>;
    // A file named as a digest or Insights file is read in full: its content decides (read-records.ts).
    const selected = needles && file.kind === 'log' && selectedRecords(bytes, needles);
    if (selected) {
      outcome = outcomeOf(file, selected.seen, selected.entries, sources, filter, { inputShape: 'trail-file', archivePath, partial: false });
    } else {
      const read = recordsOfDocument(file, bytes, gzip, archivePath);
      named = confirmNamedKind(file, read);
      if (named && 'skipAs' in named) return skipped(file, named.skipAs);
      if (!read.ok) return 'skipAs' in read ? skipped(file, read.skipAs) : failed(file, read.reject);
      outcome = outcomeOfBatches(file, read.batches, read.rejects, sources, filter);
    }
    outcome.rejects.unshift(...fileWarnings(file, bytes, decodeWarning, archivePath), ...(named && 'warning' in named ? [named.warning] : []));
    return outcome;
  };
  if (!isArchive(decoded.bytes)) return sortDocument(decoded.bytes, decoded.gzip, null, decoded.warning);
  const outcome = outcomeOfArchive(file, decoded.bytes, decodeOptions, (name, bytes, warning) => sortDocument(bytes, false, name, warning));
  // A .tar.gz with trailing garbage after its gzip stream: the archive's own warning.
  if (decoded.warning) outcome.rejects.unshift({ path: file.path, index: null, stage: 'decode', reason: decoded.warning, warning: true });
  return outcome;
}

const needleCache = new WeakMap<ReadonlySet<string>, NeedleSet>();
function needlesFor(sources: ReadonlySet<string>): NeedleSet {
  let needles = needleCache.get(sources);
  if (!needles) needleCache.set(sources, (needles = sourceNeedles(sources)));
  return needles;
}

const skipped = (file: LogFile, skippedAs: 'digest' | 'insight' | 'other'): FileOutcome => ({ file, skippedAs, rows: [], fingerprints: [], rejects: [], counts: emptyCounts() });

const failed = (file: LogFile, reject: Reject): FileOutcome => ({ file, reject, rows: [], fingerprints: [], rejects: [reject], counts: emptyCounts() });

const emptyCounts = (): FileRecordCounts => ({ seen: 0, support: 0, notSupport: 0, excluded: 0, rejected: 0 });
