/**
 * Coverage (pure): which stretches of time the digests of an account × region cover, whether a
 * log file's delivery falls inside them, and the holes. Digest periods are hourly, not aligned
 * to the hour, and end-to-start contiguous within a chain.
 */
import type { CoverageHole, CoverageRow } from './types.ts';

/** A digest period `[from, to)` in epoch ms. */
export interface Period {
  readonly from: number;
  readonly to: number;
}

/** A local log file's place and delivery time (epoch ms, from its name: minute precision). */
export interface LogTime {
  readonly account: string;
  readonly region: string;
  readonly at: number;
}

// A log file's name carries the minute it was written; it reaches S3 and its digest a little
// later (a real digest starting 18:36:49 lists a file named 1835Z). A file counts as covered
// only when digests cover its whole likely delivery window, so files at the edge of a chain
// are "not covered" (a warning) rather than "unlisted" (an error).
const DELIVERY_SLACK_MS = 15 * 60_000;
const HOUR = 3_600_000;

const place = (account: string, region: string) => `${account}|${region}`;

/**
 * Merges periods per account × region into sorted, disjoint spans (each ends before the next
 * starts), so a time is looked up by binary search. A period that ends before it starts covers
 * nothing and is left out.
 */
export function mergePeriods(periods: readonly (Period & { account: string; region: string })[]): Map<string, Period[]> {
  const by = new Map<string, Period[]>();
  for (const p of periods) {
    if (!(p.from <= p.to)) continue;
    const k = place(p.account, p.region);
    if (!by.has(k)) by.set(k, []);
    by.get(k)!.push({ from: p.from, to: p.to });
  }
  for (const [k, list] of by) {
    list.sort((a, b) => a.from - b.from);
    const merged: Period[] = [];
    for (const p of list) {
      const last = merged[merged.length - 1];
      if (last && p.from <= last.to) merged[merged.length - 1] = { from: last.from, to: Math.max(last.to, p.to) };
      else merged.push(p);
    }
    by.set(k, merged);
  }
  return by;
}

/** Index of the last of the sorted `values` that is at most `t` (`below`: less than `t`), or -1. Binary search. */
function lastAtMost<T>(values: readonly T[], valueOf: (v: T) => number, t: number, below = false): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = valueOf(values[mid]);
    if (below ? v < t : v <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

const startOf = (p: Period) => p.from;
const same = (t: number) => t;

/** The span of disjoint sorted `list` that contains `t`, if any (only the last one starting at or before `t` can). */
function spanAt(list: readonly Period[], t: number): Period | undefined {
  const i = lastAtMost(list, startOf, t);
  return i >= 0 && t < list[i].to ? list[i] : undefined;
}

/** True when the digests of the file's account × region cover its whole likely delivery window. */
export function isCovered(spans: ReadonlyMap<string, Period[]>, log: LogTime): boolean {
  const list = spans.get(place(log.account, log.region)) ?? [];
  const i = lastAtMost(list, startOf, log.at);
  return i >= 0 && log.at + DELIVERY_SLACK_MS <= list[i].to;
}

/** True when the digests of an account × region cover any part of `[from, to)` (a folder's day). */
export function overlapsSpans(spans: ReadonlyMap<string, Period[]>, account: string, region: string, from: number, to: number): boolean {
  // Spans end in order, so of those starting before `to` the last one reaches furthest.
  const list = spans.get(place(account, region)) ?? [];
  const i = lastAtMost(list, startOf, to, true);
  return i >= 0 && from < list[i].to;
}

const hourOf = (t: number) => Math.floor(t / HOUR);
const iso = (t: number) => new Date(t).toISOString().slice(0, 19) + 'Z';

/** One row per account × region that has digests or log files, sorted. */
export function coverageRows(spans: ReadonlyMap<string, Period[]>, logs: readonly LogTime[]): CoverageRow[] {
  const logsBy = new Map<string, number[]>();
  for (const l of logs) {
    const k = place(l.account, l.region);
    if (!logsBy.has(k)) logsBy.set(k, []);
    logsBy.get(k)!.push(l.at);
  }
  const places = [...new Set([...spans.keys(), ...logsBy.keys()])].sort();
  return places.map((k) => {
    const [account, region] = k.split('|');
    const list = spans.get(k) ?? [];
    const times = (logsBy.get(k) ?? []).sort((a, b) => a - b);
    const logHours = new Set(times.map(hourOf));
    const bare = new Set(times.filter((t) => spanAt(list, t) === undefined).map(hourOf));
    return { account, region, logHours: logHours.size, digestHours: hoursTouched(list), logHoursWithoutDigest: bare.size, holes: holesOf(list, times) };
  });
}

/**
 * How many clock hours the sorted, disjoint spans touch, counted per span, not hour by hour: a
 * digest claiming year 0000 to 9999 is one span, not 87 million hours in a set.
 */
export function hoursTouched(list: readonly Period[]): number {
  let count = 0;
  let counted = -Infinity; // the last hour already counted: two spans may touch the same hour
  for (const p of list) {
    const first = Math.max(hourOf(p.from), counted + 1);
    const last = Math.ceil(p.to / HOUR) - 1; // the hour of the span's last instant
    if (last >= first) {
      count += last - first + 1;
      counted = last;
    }
  }
  return count;
}

/** Stretches with no digest: between digest spans, and before/after them where log files are. */
function holesOf(list: readonly Period[], times: readonly number[]): CoverageHole[] {
  const holes: { from: number; to: number }[] = [];
  if (list.length === 0) {
    if (times.length > 0) holes.push({ from: times[0], to: times[times.length - 1] + 60_000 });
  } else {
    if (times.length > 0 && times[0] < list[0].from) holes.push({ from: times[0], to: list[0].from });
    for (let i = 1; i < list.length; i++) holes.push({ from: list[i - 1].to, to: list[i].from });
    const end = list[list.length - 1].to;
    const lastLog = times[times.length - 1];
    if (lastLog !== undefined && lastLog >= end) holes.push({ from: end, to: lastLog + 60_000 });
  }
  const countBefore = (t: number) => lastAtMost(times, same, t, true) + 1;
  return holes.map((h) => ({ from: iso(h.from), to: iso(h.to), logFiles: countBefore(h.to) - countBefore(h.from) }));
}
