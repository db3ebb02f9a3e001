/**
 * The `validate` job: every record of every log file through the full record schema (not just
 * the Support ones), with per-file results.
 */
import type { CheckOptions, FileCheckOutcome } from './file.ts';
import { discover, type Discovered } from '../read/discover.ts';
import { consumeInOrder, FileRunner } from '../workers/runner.ts';
import { addEntryCounts } from '../read/archive-parts.ts';
import type { EntryCounts, FileCounts, LogFile, Reject } from '../types.ts';
import { defaultWorkers } from '../workers/pool.ts';

export type { CheckOptions } from './file.ts';

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

export interface CheckResult {
  readonly files: FileCounts;
  readonly records: { seen: number; valid: number; invalid: number };
  /** One entry per log file, in discovery order. */
  readonly perFile: FileCheck[];
  readonly ledger: Reject[];
}

const crashedCheck = (file: LogFile, reason: string): FileCheckOutcome => ({
  checked: { error: reason },
  ledger: [{ path: file.path, index: null, stage: 'read', reason }],
});

/** `error` of an archive: null when every entry was read or skipped, else how many failed. */
function failedEntries(entries: EntryCounts): string | null {
  if (entries.failed === 0) return null;
  const { digest, insight, other } = entries.skipped;
  const all = entries.read + entries.failed + digest + insight + other;
  return `${entries.failed} of ${all} archive ${all === 1 ? 'entry' : 'entries'} could not be read`;
}

type Entry = { reject: Reject } | { skipped: keyof FileCounts['skipped'] } | { file: LogFile; outcome: FileCheckOutcome };

/** Validates every record of every log file under `paths`, on worker threads past the first few files. */
export async function checkArchive(paths: readonly string[], options: CheckOptions = {}): Promise<CheckResult> {
  const files: FileCounts = { seen: 0, read: 0, skipped: { digest: 0, insight: 0, other: 0, outOfRange: 0 }, failed: 0 };
  const records = { seen: 0, valid: 0, invalid: 0 };
  const perFile: FileCheck[] = [];
  const ledger: Reject[] = [];
  const workers = options.workers ?? defaultWorkers();
  const runner = new FileRunner('check', workers, { maxFileBytes: options.maxFileBytes, inflate: options.inflate }, crashedCheck);
  const start = async (found: Discovered): Promise<Entry> => {
    if ('reject' in found) return { reject: found.reject };
    // Files named as digests or Insights files are read too: their content decides (read-records.ts).
    if (found.file.kind === 'other') return { skipped: 'other' };
    return { file: found.file, outcome: await runner.run(found.file) };
  };
  const add = (entry: Entry) => {
    files.seen++;
    if ('reject' in entry) {
      files.failed++;
      ledger.push(entry.reject);
      return;
    }
    if ('skipped' in entry) {
      files.skipped[entry.skipped]++;
      return;
    }
    const { file, outcome } = entry;
    ledger.push(...outcome.ledger);
    const read = outcome.checked;
    if ('skipAs' in read) {
      files.skipped[read.skipAs]++;
      return;
    }
    if ('error' in read) {
      files.failed++;
      perFile.push({ path: file.path, records: 0, valid: 0, invalid: 0, error: read.error });
      return;
    }
    if (read.entries) {
      files.seen--; // counted above as one file; an archive counts as its entries instead
      addEntryCounts(files, read.entries);
    } else {
      files.read++;
    }
    records.seen += read.n;
    records.invalid += read.invalid;
    records.valid += read.n - read.invalid;
    perFile.push({ path: file.path, records: read.n, valid: read.n - read.invalid, invalid: read.invalid, error: read.entries ? failedEntries(read.entries) : null });
  };
  try {
    await consumeInOrder(discover(paths), start, Math.max(2, workers * 4), add);
  } finally {
    await runner.close();
  }
  return { files, records, perFile, ledger };
}
