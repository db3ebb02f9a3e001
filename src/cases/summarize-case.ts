/**
 * One case's events (in time order) -> its CaseRow. Pure.
 */
import { principalKeyOf } from '../rows/identity.ts';
import type { CaseEvent } from './case-events.ts';
import { CASE_FLAGS, type CaseFlag, type CaseRow, type CaseStatus, formatDuration } from './case-row.ts';
import type { Sighting } from './novelty.ts';
import { eventInstant } from '../rows/time-order.ts';

const distinct = (values: readonly (string | null)[]): string[] => [...new Set(values.filter((v): v is string => v !== null && v !== ''))].sort();
const sortedJoin = (values: readonly (string | null)[], separator = ' '): string => distinct(values).join(separator);

// Calls by AWS services or from another account carry no MFA context of their own.
const CAN_HAVE_MFA = new Set(['root-or-iam-user', 'temporary-credentials']);

const accountInCaseId = (caseId: string): string | null => /^case-(\d{12})-/.exec(caseId)?.[1] ?? null;

function statusOf(opened: CaseEvent | undefined, communications: CaseEvent[], resolve: CaseEvent | undefined): CaseStatus {
  if (resolve) {
    // By instant, not text: `13:00:00.500Z` is before `13:00:01Z` but after `13:00:00Z`.
    const resolvedAt = eventInstant(resolve.row.eventTime);
    return communications.some((c) => eventInstant(c.row.eventTime) > resolvedAt) ? 'reopened' : 'resolved';
  }
  // Without a CreateCase or a communication in the rows, the case may have been resolved earlier.
  return opened || communications.length > 0 ? 'open' : 'unknown';
}

/**
 * Seconds from one event time to a later one; null when either is not a time, or when the later
 * event was logged first (a ResolveCase before its CreateCase: clock skew between endpoints), so
 * timeToResolve and secondsToResolve are null together.
 */
function secondsBetween(from: string, to: string): number | null {
  const ms = eventInstant(to) - eventInstant(from);
  return Number.isFinite(ms) && ms >= 0 ? ms / 1000 : null;
}

/** Summarizes one case; `events` must be in time order and all name `caseId` (or its attachment sets). */
export function summarizeCase(caseId: string, events: readonly CaseEvent[], sightings: ReadonlyMap<unknown, Sighting>): CaseRow {
  const ok = (action: CaseEvent['action']) => events.filter((e) => e.ok && e.action === action);
  const opened = ok('create')[0];
  const communications = ok('communicate');
  const resolves = ok('resolve');
  const resolve = resolves.at(-1);
  const rows = events.map((e) => e.row);
  const failed = rows.filter((r) => r.errorCode !== null);
  const seconds = opened && resolve ? secondsBetween(opened.row.eventTime, resolve.row.eventTime) : null;
  const newIPs = rows.filter((r) => sightings.get(r)?.newSourceIP).map((r) => `${r.principal} from ${r.sourceIPAddress ?? '(none)'}`);
  const newAgents = rows.filter((r) => sightings.get(r)?.newUserAgent).map((r) => `${r.principal}: ${r.userAgent ?? '(none)'}`);
  const accounts = distinct(rows.map((r) => r.callerAccount ?? r.account));
  const decisive = [opened, ...resolves].filter((e): e is CaseEvent => e !== undefined && CAN_HAVE_MFA.has(e.row.credentialClass));
  const flagged: Record<CaseFlag, boolean> = {
    'opened-by-root': opened?.row.identityType === 'Root',
    'resolved-by-root': resolves.some((e) => e.row.identityType === 'Root'),
    'without-mfa': decisive.some((e) => e.row.mfa !== true),
    'new-source-ip': newIPs.length > 0,
    'new-user-agent': newAgents.length > 0,
    'multi-account': accounts.length > 1,
    errors: failed.length > 0,
  };
  const o = opened?.row;
  return {
    caseId,
    account: o?.account ?? accountInCaseId(caseId) ?? rows[0]?.account ?? null,
    createdInWindow: opened !== undefined,
    status: statusOf(opened, communications, resolve),
    openedAt: o?.eventTime ?? null,
    openedBy: o?.principal ?? null,
    openedByType: o?.identityType ?? null,
    openedByMfa: o?.mfa ?? null,
    openedFromIP: o?.sourceIPAddress ?? null,
    openedUserAgent: o?.userAgent ?? null,
    severityCode: o?.severityCode ?? null,
    serviceCode: o?.serviceCode ?? null,
    categoryCode: o?.categoryCode ?? null,
    issueType: o?.issueType ?? null,
    language: opened?.language ?? null,
    communications: communications.length,
    communicatedBy: sortedJoin(communications.map((e) => e.row.principal)),
    attachments: ok('attach').length,
    reads: ok('read').length,
    principals: new Set(rows.map(principalKeyOf)).size,
    touchedBy: sortedJoin(rows.map((r) => r.principal)),
    accounts: accounts.join(' '),
    regions: sortedJoin(rows.map((r) => r.region)),
    firstSeen: rows[0].eventTime,
    lastSeen: rows[rows.length - 1].eventTime,
    resolvedAt: resolve?.row.eventTime ?? null,
    resolvedBy: resolve?.row.principal ?? null,
    resolvedByType: resolve?.row.identityType ?? null,
    timeToResolve: seconds !== null ? formatDuration(seconds) : null,
    secondsToResolve: seconds,
    errors: failed.length,
    errorCodes: sortedJoin(failed.map((r) => r.errorCode)),
    newSourceIPs: sortedJoin(newIPs, '; '),
    newUserAgents: sortedJoin(newAgents, '; '),
    flags: CASE_FLAGS.filter((f) => flagged[f]).join(' '),
  };
}
