import { type ColumnTable, desc, escape } from 'arquero';
import { recordedTimes } from './event-time.ts';
import { firstAndLast, type RowFacts } from './facts.ts';
import { sortedJoin } from './lists.ts';
import type { Rollup } from './rollup.ts';

// Error codes that mean "not allowed" rather than "went wrong": what probing produces.
const DENIAL = /AccessDenied|Unauthorized|NotAuthorized|Forbidden/i;

/**
 * Denied and failed Support calls, one row per principal and error code, with the actions tried:
 * probing (one principal, many denied actions) shows up here.
 */
export const deniedRollup: Rollup<RowFacts> = {
  keys: {
    callerAccount: (f) => f.row.callerAccount,
    identityType: (f) => f.row.identityType,
    principal: (f) => f.row.principal,
    errorCode: (f) => f.row.errorCode,
  },
  where: (f) => f.row.errorCode !== null,
  aggregates: {
    count: { op: 'count' },
    actions: { op: 'values', of: (f) => f.row.eventName },
    sourceIPs: { op: 'values', of: (f) => f.row.sourceIPAddress },
    accounts: { op: 'values', of: (f) => f.row.account },
    ...firstAndLast,
    sampleMessage: { op: 'min', of: (f) => f.row.errorMessage },
  },
};

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
