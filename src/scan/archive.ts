/**
 * One `.zip`/`.tar` file -> one outcome, entry by entry: each entry is read and sorted into rows
 * before the next is inflated, so memory holds one entry's records at a time however big the
 * archive. The archive counts as its entries (EntryCounts), like a folder.
 */
import type { DecodeOptions } from '../read/decode.ts';
import { archiveParts, noEntries } from '../read/archive-parts.ts';
import type { FileOutcome } from './file.ts';
import type { LogFile } from '../types.ts';

/** Sorts one entry's decoded bytes into an outcome (read, skipped as a sidecar, or failed); `warning` is the entry's gzip salvage note. */
export type SortEntry = (archivePath: string, bytes: Uint8Array, warning: string | undefined) => FileOutcome;

/** Reads every entry of an archive with `sortEntry` and adds the outcomes up (pure but for `sortEntry`). */
export function outcomeOfArchive(file: LogFile, bytes: Uint8Array, options: DecodeOptions, sortEntry: SortEntry): FileOutcome {
  const entries = noEntries();
  const total: FileOutcome = { file, rows: [], fingerprints: [], rejects: [], counts: { seen: 0, support: 0, notSupport: 0, excluded: 0, rejected: 0 }, entries };
  for (const part of archiveParts(file, bytes, options)) {
    if ('reject' in part) {
      if (part.whole) return { ...total, reject: part.reject, rejects: [part.reject], entries: undefined };
      entries.failed++;
      total.rejects.push(part.reject);
      continue;
    }
    if ('skipAs' in part) {
      entries.skipped[part.skipAs]++;
      continue;
    }
    const one = sortEntry(part.name, part.bytes, part.warning);
    if (one.skippedAs) entries.skipped[one.skippedAs]++;
    else if (one.reject) entries.failed++;
    else entries.read++;
    total.rows.push(...one.rows);
    total.fingerprints.push(...one.fingerprints);
    total.rejects.push(...one.rejects);
    for (const key of ['seen', 'support', 'notSupport', 'excluded', 'rejected'] as const) total.counts[key] += one.counts[key];
  }
  return total;
}
