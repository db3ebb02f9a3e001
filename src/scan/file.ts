/**
 * The report's per-file job: one log file (or each entry of an archive) -> kept Support rows,
 * rejects and counts. It runs on worker threads too (`runJob`), so its options are plain data.
 */
import { DEFAULT_MAX_FILE_BYTES, type InflateEngine } from '../read/decode.ts';
import { type DocumentReader, ledgerOf, type LogFileRead, readLogFile } from '../read/log-file.ts';
import type { RowFilter } from '../rows/filter.ts';
import { type SourceSelection, sourcesFor } from '../rows/support-row.ts';
import type { CloudTrailRecord, LogFile } from '../types.ts';
import { compactRecordScan, NOT_A_RECORD, parseCompactRecord, recordIndexAt } from './compact-form.ts';
import { byteSearch } from './byte-search.ts';
import { addOutcome, type FileOutcome, noRecords, type OtherRecords, outcomeOf, outcomeOfBatches, type RowSink } from './outcome.ts';
import { escapeHits, eventSourceHits, type NeedleSet, sourceNeedles } from './prefilter.ts';

/** What reading one file needs: plain, structured-cloneable data. */
export interface FileScanOptions {
  readonly sources?: SourceSelection;
  readonly filter?: RowFilter;
  readonly maxFileBytes?: number;
  readonly inflate?: InflateEngine;
  /** Count, not parse, files that contain no selected event source (default true; see prefilter.ts). */
  readonly prefilter?: boolean;
  /**
   * Event sources beyond the selected ones whose records are parsed too, for detection rules that
   * select them (lower case; null: every record is parsed). They stay "not Support" in the counts.
   */
  readonly ruleSources?: readonly string[] | null;
  /** Also return the Support rows the filters drop, as `context` (the report's cases are built from every record). */
  readonly withContext?: boolean;
}

/** Thrown by {@link selectedRecords}' entries when a slice does not parse: the shortcut then gives the file up. */
const NOT_COMPACT = Symbol('not compact');

/**
 * The prefilter path (see prefilter.ts): in a compact delivery file, parse only the records whose
 * eventSource may be a selected source. Undefined when the file is not in that form; the entries
 * are parsed one at a time as they are read (so each record can die young), and throw NOT_COMPACT
 * should a slice not parse after all: the caller then parses the whole file, which also names any
 * problem exactly.
 */
function selectedRecords(bytes: Uint8Array, needles: NeedleSet): { seen: number; entries: Iterable<[number, unknown]> } | undefined {
  // The syntax check notes the string values that may be a source: no search of the bytes for them.
  const scanned = compactRecordScan(bytes, needles.starts);
  if (!scanned) return undefined;
  const { bounds, candidates } = scanned;
  const indexes = new Set<number>();
  const search = byteSearch(bytes); // one for both searches: under Deno it copies the bytes (byte-search.ts)
  for (const at of eventSourceHits(bytes, needles, search, candidates)) indexes.add(recordIndexAt(bounds, at));
  for (const at of escapeHits(bytes, search)) indexes.add(recordIndexAt(bounds, at));
  const sorted = [...indexes].sort((a, b) => a - b);
  return { seen: bounds.length - 1, entries: parsedAt(bytes, bounds, sorted) };
}

function* parsedAt(bytes: Uint8Array, bounds: readonly number[], indexes: readonly number[]): Generator<[number, unknown]> {
  for (const index of indexes) {
    const record = parseCompactRecord(bytes, bounds, index);
    if (record === NOT_A_RECORD) throw NOT_COMPACT;
    yield [index, record];
  }
}

/**
 * How the scan sorts one document of a file (the file, or one archive entry) into an outcome.
 * `others` receives the records of `options.ruleSources` (see FileScanOptions); its sources
 * become extra prefilter needles, and a rule that may match any record turns the shortcut off.
 * `sink` takes each kept row as it is made (outcome.ts RowSink). When the shortcut gives a document
 * up (undefined) after some of its rows went to `sink` or `others`, the caller drops what they
 * made of them: the document is read again whole.
 */
export function scanReader(
  file: LogFile,
  options: FileScanOptions,
  others?: (record: CloudTrailRecord, index: number, archivePath: string | null) => void,
  sink?: RowSink,
): DocumentReader<FileOutcome> {
  const sources = sourcesFor(options.sources ?? 'all');
  const filter = options.filter ?? {};
  const extra = others && options.ruleSources !== undefined ? options.ruleSources : undefined;
  const wanted: OtherRecords | undefined = extra === undefined ? undefined : { sources: extra === null ? null : extraSet(extra), add: others! };
  // Every Support source is parsed whatever the selection, so the records --sources leaves out
  // are counted as "not selected", not as "not Support".
  const needles = options.prefilter === false || extra === null ? undefined : needlesFor(sourcesFor('all'), extra ?? []);
  return {
    shortcut: needles && ((bytes, archivePath) => {
      const selected = selectedRecords(bytes, needles);
      const origin = { inputShape: 'trail-file', archivePath, partial: false } as const;
      try {
        return selected && outcomeOf(file, selected.seen, selected.entries, sources, filter, origin, wanted, options.withContext, sink);
      } catch (err) {
        if (err === NOT_COMPACT) return undefined;
        throw err;
      }
    }),
    records: (batches, rejects) => outcomeOfBatches(file, batches, rejects, sources, filter, wanted, options.withContext, sink),
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

const needleCache = new WeakMap<ReadonlySet<string>, Map<string, NeedleSet>>();
/** The needles of the selected sources plus a rule's extra ones, built once per thread. */
function needlesFor(sources: ReadonlySet<string>, extra: readonly string[]): NeedleSet {
  let bySources = needleCache.get(sources);
  if (!bySources) needleCache.set(sources, bySources = new Map());
  const key = extra.join('\u0000');
  let needles = bySources.get(key);
  if (!needles) bySources.set(key, needles = sourceNeedles(new Set([...sources, ...extra])));
  return needles;
}

const extraSets = new WeakMap<readonly string[], ReadonlySet<string>>();
const extraSet = (extra: readonly string[]) => {
  let set = extraSets.get(extra);
  if (!set) extraSets.set(extra, set = new Set(extra));
  return set;
};
