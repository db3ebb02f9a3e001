/**
 * "Not seen before for that principal": whether a row's source IP and user agent are new for its
 * principal. Pure, and kept as a compact, mergeable state: per principal, the earliest instant of
 * its activity and of each source IP and user agent it used (exact: bounded by the distinct
 * values, not by the rows).
 *
 * Before means a strictly earlier instant of eventTime (time-order.ts: `13:00:00Z` and
 * `13:00:00.000Z` are the same instant, `13:00:00.500Z` is later), so rows of the same instant never
 * judge each other and the answer does not depend on how ties are ordered. A principal's first
 * instant of activity in the rows read is not judged (nothing to compare with): new means the
 * principal was seen earlier, always from other IPs (or with other user agents).
 */
import { principalKeyOf } from '../rows/identity.ts';
import { eventInstant } from '../rows/time-order.ts';
import type { SupportRow } from '../types.ts';

/** Whether a row's source IP / user agent had not been used by its principal before. */
export interface Sighting {
  readonly newSourceIP: boolean;
  readonly newUserAgent: boolean;
}

/** The fields of a row that novelty reads. */
export type SightingFacts = Pick<SupportRow, 'callerAccount' | 'identityType' | 'principal' | 'eventTime' | 'sourceIPAddress' | 'userAgent'>;

/** One principal's history: the earliest instant of its activity, and of each source IP and user agent. */
export interface PrincipalHistory {
  first: number;
  readonly ips: Map<string | null, number>;
  readonly agents: Map<string | null, number>;
}

/** Histories by principal key (rows/identity.ts): the same name in two accounts is two principals. */
export type Histories = Map<string, PrincipalHistory>;

const keepEarliest = <K>(map: Map<K, number>, key: K, at: number) => {
  const seen = map.get(key);
  if (seen === undefined || at < seen) map.set(key, at);
};

/** Adds rows to the histories (which it returns). */
export function foldHistories(histories: Histories, rows: Iterable<SightingFacts>): Histories {
  for (const row of rows) {
    const at = eventInstant(row.eventTime);
    const key = principalKeyOf(row);
    let h = histories.get(key);
    if (!h) histories.set(key, h = { first: at, ips: new Map(), agents: new Map() });
    if (at < h.first) h.first = at;
    keepEarliest(h.ips, row.sourceIPAddress, at);
    keepEarliest(h.agents, row.userAgent, at);
  }
  return histories;
}

/** Merges `from` into `into` (which it returns): the same as folding both sets of rows. */
export function mergeHistories(into: Histories, from: Histories): Histories {
  for (const [key, h] of from) {
    const mine = into.get(key);
    if (!mine) {
      into.set(key, h);
      continue;
    }
    if (h.first < mine.first) mine.first = h.first;
    for (const [ip, at] of h.ips) keepEarliest(mine.ips, ip, at);
    for (const [agent, at] of h.agents) keepEarliest(mine.agents, agent, at);
  }
  return into;
}

/**
 * How a row looks against its principal's history: new when the principal was active at an
 * earlier instant and the IP (user agent) was not used at any earlier instant.
 */
export function sightingOf(histories: Histories, row: SightingFacts): Sighting {
  const h = histories.get(principalKeyOf(row));
  const at = eventInstant(row.eventTime);
  const seenBefore = h !== undefined && h.first < at;
  const usedBefore = (map: Map<string | null, number> | undefined, value: string | null) => (map?.get(value) ?? Infinity) < at;
  return {
    newSourceIP: seenBefore && !usedBefore(h?.ips, row.sourceIPAddress),
    newUserAgent: seenBefore && !usedBefore(h?.agents, row.userAgent),
  };
}

/** Judges every row against the earlier rows of its principal. */
export function sightingsOf<R extends SightingFacts>(rows: readonly R[]): Map<R, Sighting> {
  const all = foldHistories(new Map(), rows);
  return new Map(rows.map((row) => [row, sightingOf(all, row)]));
}
