/**
 * The `validate` job: every record of every log file through the full record schema (not just
 * the Support ones), with per-file results.
 */
import { decodeFile, DEFAULT_MAX_FILE_BYTES, type DecodeOptions, type InflateEngine } from './decode.ts';
import { discover } from './discover.ts';
import { archiveParts, isArchive, noEntries } from './read-archive.ts';
import { recordsOfDocument, tallyEntry } from './read-records.ts';
import type { EntryCounts, FileCounts, LogFile, RecordBatch, Reject } from './types.ts';
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
    const read = await readForCheck(file, { maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, inflate: options.inflate }, ledger);
    if ('skipAs' in read) {
      files.skipped[read.skipAs]++;
      continue;
    }
    if ('error' in read) {
      files.failed++;
      perFile.push({ path: file.path, records: 0, valid: 0, invalid: 0, error: read.error });
      continue;
    }
    addFileCounts(files, read.entries);
    records.seen += read.n;
    records.invalid += read.invalid;
    records.valid += read.n - read.invalid;
    perFile.push({ path: file.path, records: read.n, valid: read.n - read.invalid, invalid: read.invalid, error: null });
  }
  return { files, records, perFile, ledger };
}

type Checked = { n: number; invalid: number; entries?: EntryCounts } | { error: string } | { skipAs: 'digest' | 'other' };

/** Reads and validates one file; an archive entry by entry, so one entry's records are held at a time. */
async function readForCheck(file: LogFile, options: DecodeOptions, ledger: Reject[]): Promise<Checked> {
  const decoded = await decodeFile(file.readPath ?? file.path, options);
  if (!decoded.ok) {
    ledger.push({ path: file.path, index: null, stage: decoded.stage, reason: decoded.reason });
    return { error: decoded.reason };
  }
  if (!isArchive(decoded.bytes)) {
    const read = recordsOfDocument(file, decoded.bytes, decoded.gzip);
    if (!read.ok && 'skipAs' in read) return { skipAs: read.skipAs };
    if (!read.ok) {
      ledger.push(read.reject);
      return { error: read.reject.reason };
    }
    return validateBatches(read.batches, read.rejects, file, ledger);
  }
  const entries = noEntries();
  const total = { n: 0, invalid: 0, entries };
  for (const part of archiveParts(file, decoded.bytes, options)) {
    if ('reject' in part && part.whole) {
      ledger.push(part.reject);
      return { error: part.reject.reason };
    }
    const read = 'bytes' in part ? recordsOfDocument(file, part.bytes, false, part.name) : part;
    tallyEntry(entries, read);
    if ('reject' in read) ledger.push(read.reject);
    if (!('batches' in read)) continue;
    const one = validateBatches(read.batches, read.rejects, file, ledger);
    total.n += one.n;
    total.invalid += one.invalid;
  }
  return total;
}

/** Every record through the record schema (the partial one for partial batches); records the shape readers could not unwrap count as invalid. */
function validateBatches(batches: readonly RecordBatch[], shapeRejects: readonly Reject[], file: LogFile, ledger: Reject[]): { n: number; invalid: number } {
  let invalid = shapeRejects.filter((r) => r.index !== null).length;
  let n = invalid;
  ledger.push(...shapeRejects);
  for (const batch of batches) {
    const check = batch.partial ? validatePartialRecord : validateRecord;
    const where = batch.archivePath === null ? {} : { archivePath: batch.archivePath };
    n += batch.records.length;
    batch.records.forEach((record, i) => {
      const issue = check(record)[0];
      if (!issue) return;
      invalid++;
      ledger.push({ path: file.path, ...where, index: batch.indexes === null ? i : batch.indexes[i], stage: 'validate', reason: issue.message, pointer: issue.pointer });
    });
  }
  return { n, invalid };
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
