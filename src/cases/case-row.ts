/**
 * The row of one support case: its lifecycle (opened, discussed, read, resolved), who touched
 * it, and the findings an auditor looks for.
 */

/** Lifecycle status: `reopened` is a case with a communication after its last ResolveCase (open again). */
export type CaseStatus = 'open' | 'resolved' | 'reopened' | 'unknown';

/** The finding flags, in the order they are listed in `flags` (meanings: docs/columns.md and CASE_FLAG_MEANINGS). */
export const CASE_FLAGS = [
  'opened-by-root',
  'answered-by-root',
  'read-by-root',
  'resolved-by-root',
  'without-mfa',
  'mfa-not-recorded',
  'new-source-ip',
  'new-user-agent',
  'multi-account',
  'errors',
] as const;
export type CaseFlag = (typeof CASE_FLAGS)[number];

/** One support case. Lists are sorted, distinct and space-separated unless said otherwise. */
export interface CaseRow {
  caseId: string;
  /** The account that owns the case: CreateCase's account, else the one in the case id. */
  account: string | null;
  /** False when the case was created before the rows read (or its CreateCase is not in them). */
  createdInWindow: boolean;
  status: CaseStatus;
  openedAt: string | null;
  openedBy: string | null;
  openedByType: string | null;
  openedByMfa: boolean | null;
  openedFromIP: string | null;
  openedUserAgent: string | null;
  severityCode: string | null;
  serviceCode: string | null;
  categoryCode: string | null;
  issueType: string | null;
  language: string | null;
  /** Successful AddCommunicationToCase calls, and who made them. */
  communications: number;
  communicatedBy: string;
  /** Successful AddAttachmentsToSet calls whose set a call of this case used. */
  attachments: number;
  /** Successful Describe* calls that name the case (DescribeCases caseIdList, DescribeCommunications). */
  reads: number;
  /** Distinct principals that touched the case (failed attempts included), and who. */
  principals: number;
  touchedBy: string;
  /** Callers' accounts (userIdentity.accountId) and the regions (endpoints) used. */
  accounts: string;
  regions: string;
  firstSeen: string;
  lastSeen: string;
  /** The last successful ResolveCase. */
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolvedByType: string | null;
  /**
   * openedAt to resolvedAt, e.g. `1d 2h 5m 0s`; both null when either is not in the rows read, or
   * when the ResolveCase was logged before the CreateCase (no negative durations).
   */
  timeToResolve: string | null;
  secondsToResolve: number | null;
  /** Calls about the case that failed, and their distinct error codes. */
  errors: number;
  errorCodes: string;
  /** `principal from IP` / `principal: user agent` items (`; `-separated) never seen before for that principal. */
  newSourceIPs: string;
  newUserAgents: string;
  /** The CASE_FLAGS that apply, in that order: an array (JSON array, Parquet/Arrow list; text formats join them with spaces). */
  flags: CaseFlag[];
}

/** Case row columns, in output order. */
export const CASE_COLUMNS: readonly (keyof CaseRow)[] = [
  'caseId',
  'account',
  'createdInWindow',
  'status',
  'openedAt',
  'openedBy',
  'openedByType',
  'openedByMfa',
  'openedFromIP',
  'openedUserAgent',
  'severityCode',
  'serviceCode',
  'categoryCode',
  'issueType',
  'language',
  'communications',
  'communicatedBy',
  'attachments',
  'reads',
  'principals',
  'touchedBy',
  'accounts',
  'regions',
  'firstSeen',
  'lastSeen',
  'resolvedAt',
  'resolvedBy',
  'resolvedByType',
  'timeToResolve',
  'secondsToResolve',
  'errors',
  'errorCodes',
  'newSourceIPs',
  'newUserAgents',
  'flags',
];

/** A duration in seconds as `1d 2h 5m 0s`, leading zero units left out (`5m 0s`, `0s`). */
export function formatDuration(seconds: number): string {
  // Fractional seconds (event times with fractions) to the millisecond: 3600.1 % 60 is 0.0999…
  const parts: [number, string][] = [[Math.floor(seconds / 86_400), 'd'], [Math.floor(seconds / 3600) % 24, 'h'], [Math.floor(seconds / 60) % 60, 'm'], [
    Math.round((seconds % 60) * 1000) / 1000,
    's',
  ]];
  const first = parts.findIndex(([n]) => n > 0);
  return parts.slice(first === -1 ? parts.length - 1 : first).map(([n, unit]) => `${n}${unit}`).join(' ');
}
