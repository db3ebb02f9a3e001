/**
 * What the reports read of a Support row, computed once per row where it is folded: the row, its
 * principal key as one value, and its time as an instant-ordered text (event-time.ts).
 */
import { principalKeyOf } from '../rows/identity.ts';
import type { CloudTrailRecord, SupportRow } from '../types.ts';
import { timeOrdered } from './event-time.ts';

export interface RowFacts {
  readonly row: SupportRow;
  /** The principal key (rows/identity.ts) as one value: every principal count counts what `principals` has rows for. */
  readonly principalId: string;
  /** min/max of it are the earliest/latest event by instant; recordedTime() gives the text back. */
  readonly timeOrdered: string;
  /** The parsed record, when the scan kept it (else read `row.raw`). */
  readonly record: CloudTrailRecord | undefined;
}

/** The parsed record of a row, when the scan kept it. */
export type RecordOf = (row: SupportRow) => CloudTrailRecord | undefined;

export const factsOf = (row: SupportRow, recordOf?: RecordOf): RowFacts => ({
  row,
  principalId: principalKeyOf(row),
  timeOrdered: timeOrdered(row.eventTime),
  record: recordOf?.(row),
});

/** The common aggregates of a report row: count, errors, first and last seen. */
export const countsAndTimes = {
  count: { op: 'count' },
  errors: { op: 'valid', of: (f: RowFacts) => f.row.errorCode },
} as const;

export const firstAndLast = {
  firstSeen: { op: 'min', of: (f: RowFacts) => f.timeOrdered },
  lastSeen: { op: 'max', of: (f: RowFacts) => f.timeOrdered },
} as const;
