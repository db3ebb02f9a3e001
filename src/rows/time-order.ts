import type { SupportRow } from '../types.ts';
import { utcInstant } from '../read/utc-time.ts';

/**
 * The instant of an eventTime for ordering: epoch ms (utc-time.ts), or +Infinity (after every real
 * time) when the text is not a UTC date-time. Text order is not time order once fractions appear:
 * `13:00:00.500Z` sorts before `13:00:00Z` as text ('.' < 'Z').
 */
export const eventInstant = (eventTime: string): number => utcInstant(eventTime) ?? Number.POSITIVE_INFINITY;

/** What time order reads of a row: its time, its id, and where it was read. */
export type OrderFacts = Pick<SupportRow, 'eventTime' | 'eventID' | 'file' | 'archivePath' | 'index'>;

/** The tie-break of rows of the same instant: eventID, then where the record was read (file, archive entry, index). */
function compareTies(a: OrderFacts, b: OrderFacts): number {
  const ida = a.eventID ?? '';
  const idb = b.eventID ?? '';
  if (ida !== idb) return ida < idb ? -1 : 1;
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  const ea = a.archivePath ?? '';
  const eb = b.archivePath ?? '';
  if (ea !== eb) return ea < eb ? -1 : 1;
  return a.index - b.index;
}

/**
 * Time order of Support rows: the instant of eventTime, then eventID, file, entry and index, so rows of
 * the same instant still come out the same way on every run. Parses both times: to sort many rows,
 * use inTimeOrder (or timedInOrder), which parses each time once.
 */
export function compareRows(a: OrderFacts, b: OrderFacts): number {
  if (a.eventTime !== b.eventTime) {
    const ta = eventInstant(a.eventTime);
    const tb = eventInstant(b.eventTime);
    if (ta !== tb) return ta < tb ? -1 : 1;
  }
  return compareTies(a, b);
}

/** A row with the instant of its eventTime (eventInstant). */
export interface TimedRow<R extends OrderFacts = SupportRow> {
  readonly row: R;
  readonly at: number;
}

/** The rows with their instants, in time order (compareRows); each eventTime is parsed once. */
export function timedInOrder<R extends OrderFacts>(rows: readonly R[]): TimedRow<R>[] {
  return rows
    .map((row): TimedRow<R> => ({ row, at: eventInstant(row.eventTime) }))
    .sort((a, b) => (a.at !== b.at ? (a.at < b.at ? -1 : 1) : compareTies(a.row, b.row)));
}

/** A sorted copy of the rows, in time order. */
export const inTimeOrder = <R extends OrderFacts>(rows: readonly R[]): R[] => timedInOrder(rows).map((t) => t.row);
