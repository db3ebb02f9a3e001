import { inTimeOrder } from '../rows/time-order.ts';
import type { SupportRow } from '../types.ts';
import { renderTextRows, type TextRowFormat } from './text-rows.ts';

/** Text formats of `export`; `parquet` and `arrow` are binary and written to a file. */
export type RowFormat = TextRowFormat;

/** Support rows in time order: by instant, not text (ties by eventID, then file, archive entry and index; cases/time-order.ts). */
export function sortRows(rows: readonly SupportRow[]): SupportRow[] {
  return inTimeOrder(rows);
}

/**
 * Renders Support rows, one per record, in a text format, in the order given: the same bytes as
 * the streamed `export` of those rows. Use {@link sortRows} first for time order.
 */
export function renderRows(rows: readonly SupportRow[], format: RowFormat): string {
  return renderTextRows(rows as unknown as Record<string, unknown>[], format);
}
