import type { ColumnTable } from 'arquero';

export const finishDays = (rolled: ColumnTable): ColumnTable => rolled.orderby('day');

/** Hour, then category: the order a reader scans. */
export const finishActivity = (rolled: ColumnTable): ColumnTable => rolled.orderby('hour', 'category');
