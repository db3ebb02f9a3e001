/**
 * Sorting the records of one file (or archive entry) into an outcome: kept Support rows with
 * their fingerprints, rejects, and counts where every record is in exactly one place. Pure: the
 * unit of work of the report's per-file job (file.ts), for each document of a file.
 */
import { createHash } from 'node:crypto';
import { keepsRow, type RowFilter } from '../rows/filter.ts';
import { isSupportSource, type RowOrigin, toSupportRow, TRAIL_FILE_ORIGIN } from '../rows/support-row.ts';
import type { CloudTrailRecord, EntryCounts, FileRecordCounts, LogFile, RecordBatch, Reject, SupportRow } from '../types.ts';
import { validatePartialRecord, validateRecord, validateSupportRecord } from '../validate/schemas.ts';
import { isObject } from '../read/parse.ts';
import { changedNumberAt } from '../read/exact-numbers.ts';
import type { SeenInput } from '../read/provenance.ts';

/** What one log file contributed. Rows carry a fingerprint of their record for duplicate checks. */
export interface FileOutcome {
  readonly reject?: Reject;
  /** Set when the file turned out to be a sidecar document (a digest, public keys) or an Insights file: skipped. */
  readonly skippedAs?: 'digest' | 'insight' | 'other';
  readonly rows: SupportRow[];
  readonly fingerprints: string[];
  /**
   * The Support rows the filters dropped (counted `excluded`), when asked for: the report's cases
   * and novelty are built from every record, and the filters only choose what is shown.
   */
  readonly context?: SupportRow[];
  readonly rejects: Reject[];
  readonly counts: FileRecordCounts;
  /** Set for a `.zip`/`.tar`: its entries are counted as the files (see EntryCounts). */
  readonly entries?: EntryCounts;
  /** The content digest of a file read, to count byte-identical files once (read/file-counts.ts DuplicateFiles). */
  readonly digest?: string;
  /** What the file (an archive: and each entry) was, with its SHA-256: for the manifest (read/provenance.ts). */
  readonly inputs?: SeenInput[];
}

let keeping: WeakMap<SupportRow, CloudTrailRecord> | undefined;

/**
 * Runs a synchronous scan that keeps each row's parsed record, for a caller that reads more of it
 * right after (the report's fold: Trusted Advisor checks, case ids). Parsing `raw` again for them
 * cost ~2 s of 43 on the dense bench.
 */
export function keepingRecords<T>(scanNow: (recordOf: (row: SupportRow) => CloudTrailRecord | undefined) => T): T {
  const records = new WeakMap<SupportRow, CloudTrailRecord>();
  keeping = records;
  try {
    return scanNow((row) => records.get(row));
  } finally {
    keeping = undefined;
  }
}

/**
 * Records outside the selected Support sources that a caller still wants to see (detection rules
 * that select other services' events): those of `sources` (lower-case event sources; null: every
 * record) are handed to `add` as they are met, and counted as not Support all the same.
 */
export interface OtherRecords {
  readonly sources: ReadonlySet<string> | null;
  readonly add: (record: CloudTrailRecord, index: number, archivePath: string | null) => void;
}

/**
 * Takes each kept row as it is made, with its parsed record, and returns what the outcome holds in
 * its place (the report folds the row right there and keeps only its key, so the record and the
 * row die young instead of living until the document is done). Rows the filters drop (`context`)
 * are not given to it.
 */
export type RowSink = (row: SupportRow, record: CloudTrailRecord) => SupportRow;

/** No records. */
export const noRecords = (): FileRecordCounts => ({ seen: 0, support: 0, notSupport: 0, notSelected: 0, excluded: 0, rejected: 0 });

/**
 * Sorts the records of one file into kept rows, rejects and filtered-out counts (pure). `entries`
 * are the (index, record) pairs to look at; the other `seen - entries` records are not Support.
 * `origin` says where they were read from (a delivery file on disk unless told otherwise).
 */
