/**
 * A pool of worker threads, each running a whole per-input job (for `report`, per file: decode,
 * prefilter, parse, validate, rows). The caller keeps results in submission order (in-order.ts),
 * so output never depends on which worker finishes first.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { siblingModule, startWorker, type WorkerLimits } from '../runtime.ts';
import type { WorkerJob, WorkerSetup, WorkerTask } from './job.ts';

// Jobs sent to a worker before it reports back: with one, a worker sits idle for every round
// trip to this thread (measured: ~0.2 s per worker on the 2,000-file benchmark); with two, its
// next file is already waiting when it finishes one.
const JOBS_PER_WORKER = 2;

interface Pending<I, R> {
  resolve: (result: R) => void;
  input: I;
  task: WorkerTask;
}

/** Worker count to use when none is given: one per core. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/**
 * The heap limits of a worker that reads files of at most `maxFileBytes`.
 *
 * Young generation: V8 grows it whenever enough has survived scavenges since it last grew, so over
 * a long run it creeps up to its maximum (tens of MB per thread) while the live data stays the
 * same: the report's peak RSS grew with the archive (111 MB on 400 files, 126 MB on 2,000).
 * Capped at 4 MB per worker and, by the CLI's shebang, 2 MB semi-spaces on the main thread, it
 * stays flat: 103 and 105 MB, at the same speed. The price: jobs that JSON.parse every record
 * (`validate`, `--no-prefilter`) scavenge more and ran 10-20% slower. (The shebang's flag applies
 * to every thread of the process and wins over a worker's own limit, so those jobs cannot be given
 * a larger young generation here.)
 *
 * Old generation: V8 lets a heap grow to a multiple of what the last full collection left live,
 * and takes that multiple from the heap's cap: 4x under the default cap (~4 GB on a 24 GiB
 * machine), ~1.6x under 1 GB. A dense-report worker holds ~8 MB live between files and its heap
 * stood at ~40 MB; under a 1 GB cap it is collected at ~17-18 MB (10-11 full collections per
 * worker over 400 dense files, `--trace-gc`). Measured on the 40%-dense corpus: every report on 400 files 227-234 -> 193-198
 * MiB peak RSS under 1 GB (195-197 under 512 MB), ~5% slower (more full collections in the workers);
 * `cases` on 2,000 files 256 -> 215 MiB under 512 MB. The cap is not what a worker needs: every hostile input
 * of bench/hostile-memory.ts (31 MiB files of Support records, bombs, many-entry zips) is read
 * whole under a 16 MB cap. It is 32 bytes per byte of the largest file allowed and at least
 * 1 GB, so `--max-file-bytes` raises it with the files; a worker that still runs out dies and its
 * file is named as failed (the run goes on). The CLI's shebang now also fixes the factor at 1.6 for
 * every thread (`--heap-growing-percent=60`, src/cli.ts), which gives the same pace here; the cap
 * keeps it for callers of the library that start Node without that flag.
 */
export function workerLimits(maxFileBytes: number): WorkerLimits {
  return { youngGenerationMb: 4, oldGenerationMb: Math.max(1024, Math.ceil(32 * maxFileBytes / 2 ** 20)) };
}

/** Runs a job on worker threads; each input goes to the least loaded worker. */
export class WorkerPool<I, O, R> {
  private readonly queue: WorkerTask[] = [];
  private readonly pending = new Map<number, Pending<I, R>>();
  /** The ids of the jobs each ready worker holds, oldest first (a worker is here once ready). */
  private readonly held = new Map<Worker, number[]>();
  private readonly all: Worker[] = [];
  private nextId = 0;
  private closing = false;

  /** True once a worker has loaded its modules; until then the caller may run files itself. */
  get ready(): boolean {
    return this.held.size > 0;
  }

  constructor(
    private readonly job: WorkerJob<I, O, R>,
    size: number,
    private readonly options: O,
    private readonly limits: WorkerLimits,
  ) {
    for (let i = 0; i < size; i++) this.spawn();
  }

  /** Runs the job on one input on a worker. Never rejects: a worker that dies gives `job.crashed`. */
  run(input: I): Promise<R> {
    return new Promise((resolve) => {
      const task: WorkerTask = { id: this.nextId++, input };
      this.pending.set(task.id, { resolve, input, task });
      this.queue.push(task);
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.all.map((w) => w.terminate()));
  }

  private spawn(): void {
    const worker = startWorker(siblingModule(import.meta.url, 'worker'), this.limits);
    worker.postMessage({ module: this.job.module.href, options: this.options } satisfies WorkerSetup);
    worker.on('message', ({ id, result, ready }: { id: number; result: R; ready?: true }) => {
      if (ready) {
        this.held.set(worker, []);
        this.dispatch();
        return;
      }
      const held = this.held.get(worker)!;
      held.splice(held.indexOf(id), 1);
      this.settle(id, result);
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
      if (failing !== undefined) this.settle(failing, this.job.crashed(this.pending.get(failing)!.input, `worker failed on this file: ${failure}`));
      // The inputs queued behind it go back to the front of the queue, for the other workers.
      for (let i = waiting.length - 1; i >= 0; i--) this.queue.unshift(this.pending.get(waiting[i])!.task);
      this.spawn();
      this.dispatch();
    });
    this.all.push(worker);
  }

  private settle(id: number, result: R): void {
    this.pending.get(id)?.resolve(result);
    this.pending.delete(id);
  }

  /** Tops every ready worker up to JOBS_PER_WORKER, the least loaded first. */
  private dispatch(): void {
    for (let load = 0; load < JOBS_PER_WORKER; load++) {
      for (const [worker, held] of this.held) {
        if (this.queue.length === 0) return;
        if (held.length > load) continue;
        const task = this.queue.shift()!;
        held.push(task.id);
        worker.postMessage(task);
      }
    }
  }
}
