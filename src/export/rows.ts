import type { SupportRow } from '../types.ts';
import { renderTextRows, type TextRowFormat } from './text-rows.ts';

/** Text formats of `export`; `parquet` and `arrow` are binary and written to a file. */
export type RowFormat = TextRowFormat;

/** Support rows in time order (ties by eventID, then file, archive entry and index). */
export function sortRows(rows: readonly SupportRow[]): SupportRow[] {
  const key = (r: SupportRow) => [r.eventTime, r.eventID ?? '', r.file, r.archivePath ?? ''] as const;
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return a.index - b.index;
  });
}

/**
 * Renders Support rows, one per record, in a text format, in the order given: the same bytes as
 * the streamed `export` of those rows. Use {@link sortRows} first for time order.
 */
export function renderRows(rows: readonly SupportRow[], format: RowFormat): string {
  return renderTextRows(rows as unknown as Record<string, unknown>[], format);
}
