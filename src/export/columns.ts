/**
 * The typed column list of the export, shared by every writer: the row columns plus `raw`.
 * Parquet and Arrow take their physical types from here; text formats take the order. Pure.
 */
import { SUPPORT_ROW_COLUMNS } from '../support-rows.ts';
import type { SupportRow } from '../types.ts';

/**
 * What a column holds. `timestamp`: a UTC instant, stored as epoch milliseconds (CloudTrail's
 * eventTime has second precision, so milliseconds lose nothing). `date`: a `YYYY-MM-DD` day.
 */
export type ColumnKind = 'timestamp' | 'date' | 'string' | 'boolean' | 'int32' | 'int64';

export interface ColumnSpec {
  readonly name: string;
  readonly kind: ColumnKind;
  /** False when every row has a value (Parquet REQUIRED, Arrow non-nullable). */
  readonly nullable: boolean;
}

const KIND: Partial<Record<keyof SupportRow, ColumnKind>> = { eventTime: 'timestamp', mfa: 'boolean', readOnly: 'boolean', index: 'int32' };
// toSupportRow always fills these (the record schema requires eventSource and eventName).
const REQUIRED = new Set<string>(['eventSource', 'eventName', 'principal', 'file', 'index', 'raw']);

/** Export columns in output order: the row columns (ending with `file`, `index`), then `raw`. */
export const EXPORT_COLUMNS: readonly ColumnSpec[] = [...SUPPORT_ROW_COLUMNS, 'raw' as const].map((name) => ({
  name,
  kind: KIND[name] ?? 'string',
  // eventTime stays nullable: a date-time JavaScript cannot parse (a leap second) is stored as null; `raw` keeps it.
  nullable: !REQUIRED.has(name),
}));

const MS_PER_DAY = 86_400_000;

/** Epoch ms of an ISO date-time, null when JavaScript cannot parse it. */
export function epochMs(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` day, null when it is not one. */
export function epochDay(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(ms) ? null : Math.floor(ms / MS_PER_DAY);
}

// Report columns that are not row columns: counts, time bounds, the day of `days`. Declared
// rather than inferred, so an empty report has the same schema as a full one.
const COUNTS = { count: 'int64', errors: 'int64' } as const;
const BOUNDS = { firstSeen: 'timestamp', lastSeen: 'timestamp' } as const;
const REPORT_KINDS: Record<string, Record<string, ColumnKind>> = {
  actions: { ...COUNTS, ...BOUNDS, principals: 'int64' },
  principals: { ...COUNTS, ...BOUNDS },
  accounts: { ...COUNTS, ...BOUNDS, principals: 'int64' },
  days: { ...COUNTS, day: 'date', principals: 'int64', actions: 'int64' },
  errors: { count: 'int64', ...BOUNDS },
};

/**
 * Column specs of a report: its declared kinds, else the row column's kind, else string. Every
 * report column is nullable (an aggregate over no value is null).
 */
export function reportColumns(report: string, columns: readonly string[]): ColumnSpec[] {
  return columns.map((name) => ({
    name,
    kind: REPORT_KINDS[report]?.[name] ?? EXPORT_COLUMNS.find((c) => c.name === name)?.kind ?? 'string',
    nullable: true,
  }));
}
