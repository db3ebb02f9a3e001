/**
 * One log file through the `validate` job: every record against the record schema. Pure of
 * shared state, so it runs on a worker thread like the report's per-file job.
 */
import { decodeFileSync, DEFAULT_MAX_FILE_BYTES, type InflateEngine } from '../read/decode.ts';
import { fileWarnings } from '../read/file-warnings.ts';
import { archiveParts, isArchive, noEntries } from '../read/archive-parts.ts';
import { confirmNamedKind, recordsOfDocument, tallyEntry } from '../read/records.ts';
import type { EntryCounts, LogFile, RecordBatch, Reject } from '../types.ts';
import { validatePartialRecord, validateRecord } from './schemas.ts';

export interface CheckOptions {
  readonly maxFileBytes?: number;
  readonly inflate?: InflateEngine;
  /** Worker threads (default: one per core; 1 runs in-process). The result is the same for any count. */
  readonly workers?: number;
}

/** What one file contributed: its counts (or why it was unusable or skipped) and its ledger lines. */
export interface FileCheckOutcome {
  readonly checked: Checked;
  readonly ledger: Reject[];
}

/** Reads and validates one file. Never throws. */
export async function checkFile(file: LogFile, options: CheckOptions): Promise<FileCheckOutcome> {
  const ledger: Reject[] = [];
  const checked = readForCheck(file, options, ledger);
  return { checked, ledger };
}

export type Checked = { n: number; invalid: number; entries?: EntryCounts } | { error: string } | { skipAs: 'digest' | 'insight' | 'other' };

/**
 * Reads and validates one file; an archive entry by entry, so one entry's records are held at a
 * time. Synchronous: the file's bytes live in this thread's reused inflate buffer (decode.ts `reuse`).
 */
function readForCheck(file: LogFile, options: CheckOptions, ledger: Reject[]): Checked {
  const decodeOptions = { maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, inflate: options.inflate };
  const decoded = decodeFileSync(file.readPath ?? file.path, { ...decodeOptions, reuse: true });
  if (!decoded.ok) {
    ledger.push({ path: file.path, index: null, stage: decoded.stage, reason: decoded.reason });
    return { error: decoded.reason };
  }
  if (!isArchive(decoded.bytes)) {
    const read = recordsOfDocument(file, decoded.bytes, decoded.gzip);
    const named = confirmNamedKind(file, read);
    if (named && 'skipAs' in named) return { skipAs: named.skipAs };
    if (!read.ok && 'skipAs' in read) return { skipAs: read.skipAs };
    if (!read.ok) {
      ledger.push(read.reject);
      return { error: read.reject.reason };
    }
    ledger.push(...fileWarnings(file, decoded.bytes, decoded.warning, null), ...(named && 'warning' in named ? [named.warning] : []));
    return validateBatches(read.batches, read.rejects, file, ledger);
  }
  // A .tar.gz with trailing garbage after its gzip stream: the archive's own warning.
  if (decoded.warning) ledger.push({ path: file.path, index: null, stage: 'decode', reason: decoded.warning, warning: true });
  const entries = noEntries();
  const total = { n: 0, invalid: 0, entries };
  for (const part of archiveParts(file, decoded.bytes, decodeOptions)) {
    if ('reject' in part && part.whole) {
      ledger.push(part.reject);
      return { error: part.reject.reason };
    }
    const read = 'bytes' in part ? recordsOfDocument(file, part.bytes, false, part.name) : part;
    tallyEntry(entries, read);
    if ('reject' in read) ledger.push(read.reject);
    if (!('batches' in read)) continue;
    if ('bytes' in part) ledger.push(...fileWarnings(file, part.bytes, part.warning, part.name));
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

