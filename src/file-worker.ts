/**
 * Worker thread entry: runs the per-file job the pool sends and posts the result back.
 * node:worker_threads exists in Node and Deno alike.
 */
import { parentPort } from 'node:worker_threads';
import { runTask, type TaskName } from './file-tasks.ts';
import type { LogFile } from './types.ts';

export interface FileJob {
  readonly id: number;
  readonly task: TaskName;
  readonly file: LogFile;
  readonly options: unknown;
}

parentPort?.on('message', async (job: FileJob) => {
  parentPort?.postMessage({ id: job.id, result: await runTask(job.task, job.file, job.options as never) });
});

// Modules are loaded: tell the pool this worker can take files.
parentPort?.postMessage({ ready: true });
