/**
 * The per-file jobs that can run on worker threads, by name. A worker receives the name, the
 * file and plain options, and runs the same function the main thread would.
 */
import { checkFile, type CheckOptions, type FileCheckOutcome } from '../validate/file.ts';
import { scanFile, type FileOutcome, type FileScanOptions } from '../scan/file.ts';
import type { LogFile } from '../types.ts';

export interface FileTasks {
  scan: { options: FileScanOptions; result: FileOutcome };
  check: { options: CheckOptions; result: FileCheckOutcome };
}

export type TaskName = keyof FileTasks;

/** Runs the named job on one file in this thread. Never throws. */
export function runTask<T extends TaskName>(task: T, file: LogFile, options: FileTasks[T]['options']): Promise<FileTasks[T]['result']> {
  const run = task === 'scan' ? scanFile : checkFile;
  return (run as (f: LogFile, o: unknown) => Promise<FileTasks[T]['result']>)(file, options);
}
