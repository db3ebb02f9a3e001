import type { ColumnTable } from 'arquero';

export const finishDays = (rolled: ColumnTable): ColumnTable => rolled.orderby('day');
