import { type ColumnTable, desc, escape, op } from 'arquero';
import { recordedTimes, withTimeOrdered } from './event-time.ts';
import { mfaText, sortedJoin } from './lists.ts';
import { PRINCIPAL_KEY } from './principal-identity.ts';

type Lists = Record<
  'actions' | 'categories' | 'errorCodes' | 'invokedBy' | 'sourceIdentities' | 'sourceIPs' | 'userAgents' | 'regions' | 'accounts' | 'mfa',
  unknown[]
>;

/**
 * One row per principal that used AWS Support (the same name in two caller accounts is two
 * principals): who, with which credentials, what, when, from where, with or without MFA.
 */
export function byPrincipal(events: ColumnTable): ColumnTable {
  const rolled = withTimeOrdered(events)
    .derive({ mfaText: escape((d: { mfa: boolean | null }) => mfaText(d.mfa)) })
    .groupby(...PRINCIPAL_KEY)
    .rollup({
      credentialClass: op.min('credentialClass'),
      role: op.min('role'),
      session: op.min('session'),
      invokedBy: op.array_agg_distinct('invokedBy'),
      sourceIdentities: op.array_agg_distinct('sourceIdentity'),
      count: op.count(),
      errors: op.valid('errorCode'),
      errorCodes: op.array_agg_distinct('errorCode'),
      actions: op.array_agg_distinct('eventName'),
      categories: op.array_agg_distinct('category'),
      sourceIPs: op.array_agg_distinct('sourceIPAddress'),
      userAgents: op.array_agg_distinct('userAgent'),
      regions: op.array_agg_distinct('region'),
      accounts: op.array_agg_distinct('account'),
      mfa: op.array_agg_distinct('mfaText'),
      firstSeen: op.min('timeOrdered'),
      lastSeen: op.max('timeOrdered'),
    });
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
