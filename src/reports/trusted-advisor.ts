import { type ColumnTable, escape } from 'arquero';
import { recordedTimes } from './event-time.ts';
import { sortedJoin } from './lists.ts';

export function finishTrustedAdvisor(rolled: ColumnTable): ColumnTable {
  return recordedTimes(rolled)
    .derive({
      errorCodes: escape((d: { errorCodes: unknown[] }) => sortedJoin(d.errorCodes)),
      checks: escape((d: { checks: string[] }) => sortedJoin(d.checks.flatMap((c) => c.split(' ').filter(Boolean)))),
    })
    .orderby('account', 'eventSource', 'eventName', 'principal', 'identityType');
}
