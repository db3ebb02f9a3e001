import { op, type ColumnTable } from 'arquero';
import { withPrincipalId } from './principal-identity.ts';

/** One row per account and region: where Support was used. */
export function byAccountRegion(events: ColumnTable): ColumnTable {
  return withPrincipalId(events)
    .groupby('account', 'region')
    .rollup({
      count: op.count(),
      errors: op.valid('errorCode'),
      principals: op.distinct('principalId'),
      firstSeen: op.min('eventTime'),
      lastSeen: op.max('eventTime'),
    })
    .orderby('account', 'region');
}
