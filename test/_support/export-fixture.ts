/** A small archive for the export tests: two accounts, two regions, two days, and awkward values. */
import { ec2Record, gz, put, record, tempDir, trailFile } from './helpers.ts';

const key = (account: string, region: string, day: string, unique: string) =>
  `AWSLogs/${account}/CloudTrail/${region}/2026/01/${day}/${account}_CloudTrail_${region}_202601${day}T2355Z_${unique}.json.gz`;

export const NON_ASCII = 'Mozilla/5.0 — naïve 日本語 🚀';

const role = (account: string) => ({
  type: 'AssumedRole',
  principalId: 'AROAEXAMPLE:alice',
  arn: `arn:aws:sts::${account}:assumed-role/SupportOps/alice`,
  accountId: account,
  sessionContext: { sessionIssuer: { type: 'Role', userName: 'SupportOps' }, attributes: { mfaAuthenticated: 'false' } },
});

/** The Support records of the fixture, in discovery order (path order, then index). */
export function exportFixture() {
  const root = tempDir('cts-export-');
  const a1 = record({ eventID: 'e-1', eventTime: '2026-01-05T10:15:00Z', userAgent: NON_ASCII });
  const a2 = record({
    eventID: 'e-2',
    eventTime: '2026-01-05T23:59:59Z',
    eventName: 'ResolveCase',
    errorCode: 'AccessDenied',
    errorMessage: '',
    requestParameters: { caseId: 'case-1' },
    responseElements: null,
    userIdentity: { type: 'IAMUser', principalId: 'AIDAX', arn: 'arn:aws:iam::111122223333:user/bob', accountId: '111122223333', userName: 'bob' },
  });
  // Delivered in the 01/05 folder, but the event happened on 01/06: the date partition follows eventTime.
  const a3 = record({
    eventID: 'e-3',
    eventTime: '2026-01-06T00:00:01Z',
    eventName: 'DescribeCases',
    readOnly: true,
    requestParameters: null,
    responseElements: null,
  });
  const b1 = record({
    eventID: 'e-4',
    eventTime: '2026-01-06T08:00:00Z',
    eventName: 'DescribeCases',
    awsRegion: 'eu-west-1',
    recipientAccountId: '012345678901',
    userIdentity: role('012345678901'),
    requestParameters: null,
    responseElements: null,
  });
  put(root, key('012345678901', 'eu-west-1', '06', 'b'), gz(trailFile([ec2Record({ awsRegion: 'eu-west-1' }), b1])));
  put(root, key('111122223333', 'us-east-1', '05', 'a'), gz(trailFile([a1, ec2Record(), a2, a3])));
  return { root, records: [b1, a1, a2, a3], indexes: [1, 0, 2, 3] };
}
