import type { ColumnTable } from 'arquero';
import { recordedTimes } from './event-time.ts';
import { countsAndTimes, firstAndLast, type RowFacts } from './facts.ts';
import type { Rollup } from './rollup.ts';

/** One row per account and region: where Support was used. */
export const accountsRollup: Rollup<RowFacts> = {
  keys: { account: (f) => f.row.account, region: (f) => f.row.region },
  aggregates: { ...countsAndTimes, principals: { op: 'distinct', of: (f) => f.principalId }, ...firstAndLast },
};

export const finishAccounts = (rolled: ColumnTable): ColumnTable => recordedTimes(rolled).orderby('account', 'region');
