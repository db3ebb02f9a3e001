import { type ColumnTable, op } from 'arquero';
import { recordedTimes, withTimeOrdered } from './event-time.ts';
import { withPrincipalId } from './principal-identity.ts';

/** One row per account and region: where Support was used. */
export function byAccountRegion(events: ColumnTable): ColumnTable {
  const rolled = withTimeOrdered(withPrincipalId(events))
    .groupby('account', 'region')
    .rollup({
      count: op.count(),
      errors: op.valid('errorCode'),
      principals: op.distinct('principalId'),
      firstSeen: op.min('timeOrdered'),
      lastSeen: op.max('timeOrdered'),
    });
  return recordedTimes(rolled).orderby('account', 'region');
}
