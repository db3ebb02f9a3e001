import { type ColumnTable } from 'arquero';

/** The event list itself, in time order (ties broken by id, then by where the record was read). */
export function events(table: ColumnTable): ColumnTable {
  return table.orderby('eventTime', 'eventID', 'file', 'index');
}
