/**
 * Every AWS Support event source, labelled and attributed, with records shaped like AWS's own
 * examples: the AWS Support User Guide files in ../shared/realdata, and, for the sources it has
 * no file for, records built here after the pages cited beside them.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { categoryOf, SUPPORT_CATEGORIES } from '../../src/rows/category.ts';
import { ALL_SUPPORT_SOURCES, toSupportRow } from '../../src/rows/support-row.ts';
import { validateRecord, validateSupportRecord } from '../../src/validate/schemas.ts';
import { toLogFile } from '../../src/read/discover.ts';
import { buildReports } from '../../src/reports/partial.ts';
import type { SupportRow } from '../../src/types.ts';
import { REALDATA, record, supportAuthzEvent } from '../_support/helpers.ts';

const DOCS = join(REALDATA, 'awsdocs-support-user-guide');
const FILE = toLogFile('docs.json', 1);

/** A record through the same gates as `report`: record schema, Support schema, then the row. */
function rowOf(rec: Record<string, unknown>, index = 0): SupportRow {
  assert.equal([...validateRecord(rec), ...validateSupportRecord(rec)], [], String(rec.eventName));
  return toSupportRow(rec, FILE, index);
}

const pick = (
  row: SupportRow,
) => [row.category, row.identityType, row.credentialClass, row.principal, row.role, row.session, row.mfa, row.invokedBy, row.sourceIdentity];

test('categoryOf() labels every Support source, and Trusted Advisor calls of the Support API', () => {
  const labels = ALL_SUPPORT_SOURCES.map((s) => categoryOf(s, 'AnyCall'));
  assert.equal(labels, ['case-management', 'support-app', 'support-plans', 'trusted-advisor', 'support-console', 'support-authorization', 'support-plans']);
  assert.is(categoryOf('support.amazonaws.com', 'RefreshTrustedAdvisorCheck'), 'trusted-advisor');
  assert.is(categoryOf('support.amazonaws.com', 'DescribeTrustedAdvisorCheckResult'), 'trusted-advisor');
  assert.is(categoryOf('support.amazonaws.com', 'DescribeCases'), 'case-management');
  assert.is(categoryOf('ec2.amazonaws.com', 'DescribeInstances'), 'other');
  for (const label of labels) assert.ok(SUPPORT_CATEGORIES.includes(label), label);
});

const adminRole = {
  type: 'AssumedRole',
  principalId: 'AROAEXAMPLEID:JaneDoe',
  arn: 'arn:aws:sts::111122223333:assumed-role/Administrator/JaneDoe',
  accountId: '111122223333',
  accessKeyId: 'ASIAEXAMPLE',
  sessionContext: {
    sessionIssuer: {
      type: 'Role',
      principalId: 'AROAEXAMPLEID',
      arn: 'arn:aws:iam::111122223333:role/Administrator',
      accountId: '111122223333',
      userName: 'Administrator',
    },
    webIdFederationData: {},
    attributes: { creationDate: '2026-01-05T10:00:00Z', mfaAuthenticated: 'true' },
  },
};

test('supportauthz service events: no userIdentity.type and no requestID, attributed to the service', () => {
  const row = rowOf(supportAuthzEvent());
  assert.equal(pick(row), ['support-authorization', null, 'aws-service', 'supportauthz.amazonaws.com', null, null, null, 'supportauthz.amazonaws.com', null]);
  assert.is(row.requestID, null);
  assert.is(row.callerAccount, '111122223333');
});

test('support-console calls (Support Center console) are labelled support-console', () => {
  // Shaped like the console-made calls of the user guide examples: an assumed-role console session.
  const row = rowOf(
    record({
      eventSource: 'support-console.amazonaws.com',
      eventName: 'GetCaseDraft',
      userIdentity: adminRole,
      userAgent: 'Mozilla/5.0',
      requestParameters: null,
      responseElements: null,
      readOnly: true,
    }),
  );
  assert.equal(pick(row), ['support-console', 'AssumedRole', 'temporary-credentials', 'Administrator/JaneDoe', 'Administrator', 'JaneDoe', true, null, null]);
});

