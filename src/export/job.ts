/**
 * The `export` job as a library call: scan an archive and stream its Support rows into a sink
 * in discovery order (sorted paths, then record index). No row list is kept, so memory does not
 * grow with the archive. With one worker, rows go to the sink document by document (an archive
 * entry's before the next entry is read: stream-scan.ts); with more, file by file from the workers.
 *
 * One scan worker by default (not one per core, as for `report`): the writer runs on the main
 * thread and is the bottleneck, so more workers bought ~10% speed for ~55 MB each. Measured on
 * the 1M-record export bench (2 cores): Parquet 30.4 s / 416 MB with 2 workers, 31.8 s / 284 MB
 * with 1 (bench/RESULTS.md). `workers` in the options overrides it.
 */
export const EXPORT_WORKERS = 1;
import type { ExportRow, RowSink } from './row-sink.ts';
import { scan, type ScanOptions, type ScanResult } from '../scan/scan.ts';
import type { SupportRow } from '../types.ts';
import { streamScan } from './stream-scan.ts';

/** Scans `paths` into `sink` and completes it; on any failure the sink's temp files are removed. */
export async function exportArchive(paths: readonly string[], sink: RowSink, options: ScanOptions = {}): Promise<ScanResult> {
  try {
    // SupportRow is an interface (no index signature), so it needs the cast to the row shape sinks read.
    const workers = options.workers ?? EXPORT_WORKERS;
    const onRows = (rows: SupportRow[]) => sink.write(rows as unknown as ExportRow[]);
    // One worker: the scan runs here, and each document's rows are written before the next is read.
    const result = await (workers === 1 ? streamScan : scan)(paths, { ...options, workers, keepRows: false, onRows });
    await sink.close();
    return result;
  } catch (err) {
    await sink.abort();
    throw err;
  }
}
