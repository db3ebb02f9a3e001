/**
 * The scan of a one-worker export, streamed document by document: each file is read on this
 * thread, one at a time, and the rows of each document (a file, or one archive entry) go to
 * `onRows`, awaited, before the next document is read. The scan's own driver (scan/scan.ts) hands
 * over a whole file's rows, so an archive's were all held at once: a zip of six 31 MiB all-Support
 * entries (287,238 rows, ~1.5 KB each) peaked at 737 MB in `export --format parquet`. The result,
 * rows, ledger and counts, is the scan's, in the same order.
 */
import { type DocumentReader, readLogFileSteps } from '../read/log-file.ts';
import { decodeOptionsOf, type FileScanOptions, scanReader, toFileOutcome } from '../scan/file.ts';
import { type FileInPieces, OutcomeMerger } from '../scan/merge.ts';
import type { FileOutcome } from '../scan/outcome.ts';
import { fileScanOptionsOf, keepFileOf, type ScanOptions, type ScanResult } from '../scan/scan.ts';
import type { LogFile, SupportRow } from '../types.ts';
import { plannedFiles } from '../workers/run-files.ts';

/** {@link scan} on this thread, one file at a time, each document's rows handed over as soon as it is read. */
export async function streamScan(paths: readonly string[], options: ScanOptions): Promise<ScanResult> {
  const merger = new OutcomeMerger(options.keepRows ?? true, options.inputs);
  const fileOptions = fileScanOptionsOf(options);
  for await (const plan of plannedFiles(paths, keepFileOf(options))) {
    if ('reject' in plan) merger.addDiscoveryReject(plan.reject);
    else if ('skipped' in plan) merger.addUnread(plan.file);
    else {
      await streamFile(plan.file, fileOptions, merger, options.onRows);
      options.onFile?.(plan.file.size);
      continue;
    }
    options.onFile?.(0);
  }
  return merger.result();
}

/**
 * Reads one file into the merger, document by document: the reader takes each document's rows
 * (leaving its counts and ledger lines to the file's outcome), and they are merged and written
 * while the file's read is paused. Never throws but for `onRows`.
 */
async function streamFile(
  file: LogFile,
  options: FileScanOptions,
  merger: OutcomeMerger,
  onRows: ((rows: SupportRow[]) => void | Promise<void>) | undefined,
): Promise<void> {
  const taken: FileOutcome[] = [];
  const take = (outcome: FileOutcome | undefined): FileOutcome | undefined => {
    if (outcome === undefined) return undefined;
    taken.push(outcome);
    return { ...outcome, rows: [], fingerprints: [] };
  };
  const scan = scanReader(file, options);
  const reader: DocumentReader<FileOutcome> = {
    shortcut: scan.shortcut && ((bytes, archivePath) => take(scan.shortcut!(bytes, archivePath))),
    records: (batches, rejects, archivePath) => take(scan.records(batches, rejects, archivePath))!,
  };
  // Not `reuse`: the file's bytes would sit in this thread's reused buffers while its rows are
  // written, and nothing would stop a later change from decoding in the meantime. Measured on the
  // 400-file, 160k-row export bench: no difference in wall or CPU time either way (3 runs each).
  const steps = readLogFileSteps(file, decodeOptionsOf(options), reader);
  let pieces: FileInPieces<SupportRow> | undefined;
  for (;;) {
    const step = steps.next();
    if (step.done) {
      const outcome = toFileOutcome(step.value);
      (pieces ?? merger.openFile<SupportRow>(file.path, outcome.digest)).end(outcome);
      return;
    }
    pieces ??= merger.openFile<SupportRow>(file.path, step.value);
    await writeTaken(taken, pieces, onRows);
  }
}

/**
 * Merges and writes the rows taken from the document just read. A function of its own, so that
 * no reference to them is left in the caller's frame once they are written: V8 kept the last
 * document's 48k rows (~70 MB) alive on the stack while the next one was read, when this loop
 * was inline.
 */
async function writeTaken(
  taken: FileOutcome[],
  pieces: FileInPieces<SupportRow>,
  onRows: ((rows: SupportRow[]) => void | Promise<void>) | undefined,
): Promise<void> {
  while (taken.length > 0) {
    const outcome = taken.shift()!;
    const kept = pieces.rows(outcome.rows, outcome.fingerprints);
    if (kept.length > 0) await onRows?.(kept);
  }
}
