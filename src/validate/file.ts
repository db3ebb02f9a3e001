/**
 * The `validate` job for one log file: every record against the record schema. Pure of shared
 * state, so it runs on worker threads too (`runJob`).
 */
import { DEFAULT_MAX_FILE_BYTES, type InflateEngine } from '../read/decode.ts';
import { ledgerOf, readLogFile } from '../read/log-file.ts';
import type { SeenInput } from '../read/provenance.ts';
import type { EntryCounts, LogFile, RecordBatch, Reject } from '../types.ts';
import { validatePartialRecord, validateRecord } from './schemas.ts';

export interface ValidateOptions {
  readonly maxFileBytes?: number;
  readonly inflate?: InflateEngine;
  /** Worker threads (default: one per core; 1 runs in-process). The result is the same for any count. */
  readonly workers?: number;
  /** Collect what each input was, with its SHA-256, in the result's `inputs`: the manifest's (default false). */
  readonly inputs?: boolean;
}

/** What one file contributed: its counts (or why it was unusable or skipped) and its ledger lines. */
export interface FileValidation {
  readonly checked: Checked;
  readonly ledger: Reject[];
  /** The content digest of a file read, to count byte-identical files once (read/file-counts.ts DuplicateFiles). */
  readonly digest?: string;
  /** What the file (an archive: and each entry) was, with its SHA-256 (read/provenance.ts). */
  readonly inputs: SeenInput[];
}

export type Checked = { n: number; invalid: number; entries?: EntryCounts } | { error: string } | { skipAs: 'digest' | 'insight' | 'other' };

interface Validated {
  readonly n: number;
  readonly invalid: number;
  readonly ledger: Reject[];
}

/** Reads and validates one file; an archive entry by entry, so one entry's records are held at a time. Never throws. */
export function validateFile(file: LogFile, options: ValidateOptions): FileValidation {
  const read = readLogFile(file, { maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, inflate: options.inflate }, {
    records: (batches, rejects) => validateBatches(batches, rejects, file),
  });
  const { inputs } = read;
  if (read.kind === 'skipped') return { checked: { skipAs: read.as }, ledger: [], inputs };
  const ledger = ledgerOf(read, (validated) => validated.ledger);
  if (read.kind === 'failed') return { checked: { error: read.reject.reason }, ledger, inputs };
  let n = 0;
  let invalid = 0;
  for (const part of read.parts) {
    if (!('value' in part)) continue;
    n += part.value.n;
    invalid += part.value.invalid;
  }
  const checked = read.entries ? { n, invalid, entries: read.entries } : { n, invalid };
  return read.digest === undefined ? { checked, ledger, inputs } : { checked, ledger, digest: read.digest, inputs };
}

/** The worker entry of this job (workers/worker.ts calls it by this name). */
export const runJob = validateFile;

/** Every record through the record schema (the partial one for partial batches); records the shape readers could not unwrap count as invalid. */
function validateBatches(batches: readonly RecordBatch[], shapeRejects: readonly Reject[], file: LogFile): Validated {
  const ledger = [...shapeRejects];
  let invalid = shapeRejects.filter((r) => r.index !== null).length;
  let n = invalid;
  for (const batch of batches) {
    const check = batch.partial ? validatePartialRecord : validateRecord;
    const where = batch.archivePath === null ? {} : { archivePath: batch.archivePath };
    n += batch.records.length;
    batch.records.forEach((record, i) => {
      const issue = check(record)[0];
      if (!issue) return;
      invalid++;
      ledger.push({
        path: file.path,
        ...where,
        index: batch.indexes === null ? i : batch.indexes[i],
        stage: 'validate',
        reason: issue.message,
        pointer: issue.pointer,
      });
    });
  }
  return { n, invalid, ledger };
}
