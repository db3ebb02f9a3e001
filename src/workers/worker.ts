/**
 * Worker thread entry: runs the per-file job the pool sends and posts the result back.
 * node:worker_threads exists in Node and Deno alike.
 */
import { parentPort } from 'node:worker_threads';
import { runTask, type TaskName } from './file-tasks.ts';
import type { LogFile } from '../types.ts';

/** What a worker is told once, when it starts: the job it runs on every file. */
export interface WorkerSetup {
  readonly task: TaskName;
  readonly options: unknown;
}

/** One file to run the job on. */
export interface FileJob {
  readonly id: number;
  readonly file: LogFile;
}

let setup: WorkerSetup | undefined;

// Messages are small on purpose: the options come once (the first message), and the result goes
// back without the file it was asked about (the pool has it), so less is cloned per file on the
// main thread, which also discovers and merges.
parentPort?.on('message', async (message: WorkerSetup | FileJob) => {
  if (!('id' in message)) {
    setup = message;
    return;
  }
  const result = (await runTask(setup!.task, message.file, setup!.options as never)) as { file?: unknown };
  if ('file' in result) delete result.file;
  parentPort?.postMessage({ id: message.id, result });
});

// Modules are loaded: tell the pool this worker can take files.
parentPort?.postMessage({ ready: true });
