/**
 * Runs a job per input with a pool of worker threads, or on this thread for the first few inputs
 * and whenever no worker is ready yet. Results keep no order here; in-order.ts hands them over
 * in submission order.
 */
import type { WorkerJob } from './job.ts';
import { WorkerPool } from './pool.ts';
import { nextTurn, type WorkerLimits } from '../runtime.ts';

// Starting workers costs ~100 ms each (module load, schema compile): not worth it for a handful
// of files, so the pool starts only once this many inputs have been seen.
const INPUTS_BEFORE_POOL = 8;

/** Runs a job per input: in this thread for the first few, then on a pool of `workers`. */
export class JobRunner<I, O, R> {
  private pool: WorkerPool<I, O, R> | undefined;
  private inputs = 0;

  constructor(
    private readonly job: WorkerJob<I, O, R>,
    private readonly workers: number,
    private readonly options: O,
    private readonly limits: WorkerLimits,
  ) {}

  run(input: I): Promise<R> {
    if (this.workers > 1 && !this.pool && ++this.inputs > INPUTS_BEFORE_POOL) {
      this.pool = new WorkerPool(this.job, this.workers, this.options, this.limits);
    }
    // Until a worker has loaded its modules (~0.1 s), this thread runs inputs itself instead of
    // waiting: no core sits idle while the pool warms up.
    return this.pool?.ready ? this.pool.run(input) : this.runHere(input);
  }

  /**
   * Runs an input in this thread, then lets the event loop turn: discovery and these runs settle
   * in microtasks alone, so without the turn the workers' "ready" messages would never be heard.
   */
  private async runHere(input: I): Promise<R> {
    const result = await this.job.run(input, this.options);
    await nextTurn();
    return result;
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}