export function outcomeOf(
  file: LogFile,
  seen: number,
  entries: Iterable<[number, unknown]>,
  sources: ReadonlySet<string>,
  filter: RowFilter,
  origin: RowOrigin = TRAIL_FILE_ORIGIN,
  others?: OtherRecords,
  withContext = false,
  sink?: RowSink,
): FileOutcome {
  const where = origin.archivePath === null ? {} : { archivePath: origin.archivePath };
  // Partial records (summary columns only) are held to what the summaries can say.
  const checkRecord = origin.partial ? validatePartialRecord : validateRecord;
  const rows: SupportRow[] = [];
  const fingerprints: string[] = [];
  const rejects: Reject[] = [];
  const counts: FileRecordCounts = { seen, support: 0, notSupport: 0, notSelected: 0, excluded: 0, rejected: 0 };
  const context: SupportRow[] | undefined = withContext ? [] : undefined;
  for (const [index, record] of entries) {
    if (!isObject(record)) {
      counts.rejected++;
      rejects.push({ path: file.path, ...where, index, stage: 'validate', reason: 'record is not a JSON object', pointer: '' });
      continue;
    }
    // Only Support records are validated here: the rest are counted, not inspected (`validate`
    // checks every record). This is what lets the prefilter skip parsing them.
    if (typeof record.eventSource !== 'string' || !sources.has(record.eventSource)) {
      if (others && (others.sources === null || others.sources.has(String(record.eventSource).toLowerCase()))) others.add(record, index, origin.archivePath);
      // A Support record that --sources left out is counted as such, never as "not Support".
      if (typeof record.eventSource === 'string' && isSupportSource(record.eventSource)) counts.notSelected++;
      continue;
    }
    const issue = checkRecord(record)[0] ?? validateSupportRecord(record)[0];
    if (issue) {
      counts.rejected++;
      rejects.push({ path: file.path, ...where, index, stage: 'validate', reason: issue.message, pointer: issue.pointer });
      continue;
    }
    const raw = serialize(record);
    if (typeof raw !== 'string') {
      counts.rejected++;
      rejects.push({ path: file.path, ...where, index, stage: 'validate', reason: `record cannot be kept as JSON text: ${raw.error}`, pointer: '' });
      continue;
    }
    const row = toSupportRow(record, file, index, raw, origin);
    if (!keepsRow(filter, row)) {
      counts.excluded++;
      if (context) {
        context.push(row);
        keeping?.set(row, record);
      }
      continue;
    }
    counts.support++;
    if (sink) rows.push(sink(row, record));
    else {
      rows.push(row);
      keeping?.set(row, record);
    }
    // Every read path parses with parseJsonExact, which marks the records whose numbers changed.
    const changed = changedNumberAt(record);
    if (changed !== undefined) rejects.push({ path: file.path, ...where, index, stage: 'parse', reason: CHANGED_NUMBER, pointer: changed, warning: true });
    fingerprints.push(createHash('sha256').update(raw).digest('hex'));
  }
  counts.notSupport = seen - counts.support - counts.notSelected - counts.excluded - counts.rejected;
  return { rows, fingerprints, rejects, counts, ...(context ? { context } : {}) };
}

/** Batch records as (index, record) pairs, with the index the record has in its file or entry. */
function* indexed(batch: RecordBatch): Generator<[number, unknown]> {
  for (let i = 0; i < batch.records.length; i++) yield [batch.indexes === null ? i : batch.indexes[i], batch.records[i]];
}

/**
 * The outcome of a file read in batches (one per shape and archive entry): each batch sorted by
 * {@link outcomeOf} with its origin, plus the records the shape readers could not unwrap, which
 * count as seen and rejected (failed archive entries are ledger lines only).
 */
export function outcomeOfBatches(
  file: LogFile,
  batches: readonly RecordBatch[],
  shapeRejects: readonly Reject[],
  sources: ReadonlySet<string>,
  filter: RowFilter,
  others?: OtherRecords,
  withContext = false,
  sink?: RowSink,
): FileOutcome {
  const unwrapFailures = shapeRejects.filter((r) => r.index !== null).length;
  const total: FileOutcome = {
    rows: [],
    fingerprints: [],
    rejects: [...shapeRejects],
    counts: { ...noRecords(), seen: unwrapFailures, rejected: unwrapFailures },
  };
  for (const batch of batches) {
    const one = outcomeOf(
      file,
      batch.records.length,
      indexed(batch),
      sources,
      filter,
      {
        inputShape: batch.shape,
        archivePath: batch.archivePath,
        partial: batch.partial,
      },
      others,
      withContext,
      sink,
    );
    addOutcome(total, one);
  }
  return total;
}

/**
 * JSON text of a record, or why there is none: a text over V8's longest string (records are
 * checked for depth first, nesting.ts, so the stack is not the reason on any thread).
 */
function serialize(record: CloudTrailRecord): string | { error: string } {
  try {
    return JSON.stringify(record);
  } catch (err) {
    return { error: (err as Error).message };
  }
}

const CHANGED_NUMBER = 'record kept with a changed value: a number JSON.parse cannot hold as written ' +
  '(beyond ±1.8e308 such as 1e400 reads as Infinity and raw has null; below 5e-324 such as 1e-400 reads as 0; ' +
  'more digits than a double keeps, such as integers beyond 2^53, are rounded): raw has the value as read';

/**
 * Adds `one` into `total`. Row by row, not `push(...rows)`: spreading an array of ~125k items
 * overflows the stack.
 */
export function addOutcome(total: FileOutcome, one: FileOutcome): void {
  for (const row of one.rows) total.rows.push(row);
  for (const print of one.fingerprints) total.fingerprints.push(print);
  for (const reject of one.rejects) total.rejects.push(reject);
  if (one.context) {
    const context = (total as { context?: SupportRow[] }).context ??= [];
    for (const row of one.context) context.push(row);
  }
  for (const key of ['seen', 'support', 'notSupport', 'notSelected', 'excluded', 'rejected'] as const) total.counts[key] += one.counts[key];
}
