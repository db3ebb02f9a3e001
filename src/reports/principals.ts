import { type ColumnTable, desc, escape } from 'arquero';
import { recordedTimes } from './event-time.ts';
import { sortedJoin } from './lists.ts';

type Lists = Record<
  'actions' | 'categories' | 'errorCodes' | 'invokedBy' | 'sourceIdentities' | 'sourceIPs' | 'userAgents' | 'regions' | 'accounts' | 'mfa',
  unknown[]
>;

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
