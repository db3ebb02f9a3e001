/**
 * Scan: the report pipeline. Discover -> per-file outcomes (in-process or on worker threads) ->
 * merged in discovery order -> rows, rejects and counts where every record is accounted for once.
 */
import { discover } from './discover.ts';
import { fileMayMatch } from './filter.ts';
import { OutcomeMerger } from './outcome-merger.ts';
import { scanFile, type FileOutcome, type FileScanOptions } from './scan-file.ts';
import { defaultWorkers, ScanPool } from './scan-pool.ts';
import type { FileCounts, LogFile, RecordCounts, Reject, SupportRow } from './types.ts';

export interface ScanOptions extends FileScanOptions {
  /** Skip files whose path date is outside --since/--until (default true). */
  readonly pruneByPath?: boolean;
  /**
   * Streaming: called with each file's kept (deduplicated) rows, in discovery order, before the
   * next file is merged. With `keepRows: false` the result holds no rows, so memory stays flat.
   */
  readonly onRows?: (rows: SupportRow[]) => void | Promise<void>;
  /** Collect the rows in the result (default true). */
  readonly keepRows?: boolean;
  /** Worker threads (default: one per core; 1 runs in-process). The result is the same for any count. */
  readonly workers?: number;
}

/** Everything a run found: the Support rows, the rejects ledger, and the counts that add up. */
export interface ScanResult {
  readonly rows: SupportRow[];
  readonly rejects: Reject[];
  readonly files: FileCounts;
  readonly records: RecordCounts;
}

// Starting workers costs ~100 ms each (module load, schema compile): not worth it for a handful
// of files, so the pool starts only once this many log files have been seen.
const FILES_BEFORE_POOL = 8;

type Entry = { outcome: FileOutcome } | { reject: Reject } | { skipped: keyof FileCounts['skipped'] };

/**
 * Runs the report pipeline over files and folders. Throws RunError only for a missing input path.
 */
export async function scan(paths: readonly string[], options: ScanOptions = {}): Promise<ScanResult> {
  const merger = new OutcomeMerger(options.keepRows ?? true);
  const filter = options.filter ?? {};
  const fileOptions: FileScanOptions = { sources: options.sources, filter, maxFileBytes: options.maxFileBytes, inflate: options.inflate, prefilter: options.prefilter };
  const workers = options.workers ?? defaultWorkers();
  // Results wait in submission order; at most `window` files are in flight, so memory is bounded.
  const window = Math.max(2, workers * 4);
  const inFlight: Promise<Entry>[] = [];
  let pool: ScanPool | undefined;
  let logFiles = 0;

  const read = (file: LogFile): Promise<FileOutcome> => {
    if (workers > 1 && !pool && ++logFiles > FILES_BEFORE_POOL) pool = new ScanPool(workers, fileOptions);
    return pool ? pool.run(file) : scanFile(file, fileOptions);
  };
  const mergeOldest = async () => {
    const entry = await inFlight.shift()!;
    if ('reject' in entry) merger.addDiscoveryReject(entry.reject);
    else if ('skipped' in entry) merger.addSkipped(entry.skipped);
    else {
      const kept = merger.add(entry.outcome);
      if (options.onRows && kept.length > 0) await options.onRows(kept);
    }
  };

  try {
    for await (const found of discover(paths)) {
      if ('reject' in found) inFlight.push(Promise.resolve({ reject: found.reject }));
      else if (found.file.kind !== 'log') inFlight.push(Promise.resolve({ skipped: found.file.kind }));
      else if (options.pruneByPath !== false && !fileMayMatch(filter, found.file)) inFlight.push(Promise.resolve({ skipped: 'outOfRange' as const }));
      else inFlight.push(read(found.file).then((outcome) => ({ outcome })));
      while (inFlight.length >= window) await mergeOldest();
    }
    while (inFlight.length > 0) await mergeOldest();
  } finally {
    await pool?.close();
  }
  return merger.result();
}
