/** The case flags that judge who acted: root in any role on a case, MFA only where CloudTrail can say it. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildCases } from '../../src/cases/build-cases.ts';
import { toLogFile } from '../../src/read/discover.ts';
import { toSupportRow } from '../../src/rows/support-row.ts';
import { record } from '../_support/helpers.ts';

const FILE = toLogFile('flags.json', 1);
const ID = 'case-111122223333-muen-2026-0123456789abcdef';
const mfa = (value: string) => ({ attributes: { mfaAuthenticated: value, creationDate: '2026-01-05T08:00:00Z' } });

const ROOT = { type: 'Root', principalId: '111122223333', arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333', sessionContext: mfa('true') };
const IAM_NO_MFA = { type: 'IAMUser', principalId: 'AIDAX', arn: 'arn:aws:iam::111122223333:user/bob', accountId: '111122223333', userName: 'bob' };
const SSO = {
  type: 'AssumedRole',
  principalId: 'AROAX:maria.garcia@example.com',
  arn: 'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_AdministratorAccess_bb5001e09c1bf108/maria.garcia@example.com',
  accountId: '111122223333',
  sessionContext: {
    sessionIssuer: { type: 'Role', userName: 'AWSReservedSSO_AdministratorAccess_bb5001e09c1bf108', accountId: '111122223333' },
    ...mfa('false'),
  },
};
const SAML = { type: 'SAMLUser', principalId: 'x:carol', userName: 'carol', accountId: '111122223333', sessionContext: mfa('false') };
const WEB = { type: 'WebIdentityUser', principalId: 'accounts.google.com:app:dave', userName: 'dave', accountId: '111122223333', sessionContext: mfa('false') };

const open = (who: object, at = '10:00:00') =>
  record({ eventID: `o-${at}`, eventTime: `2026-01-05T${at}Z`, userIdentity: who, responseElements: { caseId: ID } });
const callOn = (who: object, name: string, at: string, extra: Record<string, unknown> = {}) =>
  record({
    eventID: `${name}-${at}`,
    eventTime: `2026-01-05T${at}Z`,
    userIdentity: who,
    eventName: name,
    requestParameters: name === 'DescribeCases' ? { caseIdList: [ID] } : { caseId: ID },
    responseElements: null,
    ...extra,
  });
const flagsOf = (records: Record<string, unknown>[]) => buildCases(records.map((r, i) => toSupportRow(r, FILE, i)))[0].flags;

test('root answering a case raises answered-by-root; root reading it raises read-by-root', () => {
  assert.equal(flagsOf([open(SSO), callOn(ROOT, 'AddCommunicationToCase', '11:00:00')]), ['answered-by-root', 'mfa-not-recorded']);
  assert.equal(flagsOf([open(SSO), callOn(ROOT, 'DescribeCommunications', '11:00:00')]), ['read-by-root', 'mfa-not-recorded']);
  assert.equal(flagsOf([open(SSO), callOn(ROOT, 'DescribeCases', '11:00:00')]), ['read-by-root', 'mfa-not-recorded']);
  assert.equal(flagsOf([open(ROOT), callOn(ROOT, 'ResolveCase', '11:00:00')]), ['opened-by-root', 'resolved-by-root']);
});

test('a denied read by root is an error, not a root read', () => {
  const denied = callOn(ROOT, 'DescribeCommunications', '11:00:00', { errorCode: 'AccessDenied', errorMessage: 'no' });
  assert.equal(flagsOf([open(SSO), denied]), ['mfa-not-recorded', 'errors']);
});

test('without-mfa is for an IAM user (or root) without MFA; an Identity Center, SAML or web-identity session gets mfa-not-recorded', () => {
  assert.equal(flagsOf([open(IAM_NO_MFA)]), ['without-mfa']);
  assert.equal(flagsOf([open({ ...ROOT, sessionContext: mfa('false') })]), ['opened-by-root', 'without-mfa']);
  for (const who of [SSO, SAML, WEB]) assert.equal(flagsOf([open(who)]), ['mfa-not-recorded'], (who as { type: string }).type);
  assert.equal(flagsOf([open(SSO), callOn(IAM_NO_MFA, 'ResolveCase', '12:00:00')]), ['without-mfa', 'mfa-not-recorded']);
});

test('a service or another account carries no MFA context: neither MFA flag', () => {
  const partner = { type: 'AWSAccount', principalId: 'AROAPARTNER:audit', accountId: '444455556666' };
  assert.equal(flagsOf([open({ ...IAM_NO_MFA, sessionContext: mfa('true') }), callOn(partner, 'ResolveCase', '12:00:00')]), ['multi-account']);
});

test.run();
