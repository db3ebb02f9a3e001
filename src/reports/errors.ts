import { desc, escape, op, type ColumnTable } from 'arquero';

/** Failed and denied Support calls, grouped by error, action and principal: probing shows up here. */
export function errors(events: ColumnTable): ColumnTable {
  return events
    .filter(escape((d: { errorCode: string | null }) => d.errorCode !== null))
    .groupby('errorCode', 'eventName', 'identityType', 'principal')
    .rollup({
      count: op.count(),
      firstSeen: op.min('eventTime'),
      lastSeen: op.max('eventTime'),
      sampleMessage: op.min('errorMessage'),
    })
    .orderby(desc('count'), 'errorCode', 'eventName', 'principal', 'identityType');
}
