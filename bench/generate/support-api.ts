/**
 * Records of the AWS Support API (`support.amazonaws.com`), shaped after the AWS Support User
 * Guide examples (realdata/awsdocs-support-user-guide) and the API reference
 * (https://docs.aws.amazon.com/awssupport/latest/APIReference/). Describe* calls log no response
 * body, as CloudTrail does for large read-only results.
 */
import { stsExpiry } from './catalog.ts';
import type { EventContext, Json } from './envelope.ts';
import { apiCall } from './envelope.ts';
import type { Principal } from './identities.ts';
import type { Rng } from './rng.ts';

const SOURCE = 'support.amazonaws.com';

/** Trusted Advisor check ids as they appear in real accounts. */
export const CHECK_IDS = [
  'Pfx0RwqBli',
  'zXCkfM1nI3',
  '7DAFEmoDos',
  'Yw2K9puPzl',
  'HCP4007jGY',
  '1iG5NDGVre',
  'DAvU99Dc4C',
  'Qch7DwouX1',
  'eW7HH0l7J9',
  'nNauJisYIT',
];

const TOPICS = [
  { serviceCode: 'amazon-elastic-compute-cloud-linux', categoryCode: 'instance-issue', subject: 'Instance fails status checks after reboot' },
  { serviceCode: 'amazon-simple-storage-service', categoryCode: 'general-guidance', subject: 'Intermittent 503 SlowDown on PUT' },
  { serviceCode: 'aws-identity-and-access-management', categoryCode: 'general-guidance', subject: 'Cannot assume cross-account role' },
  { serviceCode: 'amazon-relational-database-service-aurora-postgresql', categoryCode: 'performance', subject: 'Aurora writer CPU at 100% since failover' },
  { serviceCode: 'service-limit-increase', categoryCode: 'service-code-ec2-instances', subject: 'Limit increase: On-Demand Standard instances' },
  { serviceCode: 'billing', categoryCode: 'charges', subject: 'Unexpected data transfer charges' },
] as const;

/** A Support case id as AWS formats it: `case-<account>-<partition code>-<year>-<16 hex>`. */
export function newCaseId(rng: Rng, account: string, ms: number): string {
  return `case-${account}-muen-${new Date(ms).getUTCFullYear()}-${rng.hex(16)}`;
}

const call = (
  c: EventContext,
  who: Principal,
  name: string,
  readOnly: boolean,
  request: Json | null,
  response: Json | null = null,
  error?: readonly [string, string],
) => apiCall(c, who, { source: SOURCE, name, readOnly, request, response, error });

function arnOf(c: EventContext, who: Principal): string {
  return (who.identity(c.ms).arn as string | undefined) ?? `arn:aws:iam::${c.account}:root`;
}

/** CreateCase; `denied` makes it fail with AccessDenied (no case id is returned then). */
export function createCase(c: EventContext, who: Principal, caseId: string, denied = false): Json {
  const topic = c.rng.pick(TOPICS);
  const request: Json = {
    severityCode: c.rng.pick(['low', 'normal', 'normal', 'high', 'urgent', 'critical']),
    serviceCode: topic.serviceCode,
    categoryCode: topic.categoryCode,
    subject: topic.subject,
    language: 'en',
    issueType: topic.serviceCode === 'billing' ? 'customer-service' : 'technical',
  };
  if (c.rng.chance(0.3)) request.ccEmailAddresses = ['oncall@example.com'];
  const error = denied
    ? ([
      'AccessDenied',
      `User: ${arnOf(c, who)} is not authorized to perform: support:CreateCase because no identity-based policy allows the support:CreateCase action`,
    ] as const)
    : undefined;
  return call(c, who, 'CreateCase', false, request, { caseId }, error);
}

export function addAttachmentsToSet(c: EventContext, who: Principal, attachmentSetId: string): Json {
  return call(c, who, 'AddAttachmentsToSet', false, { attachments: [{ fileName: c.rng.pick(['vpc-flow-sample.txt', 'error.log', 'screenshot.png']) }] }, {
    attachmentSetId,
    expiryTime: stsExpiry(c.ms + 3_600_000),
  });
}

export function addCommunication(c: EventContext, who: Principal, caseId: string, attachmentSetId?: string): Json {
  const request: Json = { caseId };
  if (attachmentSetId) request.attachmentSetId = attachmentSetId;
  return call(c, who, 'AddCommunicationToCase', false, request, { result: true });
}

export function describeCommunications(c: EventContext, who: Principal, caseId: string): Json {
  return call(c, who, 'DescribeCommunications', true, { caseId, maxResults: 100 });
}

export function describeAttachment(c: EventContext, who: Principal, attachmentId: string): Json {
  return call(c, who, 'DescribeAttachment', true, { attachmentId });
}

export function describeCases(c: EventContext, who: Principal, caseIds: string[], missing = false): Json {
  const request: Json = caseIds.length > 0
    ? { caseIdList: caseIds, includeResolvedCases: true, language: 'en' }
    : { includeResolvedCases: false, maxResults: 25, language: 'en' };
  const error = missing && caseIds.length > 0 ? (['CaseIdNotFound', `Case ID ${caseIds[0]} not found.`] as const) : undefined;
  return call(c, who, 'DescribeCases', true, request, null, error);
}

