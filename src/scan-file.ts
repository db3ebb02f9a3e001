/**
 * One log file -> its outcome: kept Support rows, rejects and counts. This is the unit of work a
 * worker thread runs, so its options are plain data (no callbacks).
 */
import { createHash } from 'node:crypto';
import { decodeFile, DEFAULT_MAX_FILE_BYTES, type InflateEngine } from './decode.ts';
import { keepsRow, type RowFilter } from './filter.ts';
import { containsAny, countCompactRecords, sourceNeedles } from './prefilter.ts';
import { recordsFromBytes } from './read-records.ts';
import { sourcesFor, toSupportRow, type SourceSelection } from './support-rows.ts';
import type { CloudTrailRecord, FileRecordCounts, LogFile, Reject, SupportRow } from './types.ts';
import { validateRecord, validateSupportRecord } from './validate.ts';

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
  /** Set when the file turned out to be a sidecar document (a digest, public keys): skipped, not read. */
  readonly skippedAs?: 'digest' | 'other';
  readonly rows: SupportRow[];
  readonly fingerprints: string[];
  readonly rejects: Reject[];
  readonly counts: FileRecordCounts;
}

const isObject = (v: unknown): v is CloudTrailRecord => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Sorts the records of one file into kept rows, rejects and filtered-out counts (pure). */
export function outcomeOf(file: LogFile, records: unknown[], sources: ReadonlySet<string>, filter: RowFilter): FileOutcome {
  const rows: SupportRow[] = [];
  const fingerprints: string[] = [];
  const rejects: Reject[] = [];
  const counts: FileRecordCounts = { seen: records.length, support: 0, notSupport: 0, excluded: 0, rejected: 0 };
  records.forEach((record, index) => {
    if (!isObject(record)) {
      counts.rejected++;
      rejects.push({ path: file.path, index, stage: 'validate', reason: 'record is not a JSON object', pointer: '' });
      return;
    }
    // Only Support records are validated here: the rest are counted, not inspected (`validate`
    // checks every record). This is what lets a file with no Support event skip the parse.
    if (typeof record.eventSource !== 'string' || !sources.has(record.eventSource)) {
      counts.notSupport++;
      return;
    }
    const issues = validateRecord(record);
    const issue = issues[0] ?? validateSupportRecord(record)[0];
    if (issue) {
      counts.rejected++;
      rejects.push({ path: file.path, index, stage: 'validate', reason: issue.message, pointer: issue.pointer });
      return;
    }
    const raw = JSON.stringify(record);
    const row = toSupportRow(record, file, index, raw);
    if (!keepsRow(filter, row)) {
      counts.excluded++;
      return;
    }
    counts.support++;
    rows.push(row);
    fingerprints.push(createHash('sha256').update(raw).digest('hex'));
  });
  return { file, rows, fingerprints, rejects, counts };
}

/** Reads one log file and sorts its records. Never throws. */
export async function scanFile(file: LogFile, options: FileScanOptions): Promise<FileOutcome> {
  const decoded = await decodeFile(file.path, { maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, inflate: options.inflate });
  if (!decoded.ok) return failed(file, { path: file.path, index: null, stage: decoded.stage, reason: decoded.reason });
  const sources = sourcesFor(options.sources ?? 'support');
  if (options.prefilter !== false && !containsAny(decoded.bytes, needlesFor(sources))) {
    const count = countCompactRecords(decoded.bytes);
    if (count !== undefined) return { file, rows: [], fingerprints: [], rejects: [], counts: { ...emptyCounts(), seen: count, notSupport: count } };
  }
  const read = recordsFromBytes(file, decoded.bytes, decoded.gzip);
  if (!read.ok && 'skipAs' in read) return { file, skippedAs: read.skipAs, rows: [], fingerprints: [], rejects: [], counts: emptyCounts() };
  if (!read.ok) return failed(file, read.reject);
  return outcomeOf(file, read.records, sources, options.filter ?? {});
}

const needleCache = new WeakMap<ReadonlySet<string>, Uint8Array[]>();
function needlesFor(sources: ReadonlySet<string>): Uint8Array[] {
  let needles = needleCache.get(sources);
  if (!needles) needleCache.set(sources, (needles = sourceNeedles(sources)));
  return needles;
}

const failed = (file: LogFile, reject: Reject): FileOutcome => ({ file, reject, rows: [], fingerprints: [], rejects: [reject], counts: emptyCounts() });

const emptyCounts = (): FileRecordCounts => ({ seen: 0, support: 0, notSupport: 0, excluded: 0, rejected: 0 });
