/**
 * "Not seen before for that principal": for each row, whether its source IP and user agent are
 * new for its principal. Pure.
 *
 * Before means a strictly earlier instant of eventTime (time-order.ts: `13:00:00Z` and
 * `13:00:00.000Z` are the same instant, `13:00:00.500Z` is later), so rows of the same instant never
 * judge each other and the answer does not depend on how ties are ordered. A principal's first
 * instant of activity in the rows read is not judged (nothing to compare with): new means the
 * principal was seen earlier, always from other IPs (or with other user agents).
 */
import { principalKeyOf } from '../rows/identity.ts';
import type { SupportRow } from '../types.ts';
import { timedInOrder } from '../rows/time-order.ts';

/** Whether a row's source IP / user agent had not been used by its principal before. */
export interface Sighting {
  readonly newSourceIP: boolean;
  readonly newUserAgent: boolean;
}

/** One key per principal, as every report has it (identity.ts): the same name in two accounts is two principals. */
export const principalKey = (row: SupportRow): string => principalKeyOf(row);

interface Seen {
  readonly ips: Set<string | null>;
  readonly agents: Set<string | null>;
}

/** Judges every row against the earlier rows of its principal. */
export function sightingsOf(rows: readonly SupportRow[]): Map<SupportRow, Sighting> {
  const out = new Map<SupportRow, Sighting>();
  const seen = new Map<string, Seen>();
  const sorted = timedInOrder(rows);
  for (let start = 0; start < sorted.length;) {
    let end = start;
    while (end < sorted.length && sorted[end].at === sorted[start].at) end++;
    const same = sorted.slice(start, end).map((t) => t.row);
    for (const row of same) {
      const before = seen.get(principalKey(row));
      out.set(row, {
        newSourceIP: before !== undefined && !before.ips.has(row.sourceIPAddress),
        newUserAgent: before !== undefined && !before.agents.has(row.userAgent),
      });
    }
    for (const row of same) {
      const key = principalKey(row);
      const entry = seen.get(key) ?? { ips: new Set(), agents: new Set() };
      entry.ips.add(row.sourceIPAddress);
      entry.agents.add(row.userAgent);
      seen.set(key, entry);
    }
    start = end;
  }
  return out;
}
