import { type ColumnTable, desc, escape } from 'arquero';
import { recordedTimes } from './event-time.ts';
import { sortedJoin } from './lists.ts';
import { DENIAL_CODE as DENIAL } from '../rows/denial.ts';

export function finishDenied(rolled: ColumnTable): ColumnTable {
  return recordedTimes(rolled)
    .derive({
      denied: escape((d: { errorCode: string }) => DENIAL.test(d.errorCode)),
      actions: escape((d: { actions: unknown[] }) => sortedJoin(d.actions)),
      sourceIPs: escape((d: { sourceIPs: unknown[] }) => sortedJoin(d.sourceIPs)),
      accounts: escape((d: { accounts: unknown[] }) => sortedJoin(d.accounts)),
    })
    .relocate('denied', { after: 'errorCode' })
    .orderby(desc('count'), 'principal', 'errorCode', 'identityType', 'callerAccount');
}
