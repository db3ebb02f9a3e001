/**
 * The `validate` job: every record of every log file through the full record schema (not just
 * the Support ones), with per-file results.
 */
import { DuplicateFiles, FileTally } from '../read/file-counts.ts';
import { asDuplicate, crashedInput, type SeenInput, unwalkedInput } from '../read/provenance.ts';
import { siblingModule } from '../runtime.ts';
import type { EntryCounts, FileCounts, LogFile, Reject } from '../types.ts';
import type { WorkerJob } from '../workers/job.ts';
import { defaultWorkers } from '../workers/pool.ts';
import { type FileEntry, runFiles } from '../workers/run-files.ts';
import { type FileValidation, validateFile, type ValidateOptions } from './file.ts';

export type { ValidateOptions } from './file.ts';

/**
 * The validation result of one log file. `error` is set when the file itself is unusable, or,
 * for a `.zip`/`.tar`, when some of its entries could not be read (how many; the Problems name them).
 */
export interface FileCheck {
  readonly path: string;
  readonly records: number;
  readonly valid: number;
  readonly invalid: number;
  readonly error: string | null;
}

export interface ValidateResult {
  readonly files: FileCounts;
  readonly records: { seen: number; valid: number; invalid: number };
  /** One entry per log file, in discovery order. */
  readonly perFile: FileCheck[];
  readonly ledger: Reject[];
  /** Every input seen, in discovery order, when `inputs` was asked for (read/provenance.ts). */
  readonly inputs?: SeenInput[];
}

/** The validate job for one file, for the run driver. */
export const VALIDATE_JOB: WorkerJob<LogFile, ValidateOptions, FileValidation> = {
  module: siblingModule(import.meta.url, 'file'),
  run: validateFile,
  crashed: (file, reason) => ({
    checked: { error: reason },
    ledger: [{ path: file.path, index: null, stage: 'read', reason }],
    inputs: [crashedInput(file, reason)],
  }),
};

/** `error` of an archive: null when every entry was read or skipped, else how many failed. */
function failedEntries(entries: EntryCounts): string | null {
  if (entries.failed === 0) return null;
  const { digest, insight, other } = entries.skipped;
  const all = entries.read + entries.failed + digest + insight + other;
  return `${entries.failed} of ${all} archive ${all === 1 ? 'entry' : 'entries'} could not be read`;
}

/** Validates every record of every log file under `paths`, on worker threads past the first few files. */
export async function validateArchive(paths: readonly string[], options: ValidateOptions = {}): Promise<ValidateResult> {
  const files = new FileTally();
  const records = { seen: 0, valid: 0, invalid: 0 };
  const perFile: FileCheck[] = [];
  const ledger: Reject[] = [];
  const duplicates = new DuplicateFiles();
  const inputs: SeenInput[] | undefined = options.inputs ? [] : undefined;
  const add = (entry: FileEntry<FileValidation>) => {
    if ('reject' in entry) {
      files.failed();
      ledger.push(entry.reject);
      inputs?.push(unwalkedInput(entry.reject.path, entry.reject.reason));
      return;
    }
    if ('skipped' in entry) return files.skipped(entry.skipped);
    const { file, result } = entry;
    const duplicate = 'n' in result.checked && result.checked.n > 0 ? duplicates.check(file.path, result.digest) : undefined;
    for (const input of duplicate ? asDuplicate(result.inputs) : result.inputs) inputs?.push(input);
    if (duplicate) {
      ledger.push(duplicate);
      return files.skipped('duplicate');
    }
    for (const line of result.ledger) ledger.push(line);
    const read = result.checked;
    if ('skipAs' in read) return files.skipped(read.skipAs);
    if ('error' in read) {
      files.failed();
      perFile.push({ path: file.path, records: 0, valid: 0, invalid: 0, error: read.error });
      return;
    }
    if (read.entries) files.archive(read.entries);
    else files.read();
    records.seen += read.n;
    records.invalid += read.invalid;
    records.valid += read.n - read.invalid;
    perFile.push({
      path: file.path,
      records: read.n,
      valid: read.n - read.invalid,
      invalid: read.invalid,
      error: read.entries ? failedEntries(read.entries) : null,
    });
  };
  const fileOptions = { maxFileBytes: options.maxFileBytes, inflate: options.inflate };
  await runFiles(paths, { job: VALIDATE_JOB, options: fileOptions, workers: options.workers ?? defaultWorkers() }, add);
  return { files: files.counts, records, perFile, ledger, ...(inputs ? { inputs } : {}) };
}
