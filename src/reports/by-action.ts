import { desc, op, type ColumnTable } from 'arquero';

/** One row per Support action: how often it was called, how often it failed, first and last seen. */
export function byAction(events: ColumnTable): ColumnTable {
  return events
    .groupby('eventSource', 'eventName')
    .rollup({
      count: op.count(),
      errors: op.valid('errorCode'),
      principals: op.distinct('principal'),
      firstSeen: op.min('eventTime'),
      lastSeen: op.max('eventTime'),
    })
    .orderby(desc('count'), 'eventSource', 'eventName');
}
