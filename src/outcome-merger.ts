/**
 * Adds file outcomes up in discovery order: counts, the rejects ledger, and the kept rows with
 * repeated eventIDs dropped (the first in path order wins).
 */
import { FirstSeen, printOf } from './first-seen.ts';
import type { FileOutcome } from './scan-file.ts';
import type { FileCounts, RecordCounts, Reject, SupportRow } from './types.ts';

/** Adds file outcomes up, in the order given, and drops repeated eventIDs (first one wins). */
export class OutcomeMerger {
  private readonly rows: SupportRow[] = [];
  private readonly rejects: Reject[] = [];
  private readonly firstById = new FirstSeen();
  private readonly files: FileCounts = { seen: 0, read: 0, skipped: { digest: 0, insight: 0, other: 0, outOfRange: 0 }, failed: 0 };
  private readonly records: RecordCounts = { seen: 0, support: 0, filteredOut: 0, notSupport: 0, excluded: 0, rejected: 0, duplicates: 0 };

  /** @param keepRows collect kept rows for {@link result} (false when they are streamed away). */
  constructor(private readonly keepRows = true) {}

  addDiscoveryReject(reject: Reject): void {
    this.files.seen++;
    this.files.failed++;
    this.rejects.push(reject);
  }

  addSkipped(kind: keyof FileCounts['skipped'] | 'log'): void {
    this.files.seen++;
    this.files.skipped[kind === 'log' ? 'other' : kind]++;
  }

  /** Adds one file's outcome; returns the rows it kept (after dropping duplicates). */
  add(outcome: FileOutcome): SupportRow[] {
    if (outcome.skippedAs) {
      this.addSkipped(outcome.skippedAs);
      return [];
    }
    this.files.seen++;
    if (outcome.reject) this.files.failed++;
    else this.files.read++;
    const { counts } = outcome;
    this.records.seen += counts.seen;
    this.records.notSupport += counts.notSupport;
    this.records.excluded += counts.excluded;
    this.records.filteredOut += counts.notSupport + counts.excluded;
    this.records.rejected += counts.rejected;
    this.rejects.push(...outcome.rejects);
    const kept = outcome.rows.filter((row, i) => this.isFirst(row, outcome.fingerprints[i]));
    this.records.support += kept.length;
    if (this.keepRows) this.rows.push(...kept);
    return kept;
  }

  private isFirst(row: SupportRow, fingerprint: string): boolean {
    const first = row.eventID === null ? undefined : this.firstById.get(row.eventID);
    if (first) {
      this.records.duplicates++;
      const same = first.print === printOf(fingerprint) ? 'identical to' : 'DIFFERENT payload from';
      this.rejects.push({ path: row.file, index: row.index, stage: 'dedupe', reason: `duplicate eventID ${row.eventID}: ${same} ${first.path}#${first.index}` });
      return false;
    }
    if (row.eventID !== null) this.firstById.add(row.eventID, row.file, row.index, fingerprint);
    return true;
  }

  result(): { rows: SupportRow[]; rejects: Reject[]; files: FileCounts; records: RecordCounts } {
    return { rows: this.rows, rejects: this.rejects, files: this.files, records: this.records };
  }
}
