/**
 * The cases take every Support record once: the rows the report keeps and, under a filter, the
 * rows the filter drops (context). The merger drops repeated eventIDs among kept rows; this drops
 * the repeats that cross the two: a context row whose event was kept or seen as context before, or
 * a kept row whose event was seen as context before. It holds the context rows' eventIDs only
 * (the kept ones are the merger's): one eventID set over the run, as duplicate detection does.
 */
import type { RowFilter } from '../rows/filter.ts';
import type { RowKey } from '../scan/merge.ts';
import { placeKey } from './file.ts';

/** What this reads of the merger: whether a kept row of the eventID was added before. */
interface KeptIds {
  hasKept(eventID: string): boolean;
}

/** True when a filter that can drop Support rows is set. */
export const isFiltering = (filter: RowFilter | undefined): boolean =>
  filter !== undefined &&
  (filter.since !== undefined || filter.until !== undefined ||
    [filter.accounts, filter.regions, filter.eventNames, filter.principals].some((list) => (list?.length ?? 0) > 0));

/** Tracks the eventIDs the cases hold, file by file in merge order. */
export class CaseRepeats {
  private readonly contextIds = new Set<string>();

  constructor(private readonly kept: KeptIds) {}

  /**
   * The place keys of a file's rows the cases must leave out; call after the merger added the
   * file (so `kept` are its first occurrences, and the merger knows them).
   */
  of(kept: readonly RowKey[], context: readonly RowKey[]): string[] {
    const out: string[] = [];
    for (const row of kept) if (row.eventID !== null && this.contextIds.has(row.eventID)) out.push(placeKey(row));
    for (const row of context) {
      if (row.eventID === null) continue;
      if (this.kept.hasKept(row.eventID) || this.contextIds.has(row.eventID)) out.push(placeKey(row));
      else this.contextIds.add(row.eventID);
    }
    return out;
  }
}
