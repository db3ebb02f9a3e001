import { type ColumnTable, escape } from 'arquero';
import { obj, str, strings } from '../rows/record-fields.ts';
import { recordedTimes } from './event-time.ts';
import { countsAndTimes, firstAndLast, type RowFacts } from './facts.ts';
import { sortedJoin } from './lists.ts';
import type { Rollup } from './rollup.ts';

/** The Trusted Advisor checks a call names: requestParameters.checkId or checkIds. */
function checksOf(f: RowFacts): string[] {
  const request = obj((f.record ?? (JSON.parse(f.row.raw) as Record<string, unknown>)).requestParameters);
  const one = str(request?.checkId);
  return [...(one ? [one] : []), ...strings(request?.checkIds)];
}

/**
 * Trusted Advisor activity, apart from case management: the Trusted Advisor calls of the Support
 * API (Describe/Refresh checks) and the trustedadvisor.amazonaws.com events, per account, action
 * and principal, with the checks named.
 */
export const trustedAdvisorRollup: Rollup<RowFacts> = {
  keys: {
    account: (f) => f.row.account,
    eventSource: (f) => f.row.eventSource,
    eventName: (f) => f.row.eventName,
    identityType: (f) => f.row.identityType,
    principal: (f) => f.row.principal,
  },
  where: (f) => f.row.category === 'trusted-advisor',
  aggregates: {
    ...countsAndTimes,
    errorCodes: { op: 'values', of: (f) => f.row.errorCode },
    checks: { op: 'values', of: (f) => checksOf(f).join(' ') },
    ...firstAndLast,
  },
};

export function finishTrustedAdvisor(rolled: ColumnTable): ColumnTable {
  return recordedTimes(rolled)
    .derive({
      errorCodes: escape((d: { errorCodes: unknown[] }) => sortedJoin(d.errorCodes)),
      checks: escape((d: { checks: string[] }) => sortedJoin(d.checks.flatMap((c) => c.split(' ').filter(Boolean)))),
    })
    .orderby('account', 'eventSource', 'eventName', 'principal', 'identityType');
}
