/**
 * The typed column list of the export, shared by every writer: the row columns plus `raw`.
 * Parquet and Arrow take their physical types from here; text formats take the order. Pure.
 */
import { utcInstant } from '../read/utc-time.ts';
import { SUPPORT_ROW_COLUMNS } from '../rows/support-row.ts';
import type { SupportRow } from '../types.ts';

/**
 * What a column holds. `timestamp`: a UTC instant, stored as epoch milliseconds (CloudTrail's
 * eventTime has second precision, so milliseconds lose nothing). `date`: a `YYYY-MM-DD` day.
 * `string-list`: a list of texts (Parquet LIST<VARCHAR>, Arrow List<Utf8>), e.g. the case flags.
 */
export type ColumnKind = 'timestamp' | 'date' | 'string' | 'string-list' | 'boolean' | 'int32' | 'int64' | 'double';

export interface ColumnSpec {
  readonly name: string;
  readonly kind: ColumnKind;
  /** False when every row has a value (Parquet REQUIRED, Arrow non-nullable). */
  readonly nullable: boolean;
}

const KIND: Partial<Record<keyof SupportRow, ColumnKind>> = { eventTime: 'timestamp', mfa: 'boolean', readOnly: 'boolean', partial: 'boolean', index: 'int32' };
// toSupportRow always fills these (the record schema requires eventSource and eventName).
const REQUIRED = new Set<string>(['eventSource', 'eventName', 'category', 'principal', 'credentialClass', 'file', 'index', 'inputShape', 'partial', 'raw']);

/** Export columns in output order: the row columns (ending with `file`, `index`), then `raw`. */
export const EXPORT_COLUMNS: readonly ColumnSpec[] = [...SUPPORT_ROW_COLUMNS, 'raw' as const].map((name) => ({
  name,
  kind: KIND[name] ?? 'string',
  // eventTime stays nullable: a date-time JavaScript cannot parse (a leap second) is stored as null; `raw` keeps it.
  nullable: !REQUIRED.has(name),
}));

const MS_PER_DAY = 86_400_000;

/** A string cell: strings as they are, other values (a list, a number in a mixed column) as text. */
export const stringCell = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value));

/** A list cell: its items as strings (a value that is not a list becomes a one-item list). */
export const stringListCell = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).map(stringCell);

/** Epoch ms of an ISO date-time (a leap second is the last ms of its minute, see utc-time.ts), null when it is none. */
export function epochMs(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const ms = utcInstant(value) ?? Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` day, null when it is not one. */
export function epochDay(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(ms) ? null : Math.floor(ms / MS_PER_DAY);
}
