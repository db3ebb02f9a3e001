import { type ColumnTable, desc } from 'arquero';
import { recordedTimes } from './event-time.ts';

export const finishActions = (rolled: ColumnTable): ColumnTable => recordedTimes(rolled).orderby(desc('count'), 'eventSource', 'eventName', 'category');
