/**
 * A pool of worker threads, each running a whole per-file job (for `report`: decode, prefilter,
 * parse, validate, rows). The caller keeps results in submission order (see in-order.ts), so
 * output never depends on which worker finishes first.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { FileTasks, TaskName } from './file-tasks.ts';
import type { FileJob, WorkerSetup } from './worker.ts';
import { startWorker, type WorkerLimits } from '../runtime.ts';
import type { LogFile } from '../types.ts';

// Jobs sent to a worker before it reports back: with one, a worker sits idle for every round
// trip to this thread (measured: ~0.2 s per worker on the 2,000-file benchmark); with two, its
// next file is already waiting when it finishes one.
const JOBS_PER_WORKER = 2;

interface Pending<R> {
  resolve: (result: R) => void;
  file: LogFile;
  job: FileJob;
}

/** Worker count to use when none is given: one per core. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

export class WorkerPool<T extends TaskName> {
  private readonly queue: FileJob[] = [];
  private readonly pending = new Map<number, Pending<FileTasks[T]['result']>>();
  /** The ids of the jobs each ready worker holds, oldest first (a worker is here once ready). */
  private readonly held = new Map<Worker, number[]>();
  private readonly all: Worker[] = [];
  private nextId = 0;
  private closing = false;

  /** True once a worker has loaded its modules; until then the caller may run files itself. */
  get ready(): boolean {
    return this.held.size > 0;
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
      const job: FileJob = { id: this.nextId++, file };
      this.pending.set(job.id, { resolve, file, job });
      this.queue.push(job);
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.all.map((w) => w.terminate()));
  }

  private spawn(): void {
    const worker = startWorker(new URL(import.meta.url), 'worker', this.limits());
    worker.postMessage({ task: this.task, options: this.options } satisfies WorkerSetup);
    worker.on('message', ({ id, result, ready }: { id: number; result: FileTasks[T]['result']; ready?: true }) => {
      if (ready) {
        this.held.set(worker, []);
        this.dispatch();
        return;
      }
      const held = this.held.get(worker)!;
      held.splice(held.indexOf(id), 1);
      // The worker sends a scan result back without its file (file-worker.ts): put it back.
      const pending = this.pending.get(id);
      this.settle(id, pending && this.task === 'scan' ? { ...result, file: pending.file } : result);
      this.dispatch();
    });
    // A worker that dies is dealt with on 'exit', not 'error': Node delivers every message the
    // worker posted before 'exit', so the first job it still holds is the one it died on.
    let failure = 'worker exited';
    worker.on('error', (err) => {
      failure = err.message;
    });
    worker.on('exit', () => {
      if (this.closing) return;
      const [failing, ...waiting] = this.held.get(worker) ?? [];
      this.held.delete(worker);
      this.all.splice(this.all.indexOf(worker), 1);
      if (failing !== undefined) this.settle(failing, this.crashed(this.pending.get(failing)!.file, `worker failed on this file: ${failure}`));
      // The jobs queued behind it go back to the front of the queue, for the other workers.
      this.queue.unshift(...waiting.map((id) => this.pending.get(id)!.job));
      this.spawn();
      this.dispatch();
    });
    this.all.push(worker);
  }

  /**
   * V8 grows a heap's young generation whenever enough has survived scavenges since it last grew,
   * so over a long run it creeps up to its maximum (tens of MB per thread) while the live data
   * stays the same: the report's peak RSS grew with the archive (111 MB on 400 files, 126 MB on
   * 2,000). Capped at 4 MB per worker and, by the CLI's shebang, 2 MB semi-spaces on the main
   * thread, it stays flat: 103 and 105 MB, at the same speed. The price: jobs that JSON.parse
   * every record (`validate`, `--no-prefilter`) scavenge more and ran 10-20% slower. (The shebang's
   * flag applies to every thread of the process and wins over a worker's own limit, so those jobs
   * cannot be given a larger young generation here.)
   */
  private limits(): WorkerLimits {
    return { youngGenerationMb: 4 };
  }

  private settle(id: number, result: FileTasks[T]['result']): void {
    this.pending.get(id)?.resolve(result);
    this.pending.delete(id);
  }

  /** Tops every ready worker up to JOBS_PER_WORKER, the least loaded first. */
  private dispatch(): void {
    for (let load = 0; load < JOBS_PER_WORKER; load++) {
      for (const [worker, held] of this.held) {
        if (this.queue.length === 0) return;
        if (held.length > load) continue;
        const job = this.queue.shift()!;
        held.push(job.id);
        worker.postMessage(job);
      }
    }
  }
}
