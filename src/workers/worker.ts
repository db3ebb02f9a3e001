/**
 * Worker thread entry: loads the job module it is told, then runs it on each input the pool sends
 * and posts the result back. node:worker_threads exists in Node and Deno alike.
 */
import { parentPort } from 'node:worker_threads';
import type { WorkerSetup, WorkerTask } from './job.ts';

let run: ((input: unknown) => unknown) | undefined;

// Messages are small on purpose: the options come once (the first message), and each result goes
// back alone (the pool keeps the input), so less is cloned per file on the main thread, which
// also discovers and merges.
parentPort?.on('message', async (message: WorkerSetup | WorkerTask) => {
  if (!('id' in message)) {
    const job = (await import(message.module)) as { runJob: (input: unknown, options: unknown) => unknown };
    run = (input) => job.runJob(input, message.options);
    // The job's modules are loaded (schemas compiled): tell the pool this worker can take inputs.
    parentPort?.postMessage({ ready: true });
    return;
  }
  const result = await run!(message.input);
  parentPort?.postMessage({ id: message.id, result });
});
