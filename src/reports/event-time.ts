/**
 * Event times in the reports, ordered by instant (utc-time.ts), not as text: `13:00:00.500Z` is
 * after `13:00:00Z`, though '.' sorts before 'Z'. Reports still show the recorded text.
 */
import { type ColumnTable, escape } from 'arquero';
import { recordedTime } from './facts.ts';

/** Turns the `firstSeen`/`lastSeen` aggregates of `timeOrdered` back into the recorded times. */
export const recordedTimes = (table: ColumnTable): ColumnTable =>
  table.derive({
    firstSeen: escape((d: { firstSeen: string | null }) => recordedTime(d.firstSeen)),
    lastSeen: escape((d: { lastSeen: string | null }) => recordedTime(d.lastSeen)),
  });
