import { type ColumnTable } from 'arquero';
import { SUPPORT_ROW_COLUMNS } from '../support-rows.ts';

/** The event list itself, in time order (ties broken by id, then by where the record was read); no `raw`. */
export function events(table: ColumnTable): ColumnTable {
  return table.select(...SUPPORT_ROW_COLUMNS).orderby('eventTime', 'eventID', 'file', 'index');
}
