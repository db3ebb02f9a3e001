/**
 * Scan: the report pipeline. Discover -> per-file outcomes (in-process or on worker threads) ->
 * merged in discovery order -> rows, rejects and counts where every record is accounted for once.
 */
import { crashedInput } from '../read/provenance.ts';
import { fileMayMatch } from '../rows/filter.ts';
import { siblingModule } from '../runtime.ts';
import type { LogFile, Reject, SupportRow } from '../types.ts';
import type { WorkerJob } from '../workers/job.ts';
import { defaultWorkers } from '../workers/pool.ts';
import { runFiles } from '../workers/run-files.ts';
import { type FileScanOptions, scanFile } from './file.ts';
import { type MergeResult, OutcomeMerger } from './merge.ts';
import { type FileOutcome, noRecords } from './outcome.ts';

export interface ScanOptions extends FileScanOptions {
  /** Skip files whose path date is outside --since/--until (default true). */
  readonly pruneByPath?: boolean;
  /**
   * Streaming: called with each file's kept (deduplicated) rows, in discovery order, before the
   * next file is merged. With `keepRows: false` the result holds no rows, so memory stays flat.
   */
  readonly onRows?: (rows: SupportRow[]) => void | Promise<void>;
  /**
   * Called once per path met, in order, after it is merged, with the bytes read from disk (0 for a
   * path skipped unread or that could not be walked), e.g. to show progress that ends where the
   * file accounting's `seen` does.
   */
  readonly onFile?: (bytesRead: number) => void;
  /** Collect the rows in the result (default true). */
  readonly keepRows?: boolean;
  /** Collect what each input was, with its SHA-256, in the result's `inputs`: the manifest's (default false). */
  readonly inputs?: boolean;
  /** Worker threads (default: one per core; 1 runs in-process). The result is the same for any count. */
  readonly workers?: number;
}

/** Everything a run found: the Support rows, the rejects ledger, and the counts that add up (the merge's result, merge.ts). */
export type ScanResult = MergeResult;

/** The report's per-file job, for the run driver. */
export const SCAN_JOB: WorkerJob<LogFile, FileScanOptions, FileOutcome> = {
  module: siblingModule(import.meta.url, 'file'),
  run: scanFile,
  crashed: (file, reason) => {
    const reject: Reject = { path: file.path, index: null, stage: 'read', reason };
    return { reject, rows: [], fingerprints: [], rejects: [reject], counts: noRecords(), inputs: [crashedInput(file, reason)] };
  },
};

/** Which files a scan reads: all but those whose path date is outside --since/--until (unless told not to prune). */
export function keepFileOf(options: Pick<ScanOptions, 'filter' | 'pruneByPath'>): ((file: LogFile) => boolean) | undefined {
  const filter = options.filter ?? {};
  return options.pruneByPath === false ? undefined : (file) => fileMayMatch(filter, file);
}

/** The plain (structured-cloneable) part of the options that each file's job gets. */
export const fileScanOptionsOf = (options: FileScanOptions): FileScanOptions => ({
  sources: options.sources,
  filter: options.filter ?? {},
  maxFileBytes: options.maxFileBytes,
  inflate: options.inflate,
  prefilter: options.prefilter,
});

/**
 * Runs the report pipeline over files and folders. Files are read concurrently (on worker
 * threads past the first few) and merged in discovery order. Throws RunError only for a missing
 * input path.
 */
export async function scan(paths: readonly string[], options: ScanOptions = {}): Promise<ScanResult> {
  const merger = new OutcomeMerger(options.keepRows ?? true, options.inputs);
  const run = { job: SCAN_JOB, options: fileScanOptionsOf(options), workers: options.workers ?? defaultWorkers(), keepFile: keepFileOf(options) };
  await runFiles(paths, run, async (entry) => {
    if ('reject' in entry) merger.addDiscoveryReject(entry.reject);
    else if ('skipped' in entry) merger.addUnread(entry.file);
    else {
      const kept = merger.add(entry.result, entry.file.path);
      options.onFile?.(entry.file.size);
      if (options.onRows && kept.length > 0) await options.onRows(kept);
      return;
    }
    options.onFile?.(0);
  });
  return merger.result();
}
