/**
 * The case timeline's data, from the cases table (pure): one bar per case from when it opened
 * (or was first seen) to when it was resolved, or to the end of the window while it is open; and
 * a mark where root opened or resolved it, or a rule finding touched it.
 */
import type { RuleFinding } from '../../findings/finding.ts';
import { eventInstant } from '../../rows/time-order.ts';
import { type TimelineCase, timelineLabel, type TimelineMark } from './chart-specs.ts';

const instant = (value: unknown): number => (typeof value === 'string' ? eventInstant(value) : NaN);

/**
 * The end of the window: `--until` when given (an instant), else the latest event the run kept
 * (the actions report's lastSeen); NaN when there is none.
 */
export function windowEnd(until: number | undefined, actions: Iterable<Record<string, unknown>>): number {
  if (until !== undefined) return until;
  let last = NaN;
  for (const a of actions) {
    const t = instant(a.lastSeen);
    if (Number.isFinite(t) && !(t <= last)) last = t;
  }
  return last;
}

/** The timeline: the latest `limit` cases by start, with their marks. */
export function timelineOf(
  cases: readonly Record<string, unknown>[],
  findings: readonly RuleFinding[],
  end: number,
  limit: number,
): { cases: TimelineCase[]; marks: TimelineMark[]; left: number } {
  const timed = cases
    .map((c) => ({ row: c, start: instant(c.openedAt ?? c.firstSeen) }))
    .filter((c) => Number.isFinite(c.start));
  // The cases table is in firstSeen order; keep the latest opened, drawn oldest first.
  const shown = timed.slice(Math.max(0, timed.length - limit));
  const bars: TimelineCase[] = [];
  const marks: TimelineMark[] = [];
  shown.forEach(({ row, start }, i) => {
    const label = timelineLabel(i + 1, String(row.caseId));
    const resolved = row.status === 'resolved' ? instant(row.resolvedAt) : NaN;
    const stop = Number.isFinite(resolved) ? resolved : Number.isFinite(end) ? end : instant(row.lastSeen);
    bars.push({ label, status: String(row.status), start, end: Math.max(start, Number.isFinite(stop) ? stop : start) });
    const flags = Array.isArray(row.flags) ? row.flags.map(String) : String(row.flags ?? '').split(' ');
    if (flags.includes('opened-by-root')) marks.push({ label, at: start, kind: 'opened by root' });
    const resolvedAt = instant(row.resolvedAt);
    if (flags.includes('resolved-by-root') && Number.isFinite(resolvedAt)) marks.push({ label, at: resolvedAt, kind: 'resolved by root' });
    // Informational findings (an SSO session's MFA not recorded) touch most cases: marking them
    // would hide the marks that matter (10 of 14 sample cases carry one).
    for (const f of findings) {
      if (f.level === 'informational') continue;
      const at = instant(f.firstSeen);
      if (f.caseIds.includes(String(row.caseId)) && Number.isFinite(at)) marks.push({ label, at, kind: 'finding' });
    }
  });
  return { cases: bars, marks, left: timed.length - shown.length };
}
