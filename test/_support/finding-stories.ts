/**
 * An archive with known stories for the findings, as CloudTrail records built here, and a custom
 * rule folder. Account 111122223333 (A), partner 444455556666 (P); the corporate network is
 * 198.51.100.0/24.
 *
 * - alice (IAM user, MFA) opens case X on day 1; on day 2 she reads it from a new IP (10.20 -> .20).
 * - root (console, MFA) answers and resolves case X, and changes the support level.
 * - bob (IAM user, access keys: no MFA context) attaches a file to case X and answers it, and
 *   reads cases, from 203.0.113.9 (outside the corporate network).
 * - maria (IAM Identity Center session, mfaAuthenticated "false") opens case Y and wires the
 *   Support App to a Slack channel; mallory's Slack attempt is denied.
 * - the partner account reads case X.
 * - eve makes 12 denied DescribeCases calls within 3 minutes (a burst); carol 5 over 40 minutes (not one).
 * - alice creates an IAM access key; an IAM ListUsers and EC2 calls are noise.
 */
import { put, record, tempDir, trailFile } from './helpers.ts';

export const A = '111122223333';
export const P = '444455556666';
export const CASE_X = 'case-111122223333-muen-2026-0000000000000001';
export const CASE_Y = 'case-111122223333-muen-2026-0000000000000002';
export const SET = 'as-1111aaaa2222bbbb';

const mfa = (value: string) => ({ attributes: { mfaAuthenticated: value, creationDate: '2026-03-01T08:00:00Z' } });
const iamUser = (name: string, session?: object) => ({
  type: 'IAMUser',
  principalId: `AIDA${name.toUpperCase()}`,
  arn: `arn:aws:iam::${A}:user/${name}`,
  accountId: A,
  accessKeyId: `AKIA${name.toUpperCase()}`,
  userName: name,
  ...(session ? { sessionContext: session } : {}),
});
export const who = {
  alice: iamUser('alice', mfa('true')),
  bob: iamUser('bob'),
  eve: iamUser('eve', mfa('true')),
  carol: iamUser('carol', mfa('true')),
  mallory: iamUser('mallory', mfa('true')),
  root: {
    type: 'Root',
    principalId: A,
    arn: `arn:aws:iam::${A}:root`,
    accountId: A,
    accessKeyId: 'ASIAROOT',
    sessionContext: { webIdFederationData: {}, ...mfa('true') },
  },
  maria: {
    type: 'AssumedRole',
    principalId: 'AROASSO:maria@example.com',
    arn: `arn:aws:sts::${A}:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/maria@example.com`,
    accountId: A,
    accessKeyId: 'ASIAMARIA',
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: 'AROASSO',
        arn: `arn:aws:iam::${A}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0123456789abcdef`,
        accountId: A,
        userName: 'AWSReservedSSO_AdministratorAccess_0123456789abcdef',
      },
      webIdFederationData: {},
      ...mfa('false'),
    },
  },
  partner: { type: 'AWSAccount', principalId: 'AROAPARTNER:audit', accountId: P },
};

let n = 0;
/** One event: id `ev-<label>`, so a test names the events it expects. */
function ev(label: string, at: string, identity: object, source: string, name: string, extra: Record<string, unknown> = {}) {
  n++;
  return record({
    eventID: `ev-${label}`,
    requestID: `req-${n}`,
    eventTime: at,
    userIdentity: identity,
    eventSource: source,
    eventName: name,
    sourceIPAddress: '198.51.100.10',
    userAgent: 'aws-cli/2.15.0',
    requestParameters: null,
    responseElements: null,
    ...extra,
  });
}
const S = 'support.amazonaws.com';
const onCase = (caseId: string, more: object = {}) => ({ requestParameters: { caseId, ...more } });

