/**
 * A pool of worker threads, each running a whole per-file job (for `report`: decode, prefilter,
 * parse, validate, rows). The caller keeps results in submission order (see in-order.ts), so
 * output never depends on which worker finishes first.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { FileTasks, TaskName } from './file-tasks.ts';
import type { FileJob } from './file-worker.ts';
import { startWorker } from './runtime.ts';
import type { LogFile } from './types.ts';

interface Pending<R> {
  resolve: (result: R) => void;
  file: LogFile;
}

/** Worker count to use when none is given: one per core. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

export class WorkerPool<T extends TaskName> {
  private readonly idle: Worker[] = [];
  private readonly queue: FileJob[] = [];
  private readonly pending = new Map<number, Pending<FileTasks[T]['result']>>();
  private readonly busy = new Map<Worker, number>();
  private readonly all: Worker[] = [];
  private nextId = 0;
  private readonly readyWorkers = new Set<Worker>();

  /** True once a worker has loaded its modules; until then the caller may run files itself. */
  get ready(): boolean {
    return this.readyWorkers.size > 0;
  }

  /**
   * @param crashed the result to report for a file whose worker died (so the run goes on and
   *   the file is named in the ledger)
   */
  constructor(
    private readonly task: T,
    size: number,
    private readonly options: FileTasks[T]['options'],
    private readonly crashed: (file: LogFile, message: string) => FileTasks[T]['result'],
  ) {
    for (let i = 0; i < size; i++) this.spawn();
  }

  /** Runs the job on one file on a worker. Never rejects. */
  run(file: LogFile): Promise<FileTasks[T]['result']> {
    return new Promise((resolve) => {
      const job: FileJob = { id: this.nextId++, task: this.task, file, options: this.options };
      this.pending.set(job.id, { resolve, file });
      this.queue.push(job);
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()));
  }

  private spawn(): void {
    const worker = startWorker(new URL(import.meta.url), 'file-worker');
    worker.on('message', ({ id, result, ready }: { id: number; result: FileTasks[T]['result']; ready?: true }) => {
      if (ready) {
        this.readyWorkers.add(worker);
        this.idle.push(worker);
        this.dispatch();
        return;
      }
      this.busy.delete(worker);
      this.idle.push(worker);
      this.settle(id, result);
      this.dispatch();
    });
    worker.on('error', (err) => {
      const id = this.busy.get(worker);
      this.busy.delete(worker);
      this.readyWorkers.delete(worker);
      this.all.splice(this.all.indexOf(worker), 1);
      if (this.idle.includes(worker)) this.idle.splice(this.idle.indexOf(worker), 1);
      if (id !== undefined) this.settle(id, this.crashed(this.pending.get(id)!.file, `worker failed on this file: ${err.message}`));
      this.spawn();
      this.dispatch();
    });
    this.all.push(worker);
  }

  private settle(id: number, result: FileTasks[T]['result']): void {
    this.pending.get(id)?.resolve(result);
    this.pending.delete(id);
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.busy.set(worker, job.id);
      worker.postMessage(job);
    }
  }
}
