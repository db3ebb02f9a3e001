import { type ColumnTable, escape, table } from 'arquero';
import { eventInstant } from '../rows/time-order.ts';
import { SUPPORT_ROW_COLUMNS } from '../rows/support-row.ts';
import type { EventRow } from './event-list.ts';

/**
 * The event list itself, in time order: by the instant of eventTime (`13:00:00.500Z` after
 * `13:00:00Z`), ties broken by id, then by where the record was read, as rows/time-order.ts
 * orders them; no `raw`. Each time is parsed once, not per comparison.
 */
export function eventsTable(rows: readonly EventRow[]): ColumnTable {
  return table(Object.fromEntries(SUPPORT_ROW_COLUMNS.map((c) => [c, rows.map((r) => r[c as keyof EventRow])])))
    .derive({ eventInstant: escape((d: { eventTime: string }) => eventInstant(d.eventTime)) })
    .orderby('eventInstant', 'eventID', 'file', 'index')
    .select(...SUPPORT_ROW_COLUMNS);
}
