/**
 * The streaming face of every export writer: rows go in batch by batch (one scanned file at a
 * time), so an export never holds all rows. `BatchedSink` gathers rows into bounded batches for
 * the columnar writers (one Parquet row group or Arrow record batch per batch).
 */
import type { AtomicFile } from './atomic.ts';

/** A row being exported: a Support row, or a report row. */
export type ExportRow = Readonly<Record<string, unknown>>;

/** Where an export's bytes go: an atomic file, or stdout through the same three calls. */
export type ByteOut = Pick<AtomicFile, 'write' | 'commit' | 'abort'>;

/** An export in progress. Rows keep the order they are written in. */
export interface RowSink {
  /** Adds rows after the ones written before. */
  write(rows: readonly ExportRow[]): Promise<void>;
  /** Completes the output (footer, rename into place). */
  close(): Promise<void>;
  /** Drops the output and its temp files. Never throws. */
  abort(): Promise<void>;
}

/** When a batch is full: whichever limit is reached first. */
export interface BatchLimits {
  readonly rows: number;
  /** Approximate bytes of the batch's values (see {@link approxBytes}). */
  readonly bytes: number;
}

/**
 * Parquet row groups of ~8 MiB of values (~7k Support rows): measured on the 1M-record bench
 * archive, 16 MiB groups took the export from 262 MB to 333 MB peak RSS for a 1% smaller file
 * (bench/RESULTS.md).
 */
export const DEFAULT_BATCH_LIMITS: BatchLimits = { rows: 100_000, bytes: 8 * 1024 * 1024 };

/** A cheap size estimate of a row: its string lengths plus a fixed cost per column. */
export function approxBytes(row: ExportRow): number {
  let bytes = 0;
  for (const key in row) {
    const value = row[key];
    bytes += typeof value === 'string' ? value.length + 16 : 16;
  }
  return bytes;
}

/** A sink that writes whole batches: subclasses encode one batch and finish the file. */
export abstract class BatchedSink implements RowSink {
  private pending: ExportRow[] = [];
  private pendingBytes = 0;

  constructor(private readonly limits: BatchLimits = DEFAULT_BATCH_LIMITS) {}

  /** Approximate bytes waiting in the current batch. */
  get bufferedBytes(): number {
    return this.pendingBytes;
  }

  async write(rows: readonly ExportRow[]): Promise<void> {
    for (const row of rows) {
      this.pending.push(row);
      this.pendingBytes += approxBytes(row);
      if (this.pending.length >= this.limits.rows || this.pendingBytes >= this.limits.bytes) await this.flush();
    }
  }

  /** Writes the rows gathered so far as one batch (nothing when there are none). */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    await this.writeBatch(batch);
  }

  async close(): Promise<void> {
    await this.flush();
    await this.finish();
  }

  abstract abort(): Promise<void>;
  protected abstract writeBatch(rows: readonly ExportRow[]): Promise<void>;
  protected abstract finish(): Promise<void>;
}
