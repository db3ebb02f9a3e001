import { type ColumnTable, escape } from 'arquero';
import { eventInstant } from '../rows/time-order.ts';
import { SUPPORT_ROW_COLUMNS } from '../rows/support-row.ts';

/**
 * The event list itself, in time order: by the instant of eventTime (`13:00:00.500Z` after
 * `13:00:00Z`), ties broken by id, then by where the record was read, as cases/time-order.ts
 * orders them; no `raw`. Each time is parsed once, not per comparison.
 */
export function events(table: ColumnTable): ColumnTable {
  return table
    .derive({ eventInstant: escape((d: { eventTime: string }) => eventInstant(d.eventTime)) })
    .orderby('eventInstant', 'eventID', 'file', 'index')
    .select(...SUPPORT_ROW_COLUMNS);
}
