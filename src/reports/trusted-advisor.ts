import { type ColumnTable, escape, op } from 'arquero';
import { obj, str, strings } from '../rows/record-fields.ts';
import { recordedTimes, withTimeOrdered } from './event-time.ts';
import { sortedJoin } from './lists.ts';

/** The Trusted Advisor checks a call names: requestParameters.checkId or checkIds. */
function checksOf(raw: string): string[] {
  const request = obj((JSON.parse(raw) as Record<string, unknown>).requestParameters);
  const one = str(request?.checkId);
  return [...(one ? [one] : []), ...strings(request?.checkIds)];
}

/**
 * Trusted Advisor activity, apart from case management: the Trusted Advisor calls of the Support
 * API (Describe/Refresh checks) and the trustedadvisor.amazonaws.com events, per account, action
 * and principal, with the checks named.
 */
export function trustedAdvisor(events: ColumnTable): ColumnTable {
  const rolled = withTimeOrdered(events.filter(escape((d: { category: string }) => d.category === 'trusted-advisor')))
    .derive({ checks: escape((d: { raw: string }) => checksOf(d.raw).join(' ')) })
    .groupby('account', 'eventSource', 'eventName', 'identityType', 'principal')
    .rollup({
      count: op.count(),
      errors: op.valid('errorCode'),
      errorCodes: op.array_agg_distinct('errorCode'),
      checks: op.array_agg_distinct('checks'),
      firstSeen: op.min('timeOrdered'),
      lastSeen: op.max('timeOrdered'),
    });
  return recordedTimes(rolled)
    .derive({
      errorCodes: escape((d: { errorCodes: unknown[] }) => sortedJoin(d.errorCodes)),
      checks: escape((d: { checks: string[] }) => sortedJoin(d.checks.flatMap((c) => c.split(' ').filter(Boolean)))),
    })
    .orderby('account', 'eventSource', 'eventName', 'principal', 'identityType');
}
