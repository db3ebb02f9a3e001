/**
 * One case's lifecycle facts (case-facts.ts) -> its CaseRow. Pure.
 */
import { eventInstant } from '../rows/time-order.ts';
import { type CaseFacts, type FirstUse, mfaNotRecorded, withoutMfa } from './case-facts.ts';
import { CASE_FLAGS, type CaseFlag, type CaseRow, type CaseStatus, formatDuration } from './case-row.ts';
import type { Histories, PrincipalHistory } from './novelty.ts';

const sortedJoin = (values: Iterable<string>, separator = ' '): string => [...new Set(values)].sort().join(separator);

const accountInCaseId = (caseId: string): string | null => /^case-(\d{12})-/.exec(caseId)?.[1] ?? null;

function statusOf(facts: CaseFacts): CaseStatus {
  if (facts.resolved) {
    // By instant, not text: `13:00:00.500Z` is before `13:00:01Z` but after `13:00:00Z`.
    return facts.lastCommunicationAt > eventInstant(facts.resolved.eventTime) ? 'reopened' : 'resolved';
  }
  // Without a CreateCase or a communication in the rows, the case may have been resolved earlier.
  return facts.opened || facts.communications > 0 ? 'open' : 'unknown';
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

/**
 * The principal/value pairs whose first use on this case was new for the principal: the principal
 * was active at an earlier instant, and had not used the value at any earlier instant (novelty.ts).
 * A pair's later uses on the case cannot be new, since its first use came before them.
 */
function newUses(uses: readonly FirstUse[], histories: Histories, seen: (h: PrincipalHistory) => Map<string | null, number>): FirstUse[] {
  return uses.filter((use) => {
    const h = histories.get(use.principalKey);
    return h !== undefined && h.first < use.at && !((seen(h).get(use.value) ?? Infinity) < use.at);
  });
}

/** Summarizes one case from its facts; `histories` are every principal's, for the novelty flags. */
export function summarizeCase(caseId: string, facts: CaseFacts, histories: Histories): CaseRow {
  const o = facts.opened?.row;
  const resolve = facts.resolved;
  const seconds = o && resolve ? secondsBetween(o.eventTime, resolve.eventTime) : null;
  const newIPs = newUses(facts.ips, histories, (h) => h.ips).map((u) => `${u.principal} from ${u.value ?? '(none)'}`);
  const newAgents = newUses(facts.agents, histories, (h) => h.agents).map((u) => `${u.principal}: ${u.value ?? '(none)'}`);
  const accounts = [...facts.accounts].sort();
  const flagged: Record<CaseFlag, boolean> = {
    'opened-by-root': o?.identityType === 'Root',
    'answered-by-root': facts.answeredByRoot,
    'read-by-root': facts.readByRoot,
    'resolved-by-root': facts.resolvedByRoot,
    'without-mfa': (o !== undefined && withoutMfa(o)) || facts.resolvedWithoutMfa,
    'mfa-not-recorded': (o !== undefined && mfaNotRecorded(o)) || facts.resolvedMfaNotRecorded,
    'new-source-ip': newIPs.length > 0,
    'new-user-agent': newAgents.length > 0,
    'multi-account': accounts.length > 1,
    errors: facts.errors > 0,
  };
  return {
    caseId,
    account: o?.account ?? accountInCaseId(caseId) ?? facts.first.account ?? null,
    createdInWindow: o !== undefined,
    status: statusOf(facts),
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
    language: facts.opened?.language ?? null,
    communications: facts.communications,
    communicatedBy: sortedJoin(facts.communicatedBy),
    attachments: facts.attachments,
    reads: facts.reads,
    principals: facts.principalKeys.length,
    touchedBy: sortedJoin(facts.touchedBy),
    accounts: accounts.join(' '),
    regions: sortedJoin(facts.regions),
    firstSeen: facts.first.eventTime,
    lastSeen: facts.last.eventTime,
    resolvedAt: resolve?.eventTime ?? null,
    resolvedBy: resolve?.principal ?? null,
    resolvedByType: resolve?.identityType ?? null,
    timeToResolve: seconds !== null ? formatDuration(seconds) : null,
    secondsToResolve: seconds,
    errors: facts.errors,
    errorCodes: sortedJoin(facts.errorCodes),
    newSourceIPs: sortedJoin(newIPs, '; '),
    newUserAgents: sortedJoin(newAgents, '; '),
    flags: CASE_FLAGS.filter((f) => flagged[f]),
  };
}
