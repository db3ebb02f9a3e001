import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { caseIdOf, mfaOf, principalOf, sourcesFor, toSupportRow } from '../../src/rows/support-row.ts';
import { toLogFile } from '../../src/read/discover.ts';
import { record } from '../_support/helpers.ts';

const withIdentity = (userIdentity: unknown) => record({ userIdentity });

test('principalOf() names each identity type the way an auditor reads it', () => {
  assert.is(principalOf(withIdentity({ type: 'Root', arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333' })), 'root');
  assert.is(principalOf(withIdentity({ type: 'IAMUser', userName: 'janedoe', arn: 'arn:aws:iam::1:user/janedoe' })), 'janedoe');
  assert.is(
    principalOf(
      withIdentity({
        type: 'AssumedRole',
        principalId: 'AROAEXAMPLE:alice@example.com',
        arn: 'arn:aws:sts::1:assumed-role/Admin/alice@example.com',
        sessionContext: { sessionIssuer: { type: 'Role', userName: 'Admin' } },
      }),
    ),
    'Admin/alice@example.com',
  );
  // AWS's own Support App example has an assumed-role ARN without a session name
  assert.is(
    principalOf(
      withIdentity({
        type: 'AssumedRole',
        principalId: 'AIDACKCEVSQ6C2EXAMPLE:AWSSupportAppRole',
        arn: 'arn:aws:sts::1:assumed-role/AWSSupportAppRole',
        sessionContext: { sessionIssuer: { userName: 'AWSSupportAppRole' } },
      }),
    ),
    'AWSSupportAppRole',
  );
  assert.is(principalOf(withIdentity({ type: 'AWSService', invokedBy: 'trustedadvisor.amazonaws.com' })), 'trustedadvisor.amazonaws.com');
  assert.is(principalOf(withIdentity({ type: 'AWSAccount', accountId: '444455556666', principalId: 'AIDA:x' })), '444455556666');
  assert.is(principalOf(withIdentity({ type: 'IdentityCenterUser', onBehalfOf: { userId: 'u-123', identityStoreArn: 'arn' }, credentialId: 'c' })), 'u-123');
  assert.is(principalOf(withIdentity({ type: 'SAMLUser', userName: 'jane@corp', principalId: 'p' })), 'jane@corp');
  assert.is(principalOf(withIdentity({ type: 'Unknown', principalId: 'ANONYMOUS_PRINCIPAL' })), 'ANONYMOUS_PRINCIPAL');
  // supportauthz service events have no userIdentity.type
  assert.is(
    principalOf(record({ eventSource: 'supportauthz.amazonaws.com', userIdentity: { accountId: '1', invokedBy: 'support.amazonaws.com' } })),
    'support.amazonaws.com',
  );
  assert.is(principalOf(record({ eventSource: 'supportauthz.amazonaws.com', userIdentity: undefined })), 'service:supportauthz.amazonaws.com');
});

test('mfaOf() reads the string "true"/"false" CloudTrail uses, and null when absent', () => {
  assert.is(mfaOf(withIdentity({ type: 'IAMUser', sessionContext: { attributes: { mfaAuthenticated: 'true' } } })), true);
  assert.is(mfaOf(withIdentity({ type: 'IAMUser', sessionContext: { attributes: { mfaAuthenticated: 'false' } } })), false);
  assert.is(mfaOf(withIdentity({ type: 'IAMUser' })), null);
});

test('caseIdOf() finds the case in the request, the response or a one-item caseIdList', () => {
  assert.is(caseIdOf(record({ requestParameters: { caseId: 'case-a' }, responseElements: null })), 'case-a');
  assert.is(caseIdOf(record({ requestParameters: {}, responseElements: { caseId: 'case-b' } })), 'case-b');
  assert.is(caseIdOf(record({ requestParameters: { caseIdList: ['case-c', 'case-d'] }, responseElements: null })), 'case-c,case-d');
  assert.is(caseIdOf(record({ requestParameters: null, responseElements: null })), null);
});

test('sourcesFor() keeps only the Support API with "api" (and its old name "support") and all seven sources with "all"', () => {
  assert.equal([...sourcesFor('api')], ['support.amazonaws.com']);
  assert.is(sourcesFor('support'), sourcesFor('api'));
  assert.is(sourcesFor('all').size, 7);
  assert.ok(sourcesFor('all').has('supportauthz.amazonaws.com'));
});

test('toSupportRow() flattens a CreateCase record', () => {
  const file = toLogFile('AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/111122223333_CloudTrail_us-east-1_20260105T1020Z_a.json.gz', 10);
  const rec = record({ eventID: 'ev-1', requestID: 'rq-1', responseElements: { caseId: 'case-1' }, errorCode: 'AccessDenied', errorMessage: 'no' });
  assert.equal(toSupportRow(rec, file, 3), {
    eventTime: '2026-01-05T10:15:00Z',
    eventSource: 'support.amazonaws.com',
    eventName: 'CreateCase',
    category: 'case-management',
    account: '111122223333',
    region: 'us-east-1',
    identityType: 'IAMUser',
    principal: 'janedoe',
    credentialClass: 'root-or-iam-user',
    role: null,
    session: null,
    invokedBy: null,
    sourceIdentity: null,
    callerAccount: '111122223333',
    arn: 'arn:aws:iam::111122223333:user/janedoe',
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    mfa: true,
    sourceIPAddress: '198.51.100.15',
    userAgent: 'aws-cli/2.15.0',
    readOnly: false,
    errorCode: 'AccessDenied',
    errorMessage: 'no',
    caseId: 'case-1',
    severityCode: 'low',
    serviceCode: 'general-info',
    categoryCode: 'other',
    issueType: 'technical',
    eventID: 'ev-1',
    requestID: 'rq-1',
    file: file.path,
    index: 3,
    inputShape: 'trail-file',
    archivePath: null,
    partial: false,
    raw: JSON.stringify(rec),
  });
});

test('toSupportRow() carries where the record came from: shape, archive entry, partial', () => {
  const file = toLogFile('evidence/handover.zip', 10);
  const row = toSupportRow(record(), file, 7, undefined, { inputShape: 'lookup-events', archivePath: 'exports/page1.json', partial: false });
  assert.equal([row.file, row.archivePath, row.index, row.inputShape, row.partial], ['evidence/handover.zip', 'exports/page1.json', 7, 'lookup-events', false]);
});

test('principalOf() names the user of a partial record that has only a user name', () => {
  assert.is(principalOf({ eventSource: 'support.amazonaws.com', eventName: 'CreateCase', userIdentity: { userName: 'janedoe' } }), 'janedoe');
});

test.run();
