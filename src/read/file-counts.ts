/**
 * File counts that add up: `seen = read + failed + skipped`, where an archive counts as its
 * entries, like a folder. One tally for every command.
 */
import type { EntryCounts, FileCounts } from '../types.ts';

/** Empty file counts. */
export const noFiles = (): FileCounts => ({ seen: 0, read: 0, skipped: { digest: 0, insight: 0, other: 0, outOfRange: 0 }, failed: 0 });

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
