/**
 * The one place that knows which runtime and which build is running (Node from dist/, Node
 * through tsx in tests, or Deno on the .ts sources), and the temp paths to remove on the way out.
 */
import { readFileSync, rmSync, writeSync } from 'node:fs';
import process from 'node:process';
import { setImmediate } from 'node:timers';
import { Worker } from 'node:worker_threads';

/** True under Deno (which runs src/*.ts directly). */
export const isDeno = typeof (globalThis as { Deno?: unknown }).Deno !== 'undefined';

/**
 * True where Buffer#indexOf is native code (Node: memchr in C++). Deno's node:buffer implements it
 * in JavaScript, 15-20x slower on the prefilter's search, which then uses WebAssembly SIMD instead
 * (scan/byte-search.ts).
 */
export const nativeBufferSearch = !isDeno;

/**
 * The URL of a sibling module of `base` (an `import.meta.url`) named without extension: `.ts` when
 * running the sources (Deno, or Node through tsx), `.js` in the Node build (tsc rewrites import
 * specifiers, not URLs).
 */
export function siblingModule(base: string, name: string): URL {
  return new URL(`./${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}

/**
 * Starts a worker thread on the module at `url`. The Node build runs `.js`; Deno runs `.ts`
 * natively; Node running `.ts` (tests through tsx) needs tsx registered inside the worker first,
 * because Node 20 does not carry loader hooks into workers.
 */
export function startWorker(url: URL, limits?: WorkerLimits): Worker {
  const fromSources = url.pathname.endsWith('.ts');
  const resourceLimits = limits && { maxYoungGenerationSizeMb: limits.youngGenerationMb, maxOldGenerationSizeMb: limits.oldGenerationMb };
  if (isDeno) return new Worker(url);
  if (!fromSources) return new Worker(url, { resourceLimits });
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { eval: true, resourceLimits });
}

/** Heap limits for a worker thread (Node; Deno starts workers without them). */
export interface WorkerLimits {
  /** Cap on V8's young generation, in MB (workers/pool.ts says when and why). */
  readonly youngGenerationMb: number;
  /** Cap on V8's old generation, in MB: a worker that needs more dies, and its file is named as failed (workers/pool.ts). */
  readonly oldGenerationMb: number;
}

/** The runtime running this process, by name and version (for the provenance manifest). */
export function runtimeInfo(): { name: string; version: string } {
  const deno = (globalThis as { Deno?: { version: { deno: string } } }).Deno;
  return deno ? { name: 'deno', version: deno.version.deno } : { name: 'node', version: process.versions.node };
}

/**
 * This tool's name and version from its package.json: one folder up from src/ (sources) or two from
 * dist/src/ (the build), as installed from the packed tarball too. Read when asked, not at start-up.
 */
export function toolInfo(): { name: string; version: string } {
  const up = import.meta.url.endsWith('.ts') ? '../package.json' : '../../package.json';
  const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
}

/** A module's exported memory, as the WebAssembly code here uses it. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** The size of a WebAssembly memory page. */
export const WASM_PAGE = 65536;

/**
 * The exports of a new instance of a WebAssembly module that imports nothing. WebAssembly is a
 * global of both runtimes; its types are in the DOM lib, left out (STYLE.md).
 */
export function instantiateWasm(code: Uint8Array): Record<string, unknown> {
  const wasm = (globalThis as unknown as {
    WebAssembly: { Module: new (code: Uint8Array) => object; Instance: new (module: object) => { readonly exports: Record<string, unknown> } };
  }).WebAssembly;
  return new wasm.Instance(new wasm.Module(code)).exports;
}

/**
 * Temp files and folders not yet committed or removed (outputs being written, the case state on
 * disk). A signal (Ctrl-C, SIGTERM) ends the process without running any abort, and left
 * `.a.csv.tmp-…` files (up to 124 MB seen) beside the target, in what may be an evidence folder:
 * the CLI's signal and exit handlers remove these ({@link removeOpenTemps}).
 */
const openTemps = new Set<string>();

/**
 * Notes a temp path (file or folder) to remove if the process ends before its owner does. The
 * first one removes them all at exit from then on, for a program that uses the library (the CLI
 * also removes them on a signal: cli/signals.ts).
 */
export function trackTemp(path: string): void {
  if (!removedAtExit) process.once('exit', removeOpenTemps);
  removedAtExit = true;
  openTemps.add(path);
}
let removedAtExit = false;

/** Forgets a temp path its owner has committed or removed. */
export const untrackTemp = (path: string): void => void openTemps.delete(path);

/** Removes every temp path still open, synchronously (for a signal or exit handler, where nothing async runs). */
export function removeOpenTemps(): void {
  for (const temp of openTemps) {
    try {
      rmSync(temp, { force: true, recursive: true });
    } catch {
      // Nothing more can be done on the way out; the name says what it is (.NAME.tmp-PID-…).
    }
  }
  openTemps.clear();
}

/**
 * Resolves once the event loop has turned: signals, I/O callbacks and worker messages are heard
 * only then. Work that settles in promises alone (synchronous writes, folds) never lets them in:
 * a report written to a file on stdout finished and exited 0 after a Ctrl-C in its last seconds.
 */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Writes all of `bytes` at the file's position: writeSync may write less than asked. */
export function writeAllSync(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
}