export function rateCaseCommunication(c: EventContext, who: Principal, caseId: string): Json {
  return call(c, who, 'RateCaseCommunication', false, { caseId, communicationId: c.rng.hex(32), rating: c.rng.pick(['positive', 'positive', 'negative']) });
}

export function resolveCase(c: EventContext, who: Principal, caseId: string): Json {
  const initial = c.rng.pick(['opened', 'work-in-progress', 'pending-customer-action', 'customer-action-completed']);
  return call(c, who, 'ResolveCase', false, { caseId }, { initialCaseStatus: initial, finalCaseStatus: 'resolved' });
}

/** Attachment set and attachment ids in the shapes the API returns them. */
export function attachmentIds(rng: Rng): { setId: string; attachmentId: string } {
  return { setId: `as-${rng.hex(17)}-mu-${rng.alnum(10)}-${rng.alnum(40)}`, attachmentId: `attachment-${rng.alnum(64)}` };
}

const SUBSCRIPTION_REQUIRED = ['SubscriptionRequiredException', 'AWS Premium Support Subscription is required to use this service.'] as const;

/** Calls that stand alone (not part of a case story), one maker per Support API action or error. */
export const SUPPORT_STANDALONE: readonly { name: string; make: (c: EventContext, who: Principal, cases: string[]) => Json }[] = [
  { name: 'DescribeServices', make: (c, w) => call(c, w, 'DescribeServices', true, { language: 'en' }) },
  { name: 'DescribeSeverityLevels', make: (c, w) => call(c, w, 'DescribeSeverityLevels', true, { language: 'en' }) },
  {
    name: 'DescribeCreateCaseOptions',
    make: (c, w) =>
      call(c, w, 'DescribeCreateCaseOptions', true, {
        issueType: 'technical',
        serviceCode: 'amazon-elastic-compute-cloud-linux',
        language: 'en',
        categoryCode: 'instance-issue',
      }),
  },
  {
    name: 'DescribeSupportedLanguages',
    make: (c, w) =>
      call(c, w, 'DescribeSupportedLanguages', true, {
        issueType: 'technical',
        serviceCode: 'amazon-simple-storage-service',
        categoryCode: 'general-guidance',
      }),
  },
  { name: 'DescribeSupportLevel', make: (c, w) => call(c, w, 'DescribeSupportLevel', true, null) },
  { name: 'DescribeIssueTypes', make: (c, w) => call(c, w, 'DescribeIssueTypes', true, { language: 'en' }) },
  { name: 'SearchForCases', make: (c, w) => call(c, w, 'SearchForCases', true, { includeResolvedCases: true, maxResults: 20, language: 'en' }) },
  { name: 'DescribeCases', make: (c, w, cases) => describeCases(c, w, cases.slice(-3)) },
  {
    name: 'RateCaseCommunication',
    make: (c, w, cases) => rateCaseCommunication(c, w, cases[cases.length - 1] ?? newCaseId(c.rng, c.account, c.ms - 86_400_000)),
  },
  { name: 'DescribeCases:CaseIdNotFound', make: (c, w) => describeCases(c, w, [newCaseId(c.rng, c.account, c.ms)], true) },
  { name: 'DescribeTrustedAdvisorChecks', make: (c, w) => call(c, w, 'DescribeTrustedAdvisorChecks', true, { language: 'en' }) },
  {
    name: 'DescribeTrustedAdvisorCheckResult',
    make: (c, w) => call(c, w, 'DescribeTrustedAdvisorCheckResult', true, { checkId: c.rng.pick(CHECK_IDS), language: 'en' }),
  },
  {
    name: 'DescribeTrustedAdvisorCheckSummaries',
    make: (c, w) => call(c, w, 'DescribeTrustedAdvisorCheckSummaries', true, { checkIds: CHECK_IDS.slice(0, c.rng.range(2, 6)) }),
  },
  {
    name: 'DescribeTrustedAdvisorCheckRefreshStatuses',
    make: (c, w) => call(c, w, 'DescribeTrustedAdvisorCheckRefreshStatuses', true, { checkIds: [c.rng.pick(CHECK_IDS)] }),
  },
  { name: 'RefreshTrustedAdvisorCheck', make: (c, w) => call(c, w, 'RefreshTrustedAdvisorCheck', false, { checkId: c.rng.pick(CHECK_IDS) }) },
  {
    name: 'DescribeTrustedAdvisorCheckResult:SubscriptionRequired',
    make: (c, w) => call(c, w, 'DescribeTrustedAdvisorCheckResult', true, { checkId: c.rng.pick(CHECK_IDS), language: 'en' }, null, SUBSCRIPTION_REQUIRED),
  },
  {
    name: 'DescribeSeverityLevels:AccessDenied',
    make: (c, w) =>
      call(c, w, 'DescribeSeverityLevels', true, { language: 'en' }, null, [
        'AccessDenied',
        `User: ${arnOf(c, w)} is not authorized to perform: support:DescribeSeverityLevels`,
      ]),
  },
];