test('re:Post Private calls carry sessionContext.sourceIdentity: the person behind the shared role', () => {
  // re:Post Private calls the Support API with the role you give it
  // (https://docs.aws.amazon.com/repostprivate/latest/caguide/repost-manage-permissions.html);
  // the user is the STS source identity (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html).
  const identity = structuredClone(adminRole) as typeof adminRole & { invokedBy?: string; sessionContext: { sourceIdentity?: string } };
  identity.principalId = 'AROAEXAMPLEID:repost-session';
  identity.arn = 'arn:aws:sts::111122223333:assumed-role/RePostPrivateSupportRole/repost-session';
  identity.sessionContext.sessionIssuer.userName = 'RePostPrivateSupportRole';
  identity.sessionContext.sourceIdentity = 'maria.garcia';
  identity.invokedBy = 'repostspace.amazonaws.com';
  const row = rowOf(record({ userIdentity: identity, sourceIPAddress: 'repostspace.amazonaws.com', userAgent: 'repostspace.amazonaws.com' }));
  assert.equal(pick(row), [
    'case-management',
    'AssumedRole',
    'temporary-credentials',
    'RePostPrivateSupportRole/repost-session',
    'RePostPrivateSupportRole',
    'repost-session',
    true,
    'repostspace.amazonaws.com',
    'maria.garcia',
  ]);
});

