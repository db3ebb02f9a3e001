/**
 * The `export` job as a library call: scan an archive and stream its Support rows into a sink,
 * file by file, in discovery order (sorted paths, then record index). No row list is kept, so
 * memory does not grow with the archive.
 */
import type { ExportRow, RowSink } from './export/row-sink.ts';
import { scan, type ScanOptions, type ScanResult } from './scan.ts';

/** Scans `paths` into `sink` and completes it; on any failure the sink's temp files are removed. */
export async function exportArchive(paths: readonly string[], sink: RowSink, options: ScanOptions = {}): Promise<ScanResult> {
  try {
    // SupportRow is an interface (no index signature), so it needs the cast to the row shape sinks read.
    const result = await scan(paths, { ...options, keepRows: false, onRows: (rows) => sink.write(rows as unknown as ExportRow[]) });
    await sink.close();
    return result;
  } catch (err) {
    await sink.abort();
    throw err;
  }
}
