import { type ColumnTable, desc, op } from 'arquero';
import { recordedTimes, withTimeOrdered } from './event-time.ts';
import { withPrincipalId } from './principal-identity.ts';

/** One row per Support action: its category, how often it was called and failed, first and last seen. */
export function byAction(events: ColumnTable): ColumnTable {
  const rolled = withTimeOrdered(withPrincipalId(events))
    .groupby('category', 'eventSource', 'eventName')
    .rollup({
      count: op.count(),
      errors: op.valid('errorCode'),
      principals: op.distinct('principalId'),
      firstSeen: op.min('timeOrdered'),
      lastSeen: op.max('timeOrdered'),
    });
  return recordedTimes(rolled).orderby(desc('count'), 'eventSource', 'eventName', 'category');
}
