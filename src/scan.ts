/**
 * Scan: the report pipeline. Discover -> read records -> keep Support records that validate ->
 * rows -> deduplicate, with every record accounted for exactly once.
 */
import { createHash } from 'node:crypto';
import { decodeFile, DEFAULT_MAX_FILE_BYTES, type InflateEngine } from './decode.ts';
import { discover } from './discover.ts';
import { fileMayMatch, keepsRow, type RowFilter } from './filter.ts';
import { containsAny, countCompactRecords, sourceNeedles } from './prefilter.ts';
import { recordsFromBytes } from './read-records.ts';
import { sourcesFor, toSupportRow, type SourceSelection } from './support-rows.ts';
import type { CloudTrailRecord, EntryCounts, FileCounts, FileRecordCounts, LogFile, RecordBatch, RecordCounts, Reject, SupportRow } from './types.ts';
import { validatePartialRecord, validateRecord, validateSupportRecord } from './validate.ts';
import { OutcomeMerger } from './outcome-merger.ts';

export { OutcomeMerger };

export interface ScanOptions {
  readonly sources?: SourceSelection;
  readonly filter?: RowFilter;
  readonly maxFileBytes?: number;
  readonly inflate?: InflateEngine;
  /** Skip files whose path date is outside --since/--until (default true). */
  readonly pruneByPath?: boolean;
  /**
   * Streaming: called with each file's kept (deduplicated) rows, in discovery order, before the
   * next file is read. With `keepRows: false` the result holds no rows, so memory stays flat.
   */
  readonly onRows?: (rows: SupportRow[]) => void | Promise<void>;
  /** Collect the rows in the result (default true). */
  readonly keepRows?: boolean;
  /** Count, not parse, files that contain no selected event source (default true; see prefilter.ts). */
  readonly prefilter?: boolean;
}

/** What one log file contributed. Rows carry a fingerprint of their record for duplicate checks. */
export interface FileOutcome {
  readonly file: LogFile;
  readonly reject?: Reject;
  readonly rows: SupportRow[];
  readonly fingerprints: string[];
  readonly rejects: Reject[];
  readonly counts: FileRecordCounts;
  /** Set when the content showed the file is not a log file after all (a digest without a digest name). */
  readonly skipped?: 'digest';
  /** Set for a `.zip`/`.tar`: its entries are counted as the files (see EntryCounts). */
  readonly entries?: EntryCounts;
}

/** Everything a run found: the Support rows, the rejects ledger, and the counts that add up. */
export interface ScanResult {
  readonly rows: SupportRow[];
  readonly rejects: Reject[];
  readonly files: FileCounts;
  readonly records: RecordCounts;
}

const isObject = (v: unknown): v is CloudTrailRecord => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Sorts the records of one file into kept rows, rejects and filtered-out counts (pure). */
export function outcomeOf(
  file: LogFile,
  batches: readonly RecordBatch[],
  sources: ReadonlySet<string>,
  filter: RowFilter,
  /** Records the shape readers could not unwrap (a bad line, a lookup-events mismatch), and failed archive entries. */
  shapeRejects: readonly Reject[] = [],
): FileOutcome {
  const rows: SupportRow[] = [];
  const fingerprints: string[] = [];
  const rejects: Reject[] = [...shapeRejects];
  const unwrapFailures = shapeRejects.filter((r) => r.index !== null).length;
  const counts: FileRecordCounts = { seen: unwrapFailures, support: 0, notSupport: 0, excluded: 0, rejected: unwrapFailures };
  for (const batch of batches) {
    const where = batch.archivePath === null ? {} : { archivePath: batch.archivePath };
    const origin = { inputShape: batch.shape, archivePath: batch.archivePath, partial: batch.partial };
    counts.seen += batch.records.length;
    batch.records.forEach((record, i) => {
      const index = batch.indexes === null ? i : batch.indexes[i];
      if (!isObject(record)) {
        counts.rejected++;
        rejects.push({ path: file.path, ...where, index, stage: 'validate', reason: 'record is not a JSON object', pointer: '' });
        return;
      }
      // Only Support records are validated here: the rest are counted, not inspected (`validate`
      // checks every record). This is what lets a file with no Support event skip the parse.
      if (typeof record.eventSource !== 'string' || !sources.has(record.eventSource)) {
        counts.notSupport++;
        return;
      }
      const issues = batch.partial ? validatePartialRecord(record) : validateRecord(record);
      const issue = issues[0] ?? validateSupportRecord(record)[0];
      if (issue) {
        counts.rejected++;
        rejects.push({ path: file.path, ...where, index, stage: 'validate', reason: issue.message, pointer: issue.pointer });
        return;
      }
      const raw = JSON.stringify(record);
      const row = toSupportRow(record, file, index, raw, origin);
      if (!keepsRow(filter, row)) {
        counts.excluded++;
        return;
      }
      counts.support++;
      rows.push(row);
      fingerprints.push(createHash('sha256').update(raw).digest('hex'));
    });
  }
  return { file, rows, fingerprints, rejects, counts };
}