/** The story records, in the files they are written to. */
export function storyFiles(): Record<string, unknown[]> {
  const denied = { errorCode: 'AccessDenied', errorMessage: 'User is not authorized to perform: support:DescribeCases' };
  const burst = Array.from(
    { length: 12 },
    (_, i) =>
      ev(`eve-${String(i).padStart(2, '0')}`, `2026-03-02T12:0${Math.floor(i / 4)}:${String((i % 4) * 15).padStart(2, '0')}Z`, who.eve, S, 'DescribeCases', {
        ...denied,
        sourceIPAddress: '198.51.100.66',
      }),
  );
  const slow = Array.from(
    { length: 5 },
    (_, i) => ev(`carol-${i}`, `2026-03-02T13:${String(i * 10).padStart(2, '0')}:00Z`, who.carol, S, 'DescribeCases', denied),
  );
  return {
    'AWSLogs/111122223333/CloudTrail/us-east-1/2026/03/01/a.json': [
      ev('alice-open', '2026-03-01T09:00:00Z', who.alice, S, 'CreateCase', {
        requestParameters: { subject: 'db down', severityCode: 'high', serviceCode: 'rds', categoryCode: 'other', language: 'en' },
        responseElements: { caseId: CASE_X },
      }),
      ev('root-answer', '2026-03-01T10:00:00Z', who.root, S, 'AddCommunicationToCase', { ...onCase(CASE_X), sourceIPAddress: '198.51.100.30' }),
      ev('bob-attach', '2026-03-01T10:30:00Z', who.bob, S, 'AddAttachmentsToSet', {
        sourceIPAddress: '203.0.113.9',
        responseElements: { attachmentSetId: SET, expiryTime: 'Mar 1, 2026 11:30:00 AM' },
      }),
      ev('bob-answer', '2026-03-01T10:31:00Z', who.bob, S, 'AddCommunicationToCase', {
        ...onCase(CASE_X, { attachmentSetId: SET }),
        sourceIPAddress: '203.0.113.9',
      }),
      ev('bob-read', '2026-03-01T10:32:00Z', who.bob, S, 'DescribeCases', { requestParameters: { caseIdList: [] }, sourceIPAddress: '203.0.113.9' }),
      ev('maria-open', '2026-03-01T11:00:00Z', who.maria, S, 'CreateCase', {
        requestParameters: { subject: 'quota', severityCode: 'low', serviceCode: 'ec2', categoryCode: 'other', language: 'en' },
        responseElements: { caseId: CASE_Y },
      }),
      ev('maria-slack', '2026-03-01T11:05:00Z', who.maria, 'supportapp.amazonaws.com', 'CreateSlackChannelConfiguration', {
        requestParameters: { teamId: 'T0123', channelId: 'C0456', channelRoleArn: `arn:aws:iam::${A}:role/SupportApp` },
      }),
      ev('mallory-slack', '2026-03-01T11:06:00Z', who.mallory, 'supportapp.amazonaws.com', 'CreateSlackChannelConfiguration', {
        errorCode: 'AccessDeniedException',
        errorMessage: 'not authorized',
      }),
      ev('alice-key', '2026-03-01T11:10:00Z', who.alice, 'iam.amazonaws.com', 'CreateAccessKey', { requestParameters: { userName: 'alice' } }),
      ev('alice-list', '2026-03-01T11:11:00Z', who.alice, 'iam.amazonaws.com', 'ListUsers'),
      ev('ec2-1', '2026-03-01T11:12:00Z', who.alice, 'ec2.amazonaws.com', 'DescribeInstances'),
      ev('ec2-2', '2026-03-01T11:13:00Z', who.bob, 'ec2.amazonaws.com', 'DescribeInstances'),
    ],
    'AWSLogs/111122223333/CloudTrail/us-east-1/2026/03/02/b.json': [
      ev('root-resolve', '2026-03-02T09:00:00Z', who.root, S, 'ResolveCase', { ...onCase(CASE_X), sourceIPAddress: '198.51.100.30' }),
      ev('root-plan', '2026-03-02T09:05:00Z', who.root, 'support-subscription.amazonaws.com', 'UpdateSupportLevel', {
        requestParameters: { supportLevel: 'business' },
        sourceIPAddress: '198.51.100.30',
      }),
      ev('alice-read', '2026-03-02T09:30:00Z', who.alice, S, 'DescribeCases', {
        requestParameters: { caseIdList: [CASE_X] },
        sourceIPAddress: '198.51.100.20',
      }),
      ev('partner-read', '2026-03-02T09:40:00Z', who.partner, S, 'DescribeCases', { ...onCase(CASE_X), recipientAccountId: A }),
      ...burst,
      ...slow,
      ev('ec2-3', '2026-03-02T14:00:00Z', who.eve, 'ec2.amazonaws.com', 'RunInstances'),
    ],
  };
}

export const CUSTOM_OUTSIDE_ID = '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d';
export const CUSTOM_KEY_ID = '7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910';

/** Two custom rules: Support calls from outside the corporate network (cidr and not), and IAM access keys created (outside Support). */
export const CUSTOM_RULES: Record<string, string> = {
  'outside.yml': `title: Support call from outside the corporate network
id: ${CUSTOM_OUTSIDE_ID}
logsource: { product: aws, service: cloudtrail }
detection:
  selection:
    eventSource: support.amazonaws.com
  corporate:
    sourceIPAddress|cidr:
      - 198.51.100.0/24
      - 2001:db8::/32
  service:
    userIdentity.type: AWSService
  condition: selection and not (corporate or service)
level: low
`,
  'iam/key.yaml': `title: IAM access key created
id: ${CUSTOM_KEY_ID}
logsource: { product: aws, service: cloudtrail }
detection:
  selection:
    eventSource: iam.amazonaws.com
    eventName: CreateAccessKey
  condition: selection
level: low
`,
};

/** Writes the story archive and the custom rules; returns their folders. */
export function writeStories(order: 'forward' | 'reverse' = 'forward'): { archive: string; rules: string } {
  const root = tempDir('cts-findings-');
  const files = Object.entries(storyFiles());
  for (const [rel, records] of order === 'forward' ? files : files.reverse()) put(root, `archive/${rel}`, trailFile(records));
  for (const [rel, text] of Object.entries(CUSTOM_RULES)) put(root, `rules/${rel}`, text);
  return { archive: `${root}/archive`, rules: `${root}/rules` };
}
