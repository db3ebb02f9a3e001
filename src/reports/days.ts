import type { ColumnTable } from 'arquero';
import { countsAndTimes, type RowFacts } from './facts.ts';
import type { Rollup } from './rollup.ts';

/** One row per UTC day: the activity timeline. */
export const daysRollup: Rollup<RowFacts> = {
  keys: { day: (f) => f.row.eventTime.slice(0, 10) },
  aggregates: { ...countsAndTimes, principals: { op: 'distinct', of: (f) => f.principalId }, actions: { op: 'distinct', of: (f) => f.row.eventName } },
};

export const finishDays = (rolled: ColumnTable): ColumnTable => rolled.orderby('day');
