/**
 * What the reports read of a Support row, computed once per row where it is folded: the row, its
 * principal key as one value, and its time as an instant-ordered text (event-time.ts).
 */
import { principalKeyOf } from '../rows/identity.ts';
import type { CloudTrailRecord, SupportRow } from '../types.ts';
import { eventInstant } from '../rows/time-order.ts';

// Epoch ms of 0000-01-01T00:00:00Z, the earliest instant utcInstant gives: adding it makes every
// instant of years 0000-9999 a non-negative number of at most 15 digits.
const EARLIEST = -62_167_219_200_000;
const WIDTH = 15;
const NOT_A_TIME = '~'.repeat(WIDTH); // after every digit: texts that are not times come last

/**
 * An eventTime behind its instant as fixed-width digits, so that text order of the result is the
 * instant order (ties: text order of the recorded times): the string min and max of it are the
 * earliest and latest event. Parses the time once per row.
 */
export function timeOrdered(eventTime: string): string {
  const at = eventInstant(eventTime);
  return (Number.isFinite(at) ? String(at - EARLIEST).padStart(WIDTH, '0') : NOT_A_TIME) + eventTime;
}

/** The recorded eventTime of a timeOrdered value (null when there is none, e.g. a min over no rows). */
export const recordedTime = (ordered: string | null | undefined): string | null => (typeof ordered === 'string' ? ordered.slice(WIDTH) : null);

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
