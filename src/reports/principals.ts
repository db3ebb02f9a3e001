import { type ColumnTable, desc, escape } from 'arquero';
import { recordedTimes } from './event-time.ts';
import { countsAndTimes, firstAndLast, type RowFacts } from './facts.ts';
import { mfaText, sortedJoin } from './lists.ts';
import type { Rollup } from './rollup.ts';

type Lists = Record<
  'actions' | 'categories' | 'errorCodes' | 'invokedBy' | 'sourceIdentities' | 'sourceIPs' | 'userAgents' | 'regions' | 'accounts' | 'mfa',
  unknown[]
>;

const values = (of: (f: RowFacts) => unknown) => ({ op: 'values', of }) as const;

/**
 * One row per principal that used AWS Support (the same name in two caller accounts is two
 * principals): who, with which credentials, what, when, from where, with or without MFA.
 */
export const principalsRollup: Rollup<RowFacts> = {
  keys: { callerAccount: (f) => f.row.callerAccount, identityType: (f) => f.row.identityType, principal: (f) => f.row.principal },
  aggregates: {
    credentialClass: { op: 'min', of: (f) => f.row.credentialClass },
    role: { op: 'min', of: (f) => f.row.role },
    session: { op: 'min', of: (f) => f.row.session },
    invokedBy: values((f) => f.row.invokedBy),
    sourceIdentities: values((f) => f.row.sourceIdentity),
    ...countsAndTimes,
    errorCodes: values((f) => f.row.errorCode),
    actions: values((f) => f.row.eventName),
    categories: values((f) => f.row.category),
    sourceIPs: values((f) => f.row.sourceIPAddress),
    userAgents: values((f) => f.row.userAgent),
    regions: values((f) => f.row.region),
    accounts: values((f) => f.row.account),
    mfa: values((f) => mfaText(f.row.mfa)),
    ...firstAndLast,
  },
};

export function finishPrincipals(rolled: ColumnTable): ColumnTable {
  return recordedTimes(rolled)
    .derive({
      invokedBy: escape((d: Lists) => sortedJoin(d.invokedBy)),
      sourceIdentities: escape((d: Lists) => sortedJoin(d.sourceIdentities)),
      errorCodes: escape((d: Lists) => sortedJoin(d.errorCodes)),
      actions: escape((d: Lists) => sortedJoin(d.actions)),
      categories: escape((d: Lists) => sortedJoin(d.categories)),
      sourceIPs: escape((d: Lists) => sortedJoin(d.sourceIPs)),
      // User agents hold spaces: list them one per `; `.
      userAgents: escape((d: Lists) => sortedJoin(d.userAgents, '; ')),
      regions: escape((d: Lists) => sortedJoin(d.regions)),
      accounts: escape((d: Lists) => sortedJoin(d.accounts)),
      mfa: escape((d: Lists) => sortedJoin(d.mfa)),
    })
    .orderby(desc('count'), 'principal', 'identityType', 'callerAccount');
}
