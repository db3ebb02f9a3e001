import { type ColumnTable, desc } from 'arquero';
import { recordedTimes } from './event-time.ts';
import { countsAndTimes, firstAndLast, type RowFacts } from './facts.ts';
import type { Rollup } from './rollup.ts';

/** One row per Support action: its category, how often it was called and failed, first and last seen. */
export const actionsRollup: Rollup<RowFacts> = {
  keys: { category: (f) => f.row.category, eventSource: (f) => f.row.eventSource, eventName: (f) => f.row.eventName },
  aggregates: { ...countsAndTimes, principals: { op: 'distinct', of: (f) => f.principalId }, ...firstAndLast },
};

export const finishActions = (rolled: ColumnTable): ColumnTable => recordedTimes(rolled).orderby(desc('count'), 'eventSource', 'eventName', 'category');
