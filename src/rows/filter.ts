/**
 * Filters: which Support rows a run keeps (--since/--until/--account/--region/--event-name/
 * --principal), and which files can be skipped unread because their delivery time is outside the
 * window. Pure.
 */
import { RunError } from '../errors.ts';
import { isCalendarDate, utcInstant } from '../read/utc-time.ts';
import type { LogFile, SupportRow } from '../types.ts';

export interface RowFilter {
  /** Inclusive lower bound on eventTime, epoch ms. */
  readonly since?: number;
  /** Exclusive upper bound on eventTime, epoch ms (a bare date means up to the end of that day). */
  readonly until?: number;
  readonly accounts?: readonly string[];
  readonly regions?: readonly string[];
  readonly eventNames?: readonly string[];
  readonly principals?: readonly string[];
}

const DAY = 86_400_000;
// CloudTrail delivers events within minutes, not guaranteed; one hour of slack around the path's
// delivery time keeps the pruning exact for every archive we have seen.
const SLACK = 3_600_000;

/**
 * Parses a --since/--until value: `YYYY-MM-DD` or an ISO date-time (UTC unless it has an offset).
 * A bare date used as `until` covers that whole day.
 */
export function parseTimeBound(value: string, flag: 'since' | 'until'): number {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const withZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value) || dateOnly ? value : `${value}Z`;
  const ms = Date.parse(dateOnly ? `${value}T00:00:00Z` : withZone);
  const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!date || Number.isNaN(ms)) {
    throw new RunError(`--${flag} ${JSON.stringify(value)} is not an ISO date (YYYY-MM-DD) or date-time`);
  }
  // Date.parse rolls an impossible date over (2026-02-30 would be March 2): refuse it instead.
  if (!isCalendarDate(Number(date[1]), Number(date[2]), Number(date[3]))) {
    throw new RunError(`--${flag} ${JSON.stringify(value)} is not a real date (${date[0]} does not exist)`);
  }
  return dateOnly && flag === 'until' ? ms + DAY : ms;
}

/**
 * The --since/--until window, refused when empty: `since` at or after `until` keeps nothing, so a
 * typo (the bounds swapped) would otherwise pass as a run that found nothing.
 */
export function parseWindow(since: string | undefined, until: string | undefined): { since?: number; until?: number } {
  const window = {
    since: since === undefined ? undefined : parseTimeBound(since, 'since'),
    until: until === undefined ? undefined : parseTimeBound(until, 'until'),
  };
  if (window.since !== undefined && window.until !== undefined && window.since >= window.until) {
    throw new RunError(`--since ${JSON.stringify(since)} is not before --until ${JSON.stringify(until)}: the window is empty`);
  }
  return window;
}

/** True when the row passes every filter that is set. */
export function keepsRow(filter: RowFilter, row: SupportRow): boolean {
  if (filter.since !== undefined || filter.until !== undefined) {
    const t = utcInstant(row.eventTime) ?? Date.parse(row.eventTime);
    if (filter.since !== undefined && !(t >= filter.since)) return false;
    if (filter.until !== undefined && !(t < filter.until)) return false;
  }
  if (filter.accounts?.length && !filter.accounts.includes(row.account ?? '')) return false;
  if (filter.regions?.length && !filter.regions.includes(row.region ?? '')) return false;
  if (filter.eventNames?.length && !filter.eventNames.includes(row.eventName)) return false;
  if (filter.principals?.length && !filter.principals.some((p) => p === row.principal || p === row.arn)) return false;
  return true;
}

/**
 * True when the file may hold events inside [since, until): judged from the delivery time in
 * its name (minute precision) or its folder date (day precision), with one hour of slack.
 * Files whose path says nothing are always read.
 */
export function fileMayMatch(filter: RowFilter, file: LogFile): boolean {
  if (filter.since === undefined && filter.until === undefined) return true;
  const window = deliveryWindow(file);
  if (!window) return true;
  if (filter.since !== undefined && window.end + SLACK <= filter.since) return false;
  if (filter.until !== undefined && window.start - SLACK >= filter.until) return false;
  return true;
}

function deliveryWindow(file: LogFile): { start: number; end: number } | undefined {
  if (file.deliveredAt) {
    const start = Date.parse(file.deliveredAt);
    if (!Number.isNaN(start)) return { start, end: start + 60_000 };
  }
  if (file.date) {
    const start = Date.parse(`${file.date}T00:00:00Z`);
    if (!Number.isNaN(start)) return { start, end: start + DAY };
  }
  return undefined;
}
