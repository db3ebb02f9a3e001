import type { ColumnTable } from 'arquero';
import { recordedTimes } from './event-time.ts';

export const finishAccounts = (rolled: ColumnTable): ColumnTable => recordedTimes(rolled).orderby('account', 'region');
