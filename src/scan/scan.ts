/**
 * Scan: the report pipeline. Discover -> per-file outcomes (in-process or on worker threads) ->
 * merged in discovery order -> rows, rejects and counts where every record is accounted for once.
 */
import { discover, type Discovered } from '../read/discover.ts';
import { fileMayMatch } from '../rows/filter.ts';
import { OutcomeMerger } from './merge.ts';
import type { FileOutcome, FileScanOptions } from './file.ts';
import { consumeInOrder, FileRunner } from '../workers/runner.ts';
import { defaultWorkers } from '../workers/pool.ts';
import type { FileCounts, LogFile, RecordCounts, Reject, SupportRow } from '../types.ts';

export interface ScanOptions extends FileScanOptions {
  /** Skip files whose path date is outside --since/--until (default true). */
  readonly pruneByPath?: boolean;
  /**
   * Streaming: called with each file's kept (deduplicated) rows, in discovery order, before the
   * next file is merged. With `keepRows: false` the result holds no rows, so memory stays flat.
   */
  readonly onRows?: (rows: SupportRow[]) => void | Promise<void>;
  /** Called once per log file read (after it is merged), e.g. to show progress. */
  readonly onFile?: (file: LogFile) => void;
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

type Entry = { outcome: FileOutcome } | { reject: Reject } | { skipped: keyof FileCounts['skipped'] };

const crashedScan = (file: LogFile, reason: string): FileOutcome => {
  const reject: Reject = { path: file.path, index: null, stage: 'read', reason };
  return { file, reject, rows: [], fingerprints: [], rejects: [reject], counts: { seen: 0, support: 0, notSupport: 0, excluded: 0, rejected: 0 } };
};

/**
 * Runs the report pipeline over files and folders. Files are read concurrently (on worker
 * threads past the first few) and merged in discovery order. Throws RunError only for a missing
 * input path.
 */
export async function scan(paths: readonly string[], options: ScanOptions = {}): Promise<ScanResult> {
  const merger = new OutcomeMerger(options.keepRows ?? true);
  const filter = options.filter ?? {};
  const fileOptions: FileScanOptions = { sources: options.sources, filter, maxFileBytes: options.maxFileBytes, inflate: options.inflate, prefilter: options.prefilter };
  const workers = options.workers ?? defaultWorkers();
  const runner = new FileRunner('scan', workers, fileOptions, crashedScan);
  const start = async (found: Discovered): Promise<Entry> => {
    if ('reject' in found) return { reject: found.reject };
    // Files named as digests or Insights files are read too: their content decides (read-records.ts).
    if (found.file.kind === 'other') return { skipped: 'other' };
    if (options.pruneByPath !== false && !fileMayMatch(filter, found.file)) return { skipped: 'outOfRange' };
    return { outcome: await runner.run(found.file) };
  };
  const merge = async (entry: Entry) => {
    if ('reject' in entry) merger.addDiscoveryReject(entry.reject);
    else if ('skipped' in entry) merger.addSkipped(entry.skipped);
    else {
      const kept = merger.add(entry.outcome);
      options.onFile?.(entry.outcome.file);
      if (options.onRows && kept.length > 0) await options.onRows(kept);
    }
  };
  try {
    // At most `window` files in flight: memory stays bounded whatever the archive size.
    await consumeInOrder(discover(paths), start, Math.max(2, workers * 4), merge);
  } finally {
    await runner.close();
  }
  return merger.result();
}
