import { type ColumnTable, desc, escape, op } from 'arquero';
import { recordedTimes, withTimeOrdered } from './event-time.ts';
import { sortedJoin } from './lists.ts';
import { PRINCIPAL_KEY } from './principal-identity.ts';

// Error codes that mean "not allowed" rather than "went wrong": what probing produces.
const DENIAL = /AccessDenied|Unauthorized|NotAuthorized|Forbidden/i;

/**
 * Denied and failed Support calls, one row per principal and error code, with the actions tried:
 * probing (one principal, many denied actions) shows up here.
 */
export function denied(events: ColumnTable): ColumnTable {
  const rolled = withTimeOrdered(events.filter(escape((d: { errorCode: string | null }) => d.errorCode !== null)))
    .groupby(...PRINCIPAL_KEY, 'errorCode')
    .rollup({
      count: op.count(),
      actions: op.array_agg_distinct('eventName'),
      sourceIPs: op.array_agg_distinct('sourceIPAddress'),
      accounts: op.array_agg_distinct('account'),
      firstSeen: op.min('timeOrdered'),
      lastSeen: op.max('timeOrdered'),
      sampleMessage: op.min('errorMessage'),
    });
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
