/**
 * The cases take every Support record once: the rows the report keeps and, under a filter, the
 * rows the filter drops (context). The merger drops repeated eventIDs among kept rows; this drops
 * the repeats that cross the two: a context row whose event was kept or seen as context before, or
 * a kept row whose event was seen as context before. It holds the context rows' eventIDs only
 * (the kept ones are the merger's): one eventID set over the run, as duplicate detection does.
 */
import type { RowFilter } from '../rows/filter.ts';
import { archivePathAt, eventIdAt, type PackedKeys, RowPlaces } from '../scan/row-keys.ts';

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
   * The places of a file's rows the cases must leave out; call after the merger added the file
   * (`kept` flags its rows that were first occurrences, and the merger knows them).
   */
  of(rows: PackedKeys, kept: Uint8Array, context: PackedKeys): RowPlaces {
    const out = new RowPlaces();
    // No context id yet (nothing filtered out so far): no kept row can repeat one.
    for (let i = 0; i < rows.length && this.contextIds.size > 0; i++) {
      if (kept[i] === 0) continue;
      const id = eventIdAt(rows, i);
      if (id !== null && this.contextIds.has(id)) out.add(archivePathAt(rows, i), rows.indexes[i]);
    }
    for (let i = 0; i < context.length; i++) {
      const id = eventIdAt(context, i);
      if (id === null) continue;
      if (this.kept.hasKept(id) || this.contextIds.has(id)) out.add(archivePathAt(context, i), context.indexes[i]);
      else this.contextIds.add(id);
    }
    return out;
  }
}
