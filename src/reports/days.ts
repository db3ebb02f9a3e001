import { type ColumnTable, escape, op } from 'arquero';
import { withPrincipalId } from './principal-identity.ts';

/** One row per UTC day: the activity timeline. */
export function byDay(events: ColumnTable): ColumnTable {
  return withPrincipalId(events)
    .derive({ day: escape((d: { eventTime: string }) => d.eventTime.slice(0, 10)) })
    .groupby('day')
    .rollup({
      count: op.count(),
      errors: op.valid('errorCode'),
      principals: op.distinct('principalId'),
      actions: op.distinct('eventName'),
    })
    .orderby('day');
}
