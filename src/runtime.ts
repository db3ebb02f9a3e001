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
export function startWorker(base: URL, name: string): Worker {
  const fromSources = base.pathname.endsWith('.ts');
  const url = new URL(`./${name}${fromSources ? '.ts' : '.js'}`, base);
  if (isDeno) return new Worker(url);
  if (!fromSources) return new Worker(url, { resourceLimits: WORKER_LIMITS });
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { eval: true, resourceLimits: WORKER_LIMITS });
}

/**
 * V8 grows a heap's young generation whenever enough has survived scavenges since the last growth,
 * so on a long run it creeps up to its maximum (tens of MB per thread) though the live data stays
 * the same: peak RSS then grew with the archive (111 MB on 400 files, 126 MB on 2,000). Capped at
 * 4 MB per worker (and, by the CLI's shebang, 2 MB semi-spaces on the main thread) it stays flat:
 * 105 and 108 MB, at the same speed.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4 };
