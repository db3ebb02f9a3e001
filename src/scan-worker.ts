/**
 * Worker thread entry: runs {@link scanFile} for each job the pool sends and posts the outcome
 * back. node:worker_threads exists in Node and Deno alike.
 */
import { parentPort } from 'node:worker_threads';
import { scanFile, type FileScanOptions } from './scan-file.ts';
import type { LogFile } from './types.ts';

export interface ScanJob {
  readonly id: number;
  readonly file: LogFile;
  readonly options: FileScanOptions;
}

parentPort?.on('message', async (job: ScanJob) => {
  parentPort?.postMessage({ id: job.id, outcome: await scanFile(job.file, job.options) });
});
