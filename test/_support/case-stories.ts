/**
 * Known support-case stories, as CloudTrail records built here, and the case rows they must give.
 *
 * - case A: opened by IAM user janedoe with MFA; an attachment set and two communications by the
 *   role SupportOps/jdoe (the second from an IP jdoe never used before); read through eu-west-1;
 *   resolved the next day by root.
 * - case B: opened by the role (no MFA) through us-west-2, read by a partner account, a denied
 *   read; never resolved.
 * - case C: created before the window: a communication, a read and a ResolveCase only.
 * - case D: only a DescribeCases that failed with CaseIdNotFound.
 * - a denied CreateCase by intern (no case id comes back, so no case).
 */
import { gz, put, record, trailFile } from './helpers.ts';

export const ACCOUNT = '111122223333';
export const PARTNER = '444455556666';
export const CASE_A = 'case-111122223333-muen-2026-aaaaaaaaaaaaaaaa';
export const CASE_B = 'case-111122223333-muen-2026-bbbbbbbbbbbbbbbb';
export const CASE_C = 'case-111122223333-muen-2025-cccccccccccccccc';
export const CASE_D = 'case-111122223333-muen-2026-dddddddddddddddd';

const session = (mfa: string) => ({ attributes: { mfaAuthenticated: mfa, creationDate: '2026-01-05T08:00:00Z' } });
const jane = {
  type: 'IAMUser',
  principalId: 'AIDACKCEVSQ6C2EXAMPLE',
  arn: `arn:aws:iam::${ACCOUNT}:user/janedoe`,
  accountId: ACCOUNT,
  accessKeyId: 'ASIAJANEEXAMPLE',
  userName: 'janedoe',
  sessionContext: session('true'),
};
const jdoe = {
  type: 'AssumedRole',
  principalId: 'AROAEXAMPLEROLEID:jdoe',
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/SupportOps/jdoe`,
  accountId: ACCOUNT,
  accessKeyId: 'ASIAJDOEEXAMPLE',
  sessionContext: {
    sessionIssuer: {
      type: 'Role',
      principalId: 'AROAEXAMPLEROLEID',
      arn: `arn:aws:iam::${ACCOUNT}:role/SupportOps`,
      accountId: ACCOUNT,
      userName: 'SupportOps',
    },
    webIdFederationData: {},
    ...session('false'),
  },
};
const root = {
  type: 'Root',
  principalId: ACCOUNT,
  arn: `arn:aws:iam::${ACCOUNT}:root`,
  accountId: ACCOUNT,
  accessKeyId: 'ASIAROOTEXAMPLE',
  sessionContext: { sessionIssuer: {}, webIdFederationData: {}, ...session('true') },
};
const partner = { type: 'AWSAccount', principalId: 'AROAPARTNEREXAMPLE:audit', accountId: PARTNER };
const intern = {
  type: 'IAMUser',
  principalId: 'AIDAINTERNEXAMPLE',
  arn: `arn:aws:iam::${ACCOUNT}:user/intern`,
  accountId: ACCOUNT,
  accessKeyId: 'AKIAINTERNEXAMPLE',
  userName: 'intern',
};

const CLI = 'aws-cli/2.15.0';
const BOTO = 'Boto3/1.34.144';
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';

interface Call {
  id: string;
  at: string;
  who: Record<string, unknown>;
  name: string;
  region?: string;
  ip: string;
  ua: string;
  request: Record<string, unknown> | null;
  response?: Record<string, unknown> | null;
  error?: [string, string];
}

function call(c: Call): Record<string, unknown> {
  const r = record({
    eventID: c.id,
    requestID: `req-${c.id}`,
    eventTime: `2026-01-${c.at}Z`,
    userIdentity: c.who,
    eventName: c.name,
    awsRegion: c.region ?? 'us-east-1',
    sourceIPAddress: c.ip,
    userAgent: c.ua,
    requestParameters: c.request,
    responseElements: c.error ? null : (c.response ?? null),
    readOnly: c.name.startsWith('Describe'),
    recipientAccountId: ACCOUNT,
  });
  if (c.error) Object.assign(r, { errorCode: c.error[0], errorMessage: c.error[1] });
  return r;
}

const J = { who: jane, ip: '198.51.100.15', ua: CLI };
const R = { who: jdoe, ip: '203.0.113.7', ua: BOTO };

/** Every record of the stories, in time order. */
export function storyRecords(): Record<string, unknown>[] {
  return [
    call({ id: 'e01', at: '05T09:00:00', ...J, name: 'DescribeServices', request: { language: 'en' } }),
    call({ id: 'e02', at: '05T09:30:00', ...R, name: 'DescribeSeverityLevels', request: { language: 'en' } }),
    call({
      id: 'e03',
      at: '05T10:00:00',
      ...J,
      name: 'CreateCase',
      request: {
        severityCode: 'high',
        serviceCode: 'amazon-elastic-compute-cloud-linux',
        categoryCode: 'instance-issue',
        language: 'en',
        issueType: 'technical',
      },
      response: { caseId: CASE_A },
    }),
    call({
      id: 'e04',
      at: '05T10:05:00',
      ...R,
      region: 'us-west-2',
      name: 'CreateCase',
      request: { severityCode: 'low', serviceCode: 'general-info', categoryCode: 'other', language: 'ja', issueType: 'technical' },
      response: { caseId: CASE_B },
    }),
    call({
      id: 'e05',
      at: '05T10:10:00',
      who: intern,
      ip: '198.51.100.200',
      ua: CLI,
      name: 'CreateCase',
      request: { severityCode: 'urgent', serviceCode: 'general-info', categoryCode: 'other', language: 'en', issueType: 'technical' },
      error: ['AccessDenied', `User: arn:aws:iam::${ACCOUNT}:user/intern is not authorized to perform: support:CreateCase`],
    }),
    call({
      id: 'e06',
      at: '05T10:30:00',
      ...R,
      region: 'us-west-2',
      name: 'AddAttachmentsToSet',
      request: { attachments: [{ fileName: 'error.log' }] },
      response: { attachmentSetId: 'as-A', expiryTime: 'Jan 5, 2026 11:30:00 AM' },
    }),
    call({
      id: 'e07',
      at: '05T10:31:00',
      ...R,
      region: 'us-west-2',
      name: 'AddCommunicationToCase',
      request: { caseId: CASE_A, attachmentSetId: 'as-A' },
      response: { result: true },
    }),
    call({ id: 'e08', at: '05T11:00:00', ...J, region: 'eu-west-1', name: 'DescribeCommunications', request: { caseId: CASE_A, maxResults: 100 } }),
    call({
      id: 'e09',
      at: '05T11:15:00',
      who: partner,
      ip: '192.0.2.44',
      ua: BOTO,
      name: 'DescribeCases',
      request: { caseIdList: [CASE_B], includeResolvedCases: true, language: 'en' },
    }),
    call({
      id: 'e10',
      at: '05T11:20:00',
      ...J,
      name: 'DescribeCommunications',
      request: { caseId: CASE_B },
      error: ['AccessDenied', 'not authorized to perform: support:DescribeCommunications'],
    }),
    call({ id: 'e11', at: '05T12:00:00', ...R, ip: '203.0.113.99', name: 'AddCommunicationToCase', request: { caseId: CASE_A }, response: { result: true } }),
    call({ id: 'e12', at: '05T12:30:00', ...J, name: 'AddCommunicationToCase', request: { caseId: CASE_C }, response: { result: true } }),
    call({ id: 'e13', at: '05T12:45:00', ...J, name: 'DescribeCases', request: { caseIdList: [CASE_C], includeResolvedCases: true } }),
    call({
      id: 'e14',
      at: '05T12:50:00',
      ...J,
      name: 'DescribeCases',
      request: { caseIdList: [CASE_D] },
      error: ['CaseIdNotFound', `Case ID ${CASE_D} not found.`],
    }),
    call({
      id: 'e15',
      at: '05T13:00:00',
      ...J,
      name: 'ResolveCase',
      request: { caseId: CASE_C },
      response: { initialCaseStatus: 'work-in-progress', finalCaseStatus: 'resolved' },
    }),
    call({
      id: 'e16',
      at: '06T10:00:00',
      who: root,
      ip: '192.0.2.1',
      ua: BROWSER,
      name: 'ResolveCase',
      request: { caseId: CASE_A },
      response: { initialCaseStatus: 'opened', finalCaseStatus: 'resolved' },
    }),
  ];
}

/** Writes the stories as an AWSLogs archive: one file per region and day, as CloudTrail delivers them. */
export function writeStoryArchive(root: string): void {
  const files = new Map<string, Record<string, unknown>[]>();
  for (const r of storyRecords()) {
    const region = r.awsRegion as string;
    const day = (r.eventTime as string).slice(8, 10);
    const key = `AWSLogs/${ACCOUNT}/CloudTrail/${region}/2026/01/${day}/${ACCOUNT}_CloudTrail_${region}_202601${day}T2355Z_stories.json.gz`;
    files.set(key, [...(files.get(key) ?? []), r]);
  }
  for (const [key, records] of files) put(root, key, gz(trailFile(records)));
}

const none = {
  openedAt: null,
  openedBy: null,
  openedByType: null,
  openedByMfa: null,
  openedFromIP: null,
  openedUserAgent: null,
  severityCode: null,
  serviceCode: null,
  categoryCode: null,
  issueType: null,
  language: null,
};
const unresolved = { resolvedAt: null, resolvedBy: null, resolvedByType: null, timeToResolve: null, secondsToResolve: null };

/** The case rows the stories must give, every column. */
export const EXPECTED_CASES = [
  {
    caseId: CASE_A,
    account: ACCOUNT,
    createdInWindow: true,
    status: 'resolved',
    openedAt: '2026-01-05T10:00:00Z',
    openedBy: 'janedoe',
    openedByType: 'IAMUser',
    openedByMfa: true,
    openedFromIP: '198.51.100.15',
    openedUserAgent: CLI,
    severityCode: 'high',
    serviceCode: 'amazon-elastic-compute-cloud-linux',
    categoryCode: 'instance-issue',
    issueType: 'technical',
    language: 'en',
    communications: 2,
    communicatedBy: 'SupportOps/jdoe',
    attachments: 1,
    reads: 1,
    principals: 3,
    touchedBy: 'SupportOps/jdoe janedoe root',
    accounts: ACCOUNT,
    regions: 'eu-west-1 us-east-1 us-west-2',
    firstSeen: '2026-01-05T10:00:00Z',
    lastSeen: '2026-01-06T10:00:00Z',
    resolvedAt: '2026-01-06T10:00:00Z',
    resolvedBy: 'root',
    resolvedByType: 'Root',
    timeToResolve: '1d 0h 0m 0s',
    secondsToResolve: 86400,
    errors: 0,
    errorCodes: '',
    newSourceIPs: 'SupportOps/jdoe from 203.0.113.99',
    newUserAgents: '',
    flags: ['resolved-by-root', 'new-source-ip'],
  },
  {
    caseId: CASE_B,
    account: ACCOUNT,
    createdInWindow: true,
    status: 'open',
    openedAt: '2026-01-05T10:05:00Z',
    openedBy: 'SupportOps/jdoe',
    openedByType: 'AssumedRole',
    openedByMfa: false,
    openedFromIP: '203.0.113.7',
    openedUserAgent: BOTO,
    severityCode: 'low',
    serviceCode: 'general-info',
    categoryCode: 'other',
    issueType: 'technical',
    language: 'ja',
    communications: 0,
    communicatedBy: '',
    attachments: 0,
    reads: 1,
    principals: 3,
    touchedBy: `${PARTNER} SupportOps/jdoe janedoe`,
    accounts: `${ACCOUNT} ${PARTNER}`,
    regions: 'us-east-1 us-west-2',
    firstSeen: '2026-01-05T10:05:00Z',
    lastSeen: '2026-01-05T11:20:00Z',
    ...unresolved,
    errors: 1,
    errorCodes: 'AccessDenied',
    newSourceIPs: '',
    newUserAgents: '',
    flags: ['mfa-not-recorded', 'multi-account', 'errors'],
  },
  {
    caseId: CASE_C,
    account: ACCOUNT,
    createdInWindow: false,
    status: 'resolved',
    ...none,
    communications: 1,
    communicatedBy: 'janedoe',
    attachments: 0,
    reads: 1,
    principals: 1,
    touchedBy: 'janedoe',
    accounts: ACCOUNT,
    regions: 'us-east-1',
    firstSeen: '2026-01-05T12:30:00Z',
    lastSeen: '2026-01-05T13:00:00Z',
    resolvedAt: '2026-01-05T13:00:00Z',
    resolvedBy: 'janedoe',
    resolvedByType: 'IAMUser',
    timeToResolve: null,
    secondsToResolve: null,
    errors: 0,
    errorCodes: '',
    newSourceIPs: '',
    newUserAgents: '',
    flags: [],
  },
  {
    caseId: CASE_D,
    account: ACCOUNT,
    createdInWindow: false,
    status: 'unknown',
    ...none,
    communications: 0,
    communicatedBy: '',
    attachments: 0,
    reads: 0,
    principals: 1,
    touchedBy: 'janedoe',
    accounts: ACCOUNT,
    regions: 'us-east-1',
    firstSeen: '2026-01-05T12:50:00Z',
    lastSeen: '2026-01-05T12:50:00Z',
    ...unresolved,
    errors: 1,
    errorCodes: 'CaseIdNotFound',
    newSourceIPs: '',
    newUserAgents: '',
    flags: ['errors'],
  },
];
