/**
 * The event list, bounded: the latest events in the events report's order (the instant of
 * eventTime, then eventID, file, index), kept to a limit while rows come, so memory does not grow
 * with the archive. The whole list is what `export` streams.
 */
import { SUPPORT_ROW_COLUMNS } from '../rows/support-row.ts';
import { eventInstant } from '../rows/time-order.ts';
import type { SupportRow } from '../types.ts';

/** Events shown by default: the latest ones. */
export const EVENT_LIST_LIMIT = 1000;

/** A row of the event list: the Support row without its raw record. */
export type EventRow = Omit<SupportRow, 'raw'>;

const withoutRaw = (row: SupportRow): EventRow => Object.fromEntries(SUPPORT_ROW_COLUMNS.map((c) => [c, row[c]])) as unknown as EventRow;

function compareEvents(a: EventRow, b: EventRow): number {
  const ta = eventInstant(a.eventTime);
  const tb = eventInstant(b.eventTime);
  if (ta !== tb) return ta < tb ? -1 : 1;
  const ia = a.eventID ?? '';
  const ib = b.eventID ?? '';
  if (ia !== ib) return ia < ib ? -1 : 1;
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.index !== b.index) return a.index - b.index;
  const ea = a.archivePath ?? '';
  const eb = b.archivePath ?? '';
  return ea < eb ? -1 : ea > eb ? 1 : 0;
}

/** The latest `limit` events of `list` plus `more`, oldest first. Sorts only when the list has doubled: O(n log limit) over a run. */
export function keepLatest(list: EventRow[], more: Iterable<SupportRow | EventRow>, limit: number): EventRow[] {
  for (const row of more) {
    list.push('raw' in row ? withoutRaw(row) : row);
    if (list.length >= 2 * limit + 1024) trim(list, limit);
  }
  return list;
}

/** Sorts the list and keeps its latest `limit` events (in place). */
export function trim(list: EventRow[], limit: number): EventRow[] {
  list.sort(compareEvents);
  if (list.length > limit) list.splice(0, list.length - limit);
  return list;
}
