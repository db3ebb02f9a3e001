/**
 * A job the workers run, one input at a time. The pool and runner know nothing else of it: the
 * same function runs on this thread (`run`) or, exported as `runJob` by `module`, on a worker thread.
 */

/** A per-input job. Its options and results cross threads, so they are plain (structured-cloneable) data. */
export interface WorkerJob<I, O, R> {
  /** The module whose `runJob` export is `run` (a URL from runtime.ts `siblingModule`). */
  readonly module: URL;
  readonly run: (input: I, options: O) => R | Promise<R>;
  /** The result for an input whose worker died on it, so the run goes on and the input is named. */
  readonly crashed: (input: I, reason: string) => R;
}

/** What a worker is told once, when it starts: the job module and its options. */
export interface WorkerSetup {
  readonly module: string;
  readonly options: unknown;
}

/** One input to run the job on. */
export interface WorkerTask {
  readonly id: number;
  readonly input: unknown;
}
