import { desc, escape, op, type ColumnTable } from 'arquero';
import { sortedJoin } from './lists.ts';

/** One row per principal that used AWS Support: who, with which identity type, what and from where. */
export function byPrincipal(events: ColumnTable): ColumnTable {
  return events
    .groupby('identityType', 'principal')
    .rollup({
      count: op.count(),
      errors: op.valid('errorCode'),
      actions: op.array_agg_distinct('eventName'),
      sourceIPs: op.array_agg_distinct('sourceIPAddress'),
      accounts: op.array_agg_distinct('account'),
      firstSeen: op.min('eventTime'),
      lastSeen: op.max('eventTime'),
    })
    .derive({
      actions: escape((d: { actions: unknown[] }) => sortedJoin(d.actions)),
      sourceIPs: escape((d: { sourceIPs: unknown[] }) => sortedJoin(d.sourceIPs)),
      accounts: escape((d: { accounts: unknown[] }) => sortedJoin(d.accounts)),
    })
    .orderby(desc('count'), 'principal', 'identityType');
}
