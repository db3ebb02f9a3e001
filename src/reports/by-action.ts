import { desc, op, type ColumnTable } from 'arquero';
import { withPrincipalId } from './principal-identity.ts';

/** One row per Support action: its category, how often it was called and failed, first and last seen. */
export function byAction(events: ColumnTable): ColumnTable {
  return withPrincipalId(events)
    .groupby('category', 'eventSource', 'eventName')
    .rollup({
      count: op.count(),
      errors: op.valid('errorCode'),
      principals: op.distinct('principalId'),
      firstSeen: op.min('eventTime'),
      lastSeen: op.max('eventTime'),
    })
    .orderby(desc('count'), 'eventSource', 'eventName', 'category');
}
