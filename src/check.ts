/**
 * The `validate` job: every record of every log file through the full record schema (not just
 * the Support ones), with per-file results.
 */
import { DEFAULT_MAX_FILE_BYTES, type InflateEngine } from './decode.ts';
import { discover } from './discover.ts';
import { readRecords } from './read-records.ts';
import type { EntryCounts, FileCounts, Reject } from './types.ts';
import { validatePartialRecord, validateRecord } from './validate.ts';

export interface CheckOptions {
  readonly maxFileBytes?: number;
  readonly inflate?: InflateEngine;
}

/** The validation result of one log file. `error` is set when the file itself is unusable. */
export interface FileCheck {
  readonly path: string;
  readonly records: number;
  readonly valid: number;
  readonly invalid: number;
  readonly error: string | null;
}

export interface CheckResult {
  readonly files: FileCounts;
  readonly records: { seen: number; valid: number; invalid: number };
  /** One entry per log file, in discovery order. */
  readonly perFile: FileCheck[];
  readonly ledger: Reject[];
}

/** Validates every record of every log file under `paths`. */
export async function checkArchive(paths: readonly string[], options: CheckOptions = {}): Promise<CheckResult> {
  const files: FileCounts = { seen: 0, read: 0, skipped: { digest: 0, insight: 0, other: 0, outOfRange: 0 }, failed: 0 };
  const records = { seen: 0, valid: 0, invalid: 0 };
  const perFile: FileCheck[] = [];
  const ledger: Reject[] = [];
  for await (const found of discover(paths)) {
    files.seen++;
    if ('reject' in found) {
      files.failed++;
      ledger.push(found.reject);
      continue;
    }
    const { file } = found;
    if (file.kind !== 'log') {
      files.skipped[file.kind]++;
      continue;
    }
    const read = await readRecords(file, { maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, inflate: options.inflate });
    if (!read.ok && 'skipAs' in read) {
      files.skipped[read.skipAs]++;
      continue;
    }
    if (!read.ok) {
      files.failed++;
      ledger.push(read.reject);
      perFile.push({ path: file.path, records: 0, valid: 0, invalid: 0, error: read.reject.reason });
      continue;
    }
    addFileCounts(files, read.entries);
    // Records the shape readers could not unwrap are invalid records; failed archive entries are ledger lines only.
    let invalid = read.rejects.filter((r) => r.index !== null).length;
    let n = invalid;
    ledger.push(...read.rejects);
    for (const batch of read.batches) {
      const check = batch.partial ? validatePartialRecord : validateRecord;
      n += batch.records.length;
      batch.records.forEach((record, i) => {
        const issue = check(record)[0];
        if (!issue) return;
        invalid++;
        const index = batch.indexes === null ? i : batch.indexes[i];
        ledger.push({ path: file.path, ...(batch.archivePath === null ? {} : { archivePath: batch.archivePath }), index, stage: 'validate', reason: issue.message, pointer: issue.pointer });
      });
    }
    records.seen += n;
    records.invalid += invalid;
    records.valid += n - invalid;
    perFile.push({ path: file.path, records: n, valid: n - invalid, invalid, error: null });
  }
  return { files, records, perFile, ledger };
}

/** One file read: a plain file counts once; an archive counts as its entries (it was already counted once as seen). */
function addFileCounts(files: FileCounts, entries: EntryCounts | undefined): void {
  if (!entries) {
    files.read++;
    return;
  }
  const { digest, insight, other } = entries.skipped;
  files.seen += entries.read + entries.failed + digest + insight + other - 1;
  files.read += entries.read;
  files.failed += entries.failed;
  files.skipped.digest += digest;
  files.skipped.insight += insight;
  files.skipped.other += other;
}
