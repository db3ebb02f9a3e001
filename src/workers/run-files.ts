/**
 * The run driver every command uses: discover the paths, decide per file (a discovery failure,
 * skipped as `other`, pruned by path date, or read), run the per-file job on this thread or on
 * worker threads, and hand each result over in discovery order, at most a window of files in
 * flight so memory stays bounded whatever the archive size. The job is the caller's.
 */
import { DEFAULT_MAX_FILE_BYTES } from '../read/decode.ts';
import { discover, type Discovered } from '../read/discover.ts';
import type { LogFile, Reject } from '../types.ts';
import { consumeInOrder } from './in-order.ts';
import type { WorkerJob } from './job.ts';
import { workerLimits } from './pool.ts';
import { JobRunner } from './runner.ts';

/** What becomes of one discovered path. */
export type FilePlan = { readonly reject: Reject } | { readonly skipped: 'outOfRange'; readonly file: LogFile } | { readonly file: LogFile };

/** One file's place in the run, in discovery order: its plan, with the job's result for a file read. */
export type FileEntry<R> =
  | { readonly reject: Reject }
  | { readonly skipped: 'outOfRange'; readonly file: LogFile }
  | { readonly file: LogFile; readonly result: R };

export interface FileRun<O extends { readonly maxFileBytes?: number }, R> {
  readonly job: WorkerJob<LogFile, O, R>;
  readonly options: O;
  /** Worker threads; 1 runs every file on this thread. The results are the same for any count. */
  readonly workers: number;
  /** False for a file whose path date is outside the window: it is skipped unread (`outOfRange`). */
  readonly keepFile?: (file: LogFile) => boolean;
}

/**
 * The plan for one discovered path. Every file goes to the job, whatever its name: files named as
 * digests or Insights files, and files with an extension not on the list, are read or skipped by
 * their content (read/log-file.ts).
 */
export function planOf(found: Discovered, keepFile?: (file: LogFile) => boolean): FilePlan {
  if ('reject' in found) return found;
  if (keepFile && !keepFile(found.file)) return { skipped: 'outOfRange', file: found.file };
  return found;
}

/** The plan of every path a run over `paths` meets, in order (what a progress line counts). */
export async function* plannedFiles(paths: readonly string[], keepFile?: (file: LogFile) => boolean): AsyncGenerator<FilePlan> {
  for await (const found of discover(paths)) yield planOf(found, keepFile);
}

/** Runs `run.job` over the files under `paths` and calls `consume` with each entry in discovery order. */
export async function runFiles<O extends { readonly maxFileBytes?: number }, R>(
  paths: readonly string[],
  run: FileRun<O, R>,
  consume: (entry: FileEntry<R>) => void | Promise<void>,
): Promise<void> {
  const runner = new JobRunner(run.job, run.workers, run.options, workerLimits(run.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES));
  const start = async (found: Discovered): Promise<FileEntry<R>> => {
    const plan = planOf(found, run.keepFile);
    return 'skipped' in plan || 'reject' in plan ? plan : { file: plan.file, result: await runner.run(plan.file) };
  };
  try {
    await consumeInOrder(discover(paths), start, Math.max(2, run.workers * 4), consume);
  } finally {
    await runner.close();
  }
}
