import { op, type ColumnTable } from 'arquero';

/** One row per account and region: where Support was used. */
export function byAccountRegion(events: ColumnTable): ColumnTable {
  return events
    .groupby('account', 'region')
    .rollup({
      count: op.count(),
      errors: op.valid('errorCode'),
      principals: op.distinct('principal'),
      firstSeen: op.min('eventTime'),
      lastSeen: op.max('eventTime'),
    })
    .orderby('account', 'region');
}
