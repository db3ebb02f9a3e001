/**
 * The built-in findings a single-record rule cannot express: they look at many events (a burst of
 * denied calls, what a principal did before, who opened a case). Their metadata here has the same
 * fields as a Sigma rule's, so every output lists them alike; their logic is in stateful.ts.
 */
import type { FindingLevel } from './finding.ts';

/** What every output says about a rule (Sigma or stateful). */
export interface RuleInfo {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly level: FindingLevel;
  readonly references: readonly string[];
  readonly tags: readonly string[];
  readonly author: string | null;
  /** Where the rule comes from: `builtin:<file>`, `builtin:stateful`, or the user's rule file. */
  readonly file: string;
  /** SHA-256 of the rule file's bytes as the run parsed them (load-rules.ts); none for the stateful checks, which are code. */
  readonly sha256?: string;
}

/** How many denied Support calls by one principal within {@link DENIED_WINDOW_MS} make a burst. */
export const DENIED_BURST = 10;
export const DENIED_WINDOW_MS = 5 * 60_000;

const CLOUDTRAIL_SUPPORT = 'https://docs.aws.amazon.com/awssupport/latest/user/logging-using-cloudtrail.html';
const AUTHOR = 'cloudtrail-support';

export const STATEFUL_RULES = {
  deniedProbing: {
    id: '5d0c1a52-6a0e-4f5e-9a57-0b8f0d7f3c11',
    title: 'Denied AWS Support calls in a burst (probing)',
    description: `At least ${DENIED_BURST} AWS Support calls by one principal were denied (AccessDenied, Unauthorized...) within ${
      DENIED_WINDOW_MS / 60_000
    } minutes: someone is trying what these credentials may do with Support. The finding holds every denied call of the bursts.`,
    level: 'medium',
    references: ['https://docs.aws.amazon.com/awssupport/latest/user/security-iam.html', CLOUDTRAIL_SUPPORT],
    tags: ['attack.discovery', 'attack.t1526'],
    author: AUTHOR,
    file: 'builtin:stateful',
  },
  newSourceIP: {
    id: 'b7f5e0c2-3d55-4f0a-8b0e-6c2f7a1d9e21',
    title: 'Support case touched from a source IP new for the principal',
    description:
      "A principal with earlier activity in the archive touched a support case from a source IP address it had not used before. A principal's first appearance is its baseline, not a finding.",
    level: 'low',
    references: [CLOUDTRAIL_SUPPORT],
    tags: ['attack.initial-access', 'attack.t1078.004'],
    author: AUTHOR,
    file: 'builtin:stateful',
  },
  newUserAgent: {
    id: 'c2a9d4e6-1b7f-4c3a-9d2e-8f6b5a4c3d31',
    title: 'Support case touched with a user agent new for the principal',
    description:
      "A principal with earlier activity in the archive touched a support case with a user agent (tool, SDK, browser) it had not used before. A principal's first appearance is its baseline, not a finding.",
    level: 'low',
    references: [CLOUDTRAIL_SUPPORT],
    tags: ['attack.initial-access', 'attack.t1078.004'],
    author: AUTHOR,
    file: 'builtin:stateful',
  },
  multiAccountCase: {
    id: 'e4b8c6a0-5f3d-4e2b-a1c9-7d6e5f4a3b41',
    title: 'Support case touched from several accounts',
    description:
      'Calls from more than one AWS account named the same support case. The finding holds the first call from each account, and names every principal and account.',
    level: 'low',
    references: ['https://docs.aws.amazon.com/awssupport/latest/user/case-management.html', CLOUDTRAIL_SUPPORT],
    tags: [],
    author: AUTHOR,
    file: 'builtin:stateful',
  },
  attachmentByOther: {
    id: 'f1d3e5a7-9b2c-4d6e-8f0a-1b3c5d7e9f51',
    title: 'Attachments added to a support case by a principal that did not open it',
    description:
      'AddAttachmentsToSet (or AddCommunicationToCase with an attachment set) by a principal other than the one whose CreateCase opened the case: files reached AWS Support from someone else. Cases opened before the archive begins are not judged (their opener is unknown).',
    level: 'low',
    references: ['https://docs.aws.amazon.com/awssupport/latest/APIReference/API_AddAttachmentsToSet.html', CLOUDTRAIL_SUPPORT],
    tags: ['attack.exfiltration', 'attack.t1567'],
    author: AUTHOR,
    file: 'builtin:stateful',
  },
} as const satisfies Record<string, RuleInfo>;
