/**
 * The one place that knows which runtime and which build is running (Node from dist/, Node
 * through tsx in tests, or Deno on the .ts sources).
 */
import { Worker } from 'node:worker_threads';

/** True under Deno (which runs src/*.ts directly). */
export const isDeno = typeof (globalThis as { Deno?: unknown }).Deno !== 'undefined';

/**
 * Starts a worker thread on a sibling module of `base` given without extension. The Node build
 * runs `.js`; Deno runs `.ts` natively; Node running `.ts` (tests through tsx) needs tsx registered
 * inside the worker first, because Node 20 does not carry loader hooks into workers.
 */
export function startWorker(base: URL, name: string, limits?: WorkerLimits): Worker {
  const fromSources = base.pathname.endsWith('.ts');
  const url = new URL(`./${name}${fromSources ? '.ts' : '.js'}`, base);
  const resourceLimits = limits && { maxYoungGenerationSizeMb: limits.youngGenerationMb };
  if (isDeno) return new Worker(url);
  if (!fromSources) return new Worker(url, { resourceLimits });
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { eval: true, resourceLimits });
}

/** Heap limits for a worker thread (Node; Deno starts workers without them). */
export interface WorkerLimits {
  /** Cap on V8's young generation, in MB (worker-pool.ts says when and why). */
  readonly youngGenerationMb: number;
}
