/**
 * A pool of worker threads, each running the whole per-file pipeline (decode, prefilter, parse,
 * validate, rows). The caller keeps results in submission order, so output never depends on
 * which worker finishes first.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from './runtime.ts';
import type { FileOutcome, FileScanOptions } from './scan-file.ts';
import type { ScanJob } from './scan-worker.ts';
import type { LogFile } from './types.ts';

interface Pending {
  resolve: (outcome: FileOutcome) => void;
  file: LogFile;
}

/** Worker count to use when none is given: one per core. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

export class ScanPool {
  private readonly idle: Worker[] = [];
  private readonly queue: ScanJob[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly busy = new Map<Worker, number>();
  private readonly all: Worker[] = [];
  private nextId = 0;

  constructor(size: number, private readonly options: FileScanOptions) {
    for (let i = 0; i < size; i++) this.spawn();
  }

  /** Scans one file on a worker. Never rejects: a crashed worker becomes a read reject. */
  run(file: LogFile): Promise<FileOutcome> {
    return new Promise((resolve) => {
      const job: ScanJob = { id: this.nextId++, file, options: this.options };
      this.pending.set(job.id, { resolve, file });
      this.queue.push(job);
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()));
  }

  private spawn(): void {
    const worker = startWorker(new URL(import.meta.url), 'scan-worker');
    worker.on('message', ({ id, outcome }: { id: number; outcome: FileOutcome }) => {
      this.busy.delete(worker);
      this.idle.push(worker);
      this.settle(id, outcome);
      this.dispatch();
    });
    worker.on('error', (err) => {
      const id = this.busy.get(worker);
      this.busy.delete(worker);
      this.all.splice(this.all.indexOf(worker), 1);
      if (id !== undefined) {
        const file = this.pending.get(id)!.file;
        const reject = { path: file.path, index: null, stage: 'read' as const, reason: `worker failed on this file: ${err.message}` };
        this.settle(id, { file, reject, rows: [], fingerprints: [], rejects: [reject], counts: { seen: 0, support: 0, notSupport: 0, excluded: 0, rejected: 0 } });
      }
      this.spawn();
      this.dispatch();
    });
    this.all.push(worker);
    this.idle.push(worker);
  }

  private settle(id: number, outcome: FileOutcome): void {
    this.pending.get(id)?.resolve(outcome);
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