/** Reads one log file and sorts its records. Never throws. */
export async function scanFile(file: LogFile, options: ScanOptions): Promise<FileOutcome> {
  const decodeOptions = { maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, inflate: options.inflate };
  const decoded = await decodeFile(file.path, decodeOptions);
  if (!decoded.ok) return failed(file, { path: file.path, index: null, stage: decoded.stage, reason: decoded.reason });
  const sources = sourcesFor(options.sources ?? 'support');
  if (options.prefilter !== false && !containsAny(decoded.bytes, needlesFor(sources))) {
    const count = countCompactRecords(decoded.bytes);
    if (count !== undefined) return { file, rows: [], fingerprints: [], rejects: [], counts: { ...emptyCounts(), seen: count, notSupport: count } };
  }
  const read = recordsFromBytes(file, decoded.bytes, decoded.gzip, decodeOptions);
  if (!read.ok) return failed(file, read.reject);
  if (read.digest) return { file, skipped: 'digest', rows: [], fingerprints: [], rejects: [], counts: emptyCounts() };
  const outcome = outcomeOf(file, read.batches, sources, options.filter ?? {}, read.rejects);
  return read.entries ? { ...outcome, entries: read.entries } : outcome;
}

const needleCache = new WeakMap<ReadonlySet<string>, Uint8Array[]>();
function needlesFor(sources: ReadonlySet<string>): Uint8Array[] {
  let needles = needleCache.get(sources);
  if (!needles) needleCache.set(sources, (needles = sourceNeedles(sources)));
  return needles;
}

const failed = (file: LogFile, reject: Reject): FileOutcome => ({ file, reject, rows: [], fingerprints: [], rejects: [reject], counts: emptyCounts() });

const emptyCounts = (): FileRecordCounts => ({ seen: 0, support: 0, notSupport: 0, excluded: 0, rejected: 0 });

/**
 * Runs the report pipeline over files and folders. Files are handled in discovery order and
 * merged in that order, so the result does not depend on timing. Throws RunError only for a
 * missing input path.
 */
export async function scan(paths: readonly string[], options: ScanOptions = {}): Promise<ScanResult> {
  const merger = new OutcomeMerger(options.keepRows ?? true);
  const filter = options.filter ?? {};
  for await (const found of discover(paths)) {
    if ('reject' in found) {
      merger.addDiscoveryReject(found.reject);
      continue;
    }
    const file = found.file;
    if (file.kind !== 'log') {
      merger.addSkipped(file.kind);
      continue;
    }
    if (options.pruneByPath !== false && !fileMayMatch(filter, file)) {
      merger.addSkipped('outOfRange');
      continue;
    }
    const kept = merger.add(await scanFile(file, options));
    if (options.onRows && kept.length > 0) await options.onRows(kept);
  }
  return merger.result();
}