if (!existsSync(DOCS)) {
  console.log(`sources.test.ts: skipping the AWS documentation examples, ${DOCS} does not exist`);
} else {
  const docRecord = (name: string): Record<string, unknown> => {
    const doc = JSON.parse(readFileSync(join(DOCS, name), 'utf8'));
    return Array.isArray(doc.Records) ? doc.Records[0] : doc;
  };
  const EXAMPLES: [string, unknown[]][] = [
    ['logging-using-cloudtrail.example0.support.CreateCase.json', [
      'case-management',
      'IAMUser',
      'root-or-iam-user',
      'janedoe',
      null,
      null,
      false,
      'signin.amazonaws.com',
      null,
    ]],
    ['logging-using-cloudtrail.example1.support.RefreshTrustedAdvisorCheck.json', [
      'trusted-advisor',
      'IAMUser',
      'root-or-iam-user',
      'Admin',
      null,
      null,
      null,
      null,
      null,
    ]],
    ['logging-using-cloudtrail-for-aws-trusted-advisor.example0.trustedadvisor.RefreshCheck.json', [
      'trusted-advisor',
      'IAMUser',
      'root-or-iam-user',
      'janedoe',
      null,
      null,
      false,
      null,
      null,
    ]],
    ['logging-using-cloudtrail-for-aws-trusted-advisor.example1.trustedadvisor.UpdateNotificationPreferences.json', [
      'trusted-advisor',
      'IAMUser',
      'root-or-iam-user',
      'janedoe',
      null,
      null,
      false,
      null,
      null,
    ]],
    ['logging-using-cloudtrail-for-aws-trusted-advisor.example2.trustedadvisor.GenerateReport.json', [
      'trusted-advisor',
      'IAMUser',
      'root-or-iam-user',
      'janedoe',
      null,
      null,
      false,
      null,
      null,
    ]],
    ['logging-using-cloudtrail-support-app.example0.supportapp.CreateSlackChannelConfiguration.json', [
      'support-app',
      'AssumedRole',
      'temporary-credentials',
      'Administrator/JaneDoe',
      'Administrator',
      'JaneDoe',
      false,
      null,
      null,
    ]],
    // AWS's example ARN has no session segment: the session comes from principalId.
    ['logging-using-cloudtrail-support-app.example1.supportapp.ListSlackChannelConfigurations.json', [
      'support-app',
      'AssumedRole',
      'temporary-credentials',
      'AWSSupportAppRole',
      'AWSSupportAppRole',
      'AWSSupportAppRole',
      false,
      null,
      null,
    ]],
    ['logging-using-cloudtrail-support-app.example2.supportapp.GetAccountAlias.json', [
      'support-app',
      'AssumedRole',
      'temporary-credentials',
      'AWSSupportAppRole/devdsk',
      'AWSSupportAppRole',
      'devdsk',
      false,
      null,
      null,
    ]],
    // principalId without a session: the session is the ARN's last segment.
    ['logging-using-cloudtrail-support-plans.example0.supportplans.GetSupportPlan.json', [
      'support-plans',
      'AssumedRole',
      'temporary-credentials',
      'Admin/janedoe',
      'Admin',
      'janedoe',
      false,
      null,
      null,
    ]],
    ['logging-using-cloudtrail-support-plans.example1.supportplans.GetSupportPlanUpdateStatus.json', [
      'support-plans',
      'AssumedRole',
      'temporary-credentials',
      'Admin/janedoe',
      'Admin',
      'janedoe',
      false,
      null,
      null,
    ]],
    ['logging-using-cloudtrail-support-plans.example2.supportplans.StartSupportPlanUpdate.json', [
      'support-plans',
      'AssumedRole',
      'temporary-credentials',
      'Admin/janedoe',
      'Admin',
      'janedoe',
      false,
      null,
      null,
    ]],
    ['logging-using-cloudtrail-support-plans.example3.support-subscription.DescribeSupportLevelSummary.json', [
      'support-plans',
      'Root',
      'root-or-iam-user',
      'root',
      null,
      null,
      false,
      null,
      null,
    ]],
    // No sessionContext at all: MFA unknown, not false.
    ['logging-using-cloudtrail-support-plans.example4.support-subscription.UpdateProbationAutoCancellation.json', [
      'support-plans',
      'Root',
      'root-or-iam-user',
      'root',
      null,
      null,
      null,
      null,
      null,
    ]],
    ['logging-using-cloudtrail-support-plans.example5.support-subscription.UpdateSupportLevel.json', [
      'support-plans',
      'Root',
      'root-or-iam-user',
      'root',
      null,
      null,
      false,
      null,
      null,
    ]],
  ];

  test('every AWS documentation example: category, identity, credentials, role/session, MFA (a string in CloudTrail)', () => {
    for (const [name, expected] of EXAMPLES) assert.equal(pick(rowOf(docRecord(name))), expected, name);
  });

  test('the reports over all sources: Trusted Advisor apart from cases, the three credential questions, the documented case', () => {
    const rows = [...EXAMPLES.map(([name], i) => rowOf(docRecord(name), i)), rowOf(supportAuthzEvent(), 99)];
    const reports = buildReports(rows, ['trustedAdvisor', 'credentials', 'cases']);
    const ta = [...reports.get('trustedAdvisor')!.rows].map((r) => [r.eventSource, r.eventName, r.principal, r.checks]);
    assert.equal(ta, [
      ['support.amazonaws.com', 'RefreshTrustedAdvisorCheck', 'Admin', 'Pfx0RwqBli'],
      ['trustedadvisor.amazonaws.com', 'GenerateReport', 'janedoe', ''],
      ['trustedadvisor.amazonaws.com', 'RefreshCheck', 'janedoe', 'R365s2Qddf'],
      ['trustedadvisor.amazonaws.com', 'UpdateNotificationPreferences', 'janedoe', ''],
    ]);
    const credentials = [...reports.get('credentials')!.rows].map((r) => [r.credentialClass, r.count, r.identityTypes, r.principals]);
    assert.equal(credentials, [
      ['root-or-iam-user', 8, 'IAMUser Root', 'Admin janedoe root'],
      ['temporary-credentials', 6, 'AssumedRole', 'AWSSupportAppRole AWSSupportAppRole/devdsk Admin/janedoe Administrator/JaneDoe'],
      ['aws-service', 1, '', 'supportauthz.amazonaws.com'],
      ['other-account', 0, '', ''],
      ['unknown', 0, '', ''],
    ]);
    const cases = [...reports.get('cases')!.rows].map((
      r,
    ) => [r.caseId, r.createdInWindow, r.status, r.openedBy, r.openedByMfa, r.serviceCode, r.language, r.flags]);
    assert.equal(cases, [['case-111122223333-muen-2016-c3f2077e504940f2', true, 'open', 'janedoe', false, 'support-api', 'en', ['without-mfa']]]);
  });
}

test.run();
