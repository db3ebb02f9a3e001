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
  parentPort?.postMessage({ id: message.id, result }, transferablesOf(result));
});

/**
 * The buffers of the typed arrays a result holds (at its top level or one level down, as the
 * report's packed row keys), each wholly its own: moved to the main thread instead of copied, as
 * this thread does not read the result again. The keys of a 48-entry zip's 2.3M rows are 83 MB.
 */
function transferablesOf(result: unknown): ArrayBuffer[] {
  const found: ArrayBuffer[] = [];
  const look = (value: unknown, depth: number) => {
    if (ArrayBuffer.isView(value)) {
      const { buffer } = value;
      if (buffer instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength === buffer.byteLength && !found.includes(buffer)) found.push(buffer);
    } else if (depth < 2 && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const inner of Object.values(value)) look(inner, depth + 1);
    }
  };
  look(result, 0);
  return found;
}
