/**
 * File counts that add up: `seen = read + failed + skipped`, where an archive counts as its
 * entries, like a folder. One tally for every command.
 */
import type { EntryCounts, FileCounts, Reject, Stage } from '../types.ts';

/** Empty file counts. */
export const noFiles = (): FileCounts => ({ seen: 0, read: 0, skipped: { digest: 0, insight: 0, other: 0, outOfRange: 0, duplicate: 0 }, failed: 0 });

/** Counts files as a run meets them. */
export class FileTally {
  readonly counts: FileCounts = noFiles();

  read(): void {
    this.counts.seen++;
    this.counts.read++;
  }

  failed(): void {
    this.counts.seen++;
    this.counts.failed++;
  }

  skipped(kind: keyof FileCounts['skipped']): void {
    this.counts.seen++;
    this.counts.skipped[kind]++;
  }

  /** A `.zip`/`.tar` counts as its entries. */
  archive(entries: EntryCounts): void {
    const { digest, insight, other } = entries.skipped;
    const files = this.counts;
    files.seen += entries.read + entries.failed + digest + insight + other;
    files.read += entries.read;
    files.failed += entries.failed;
    files.skipped.digest += digest;
    files.skipped.insight += insight;
    files.skipped.other += other;
  }
}

/**
 * Whole files byte-identical to one read before them (the same object downloaded twice, a copy
 * under another name): counted as `duplicate` files, with a ledger line, and their records not
 * counted again. Each file read is known by the first 16 bytes of its SHA-256 (decode.ts contentDigest), so
 * memory is one short string per distinct file, not its path; the ledger gives the hash, which
 * finds the first copy (`sha256sum`). Callers pass only files that held records: copies of an
 * empty file (`[]`, `{"Records":[]}`) count nothing twice, and are common (TrailDiscover has 21).
 */
export class DuplicateFiles {
  private readonly seen = new Set<string>();

  /** The ledger line when a file with this content digest was read before it; else remembers the digest. */
  check(path: string, digest: string | undefined): Reject | undefined {
    if (digest === undefined) return undefined;
    if (!this.seen.has(digest)) {
      this.seen.add(digest);
      return undefined;
    }
    const hex = Buffer.from(digest, 'latin1').toString('hex');
    const reason = `duplicate file: byte-identical to a file read before it (SHA-256 ${hex}…); its records are counted there, not again`;
    return { path, index: null, stage: 'dedupe', reason };
  }
}

/** A file (or archive entry) that could not be read, as the JSON output names it. */
export interface FailedFile {
  readonly path: string;
  /** The entry inside a `.zip`/`.tar` file, or null. */
  readonly archivePath: string | null;
  readonly stage: Stage;
  readonly reason: string;
}

/**
 * The failed files of a run, from its ledger: the whole-file lines (index null) that are neither a
 * warning (the file was read) nor a duplicate. One per file counted as failed, in ledger order.
 */
export function failedFilesOf(ledger: readonly Reject[]): FailedFile[] {
  const failed: FailedFile[] = [];
  for (const r of ledger) {
    if (r.index !== null || r.warning || r.stage === 'dedupe') continue;
    failed.push({ path: r.path, archivePath: r.archivePath ?? null, stage: r.stage, reason: r.reason });
  }
  return failed;
}
