/**
 * The `export` job as a library call: scan an archive and stream its Support rows into a sink,
 * file by file, in discovery order (sorted paths, then record index). No row list is kept, so
 * memory does not grow with the archive.
 *
 * One scan worker by default (not one per core, as for `report`): the writer runs on the main
 * thread and is the bottleneck, so more workers bought ~10% speed for ~55 MB each. Measured on
 * the 1M-record export bench (2 cores): Parquet 30.4 s / 416 MB with 2 workers, 31.8 s / 284 MB
 * with 1 (bench/RESULTS.md). `workers` in the options overrides it.
 */
export const EXPORT_WORKERS = 1;
import type { ExportRow, RowSink } from './row-sink.ts';
import { scan, type ScanOptions, type ScanResult } from '../scan/scan.ts';

/** Scans `paths` into `sink` and completes it; on any failure the sink's temp files are removed. */
export async function exportArchive(paths: readonly string[], sink: RowSink, options: ScanOptions = {}): Promise<ScanResult> {
  try {
    // SupportRow is an interface (no index signature), so it needs the cast to the row shape sinks read.
    const result = await scan(paths, {
      ...options,
      workers: options.workers ?? EXPORT_WORKERS,
      keepRows: false,
      onRows: (rows) => sink.write(rows as unknown as ExportRow[]),
    });
    await sink.close();
    return result;
  } catch (err) {
    await sink.abort();
    throw err;
  }
}
