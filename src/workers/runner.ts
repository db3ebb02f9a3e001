/**
 * Runs per-file jobs with bounded concurrency and hands their results over in submission order,
 * so a run's output never depends on which job finishes first. Shared by `report` and `validate`.
 */
import { setImmediate } from 'node:timers';
import { runTask, type FileTasks, type TaskName } from './file-tasks.ts';
import type { LogFile } from '../types.ts';
import { WorkerPool } from './pool.ts';

// Starting workers costs ~100 ms each (module load, schema compile): not worth it for a handful
// of files, so the pool starts only once this many log files have been seen.
const FILES_BEFORE_POOL = 8;

/** Runs a job per file: in this thread for the first few files, then on a pool of `workers`. */
export class FileRunner<T extends TaskName> {
  private pool: WorkerPool<T> | undefined;
  private files = 0;

  constructor(
    private readonly task: T,
    private readonly workers: number,
    private readonly options: FileTasks[T]['options'],
    private readonly crashed: (file: LogFile, message: string) => FileTasks[T]['result'],
  ) {}

  run(file: LogFile): Promise<FileTasks[T]['result']> {
    if (this.workers > 1 && !this.pool && ++this.files > FILES_BEFORE_POOL) {
      this.pool = new WorkerPool(this.task, this.workers, this.options, this.crashed);
    }
    // Until a worker has loaded its modules (~0.1 s), this thread reads files itself instead of
    // waiting: no core sits idle while the pool warms up.
    return this.pool?.ready ? this.pool.run(file) : this.runHere(file);
  }

  /**
   * Runs a file in this thread, then lets the event loop turn: discovery and these runs settle
   * in microtasks alone, so without the turn the workers' "ready" messages would never be heard.
   */
  private async runHere(file: LogFile): Promise<FileTasks[T]['result']> {
    const result = await runTask(this.task, file, this.options);
    await new Promise((resolve) => setImmediate(resolve));
    return result;
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}

/**
 * Starts `start(item)` for each item, keeping at most `window` unfinished, and calls `consume`
 * with the results in the items' order.
 */
export async function consumeInOrder<I, R>(items: AsyncIterable<I>, start: (item: I) => Promise<R>, window: number, consume: (result: R) => void | Promise<void>): Promise<void> {
  const inFlight: Promise<R>[] = [];
  for await (const item of items) {
    inFlight.push(start(item));
    while (inFlight.length >= window) await consume(await inFlight.shift()!);
  }
  while (inFlight.length > 0) await consume(await inFlight.shift()!);
}
