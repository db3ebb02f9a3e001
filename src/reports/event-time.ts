/**
 * Event times in the reports, ordered by instant (utc-time.ts), not as text: `13:00:00.500Z` is
 * after `13:00:00Z`, though '.' sorts before 'Z'. Reports still show the recorded text.
 */
import { type ColumnTable, escape } from 'arquero';
import { eventInstant } from '../rows/time-order.ts';

// Epoch ms of 0000-01-01T00:00:00Z, the earliest instant utcInstant gives: adding it makes every
// instant of years 0000-9999 a non-negative number of at most 15 digits.
const EARLIEST = -62_167_219_200_000;
const WIDTH = 15;
const NOT_A_TIME = '~'.repeat(WIDTH); // after every digit: texts that are not times come last

/**
 * An eventTime behind its instant as fixed-width digits, so that text order of the result is the
 * instant order (ties: text order of the recorded times): the string min and max of it are the
 * earliest and latest event. Parses the time once per row.
 */
export function timeOrdered(eventTime: string): string {
  const at = eventInstant(eventTime);
  return (Number.isFinite(at) ? String(at - EARLIEST).padStart(WIDTH, '0') : NOT_A_TIME) + eventTime;
}

/** The recorded eventTime of a timeOrdered value (null when there is none, e.g. a min over no rows). */
export const recordedTime = (ordered: string | null | undefined): string | null => (typeof ordered === 'string' ? ordered.slice(WIDTH) : null);

/** Turns the `firstSeen`/`lastSeen` aggregates of `timeOrdered` back into the recorded times. */
export const recordedTimes = (table: ColumnTable): ColumnTable =>
  table.derive({
    firstSeen: escape((d: { firstSeen: string | null }) => recordedTime(d.firstSeen)),
    lastSeen: escape((d: { lastSeen: string | null }) => recordedTime(d.lastSeen)),
  });
