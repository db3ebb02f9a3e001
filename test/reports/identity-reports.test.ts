/** The identity tables of `report` over the case stories: who did what, when, from where. Every column. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toLogFile } from '../../src/read/discover.ts';
import type { ReportTable } from '../../src/reports/index.ts';
import { buildReports } from '../../src/reports/partial.ts';
import { toSupportRow } from '../../src/rows/support-row.ts';
import type { SupportRow } from '../../src/types.ts';
import { ACCOUNT, PARTNER, storyRecords } from '../_support/case-stories.ts';
import { record } from '../_support/helpers.ts';

const FILE = toLogFile('stories.json', 1);
const reports = () => buildReports(storyRecords().map((r, i) => toSupportRow(r, FILE, i)), ['principals', 'credentials', 'denied']);
const base = { callerAccount: ACCOUNT, role: null, session: null, invokedBy: '', sourceIdentities: '', categories: 'case-management', accounts: ACCOUNT };

test('principals: one row per principal with identity type, role and session, actions, IPs, MFA and errors', () => {
  assert.equal(reports().get('principals')!.rows, [
    {
      ...base,
      identityType: 'IAMUser',
      principal: 'janedoe',
      credentialClass: 'root-or-iam-user',
      count: 8,
      errors: 2,
      errorCodes: 'AccessDenied CaseIdNotFound',
      actions: 'AddCommunicationToCase CreateCase DescribeCases DescribeCommunications DescribeServices ResolveCase',
      sourceIPs: '198.51.100.15',
      userAgents: 'aws-cli/2.15.0',
      regions: 'eu-west-1 us-east-1',
      mfa: 'true',
      firstSeen: '2026-01-05T09:00:00Z',
      lastSeen: '2026-01-05T13:00:00Z',
    },
    {
      ...base,
      identityType: 'AssumedRole',
      principal: 'SupportOps/jdoe',
      credentialClass: 'temporary-credentials',
      role: 'SupportOps',
      session: 'jdoe',
      count: 5,
      errors: 0,
      errorCodes: '',
      actions: 'AddAttachmentsToSet AddCommunicationToCase CreateCase DescribeSeverityLevels',
      sourceIPs: '203.0.113.7 203.0.113.99',
      userAgents: 'Boto3/1.34.144',
      regions: 'us-east-1 us-west-2',
      mfa: 'false',
      firstSeen: '2026-01-05T09:30:00Z',
      lastSeen: '2026-01-05T12:00:00Z',
    },
    {
      ...base,
      callerAccount: PARTNER,
      identityType: 'AWSAccount',
      principal: PARTNER,
      credentialClass: 'other-account',
      count: 1,
      errors: 0,
      errorCodes: '',
      actions: 'DescribeCases',
      sourceIPs: '192.0.2.44',
      userAgents: 'Boto3/1.34.144',
      regions: 'us-east-1',
      mfa: 'absent',
      firstSeen: '2026-01-05T11:15:00Z',
      lastSeen: '2026-01-05T11:15:00Z',
    },
    {
      ...base,
      identityType: 'IAMUser',
      principal: 'intern',
      credentialClass: 'root-or-iam-user',
      count: 1,
      errors: 1,
      errorCodes: 'AccessDenied',
      actions: 'CreateCase',
      sourceIPs: '198.51.100.200',
      userAgents: 'aws-cli/2.15.0',
      regions: 'us-east-1',
      mfa: 'absent',
      firstSeen: '2026-01-05T10:10:00Z',
      lastSeen: '2026-01-05T10:10:00Z',
    },
    {
      ...base,
      identityType: 'Root',
      principal: 'root',
      credentialClass: 'root-or-iam-user',
      count: 1,
      errors: 0,
      errorCodes: '',
      actions: 'ResolveCase',
      sourceIPs: '192.0.2.1',
      userAgents: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
      regions: 'us-east-1',
      mfa: 'true',
      firstSeen: '2026-01-06T10:00:00Z',
      lastSeen: '2026-01-06T10:00:00Z',
    },
  ]);
});

test('credentials: the three questions always as rows, with counts and principals', () => {
  assert.equal(reports().get('credentials')!.rows, [
    {
      credentialClass: 'root-or-iam-user',
      question: 'made with root or IAM user credentials',
      count: 10,
      errors: 3,
      identityTypes: 'IAMUser Root',
      principalCount: 3,
      principals: 'intern janedoe root',
      firstSeen: '2026-01-05T09:00:00Z',
      lastSeen: '2026-01-06T10:00:00Z',
    },
    {
      credentialClass: 'temporary-credentials',
      question: 'made with temporary security credentials for a role or federated user',
      count: 5,
      errors: 0,
      identityTypes: 'AssumedRole',
      principalCount: 1,
      principals: 'SupportOps/jdoe',
      firstSeen: '2026-01-05T09:30:00Z',
      lastSeen: '2026-01-05T12:00:00Z',
    },
    {
      credentialClass: 'aws-service',
      question: 'made by another AWS service',
      count: 0,
      errors: 0,
      identityTypes: '',
      principalCount: 0,
      principals: '',
      firstSeen: null,
      lastSeen: null,
    },
    {
      credentialClass: 'other-account',
      question: 'made from another AWS account (its credentials are not logged here)',
      count: 1,
      errors: 0,
      identityTypes: 'AWSAccount',
      principalCount: 1,
      principals: PARTNER,
      firstSeen: '2026-01-05T11:15:00Z',
      lastSeen: '2026-01-05T11:15:00Z',
    },
    {
      credentialClass: 'unknown',
      question: 'identity not recorded or unknown',
      count: 0,
      errors: 0,
      identityTypes: '',
      principalCount: 0,
      principals: '',
      firstSeen: null,
      lastSeen: null,
    },
  ]);
});

test('denied: failed calls by principal and error code, denials told apart from other failures', () => {
  const common = { callerAccount: ACCOUNT, identityType: 'IAMUser', count: 1, accounts: ACCOUNT };
  assert.equal(reports().get('denied')!.rows, [
    {
      ...common,
      principal: 'intern',
      errorCode: 'AccessDenied',
      denied: true,
      actions: 'CreateCase',
      sourceIPs: '198.51.100.200',
      firstSeen: '2026-01-05T10:10:00Z',
      lastSeen: '2026-01-05T10:10:00Z',
      sampleMessage: `User: arn:aws:iam::${ACCOUNT}:user/intern is not authorized to perform: support:CreateCase`,
    },
    {
      ...common,
      principal: 'janedoe',
      errorCode: 'AccessDenied',
      denied: true,
      actions: 'DescribeCommunications',
      sourceIPs: '198.51.100.15',
      firstSeen: '2026-01-05T11:20:00Z',
      lastSeen: '2026-01-05T11:20:00Z',
      sampleMessage: 'not authorized to perform: support:DescribeCommunications',
    },
    {
      ...common,
      principal: 'janedoe',
      errorCode: 'CaseIdNotFound',
      denied: false,
      actions: 'DescribeCases',
      sourceIPs: '198.51.100.15',
      firstSeen: '2026-01-05T12:50:00Z',
      lastSeen: '2026-01-05T12:50:00Z',
      sampleMessage: 'Case ID case-111122223333-muen-2026-dddddddddddddddd not found.',
    },
  ]);
});

const user = (account: string) => ({
  type: 'IAMUser',
  principalId: `AIDA${account}`,
  arn: `arn:aws:iam::${account}:user/alice`,
  accountId: account,
  accessKeyId: `AKIA${account}`,
  userName: 'alice',
});
const role = (account: string) => ({
  type: 'AssumedRole',
  principalId: `AROA${account}:jdoe`,
  arn: `arn:aws:sts::${account}:assumed-role/SupportOps/jdoe`,
  accountId: account,
  accessKeyId: `ASIA${account}`,
  sessionContext: {
    sessionIssuer: { type: 'Role', principalId: `AROA${account}`, arn: `arn:aws:iam::${account}:role/SupportOps`, accountId: account, userName: 'SupportOps' },
    attributes: { mfaAuthenticated: 'false', creationDate: '2026-01-05T08:00:00Z' },
  },
});
const service = { type: 'AWSService', invokedBy: 'support.amazonaws.com' };

/**
 * The same names in two accounts: IAM user alice and role session SupportOps/jdoe exist in ACCOUNT
 * and in PARTNER (PARTNER's alice also calls into ACCOUNT), plus a service call with no caller
 * account. Each is its own principal, in every report that counts principals.
 */
function sameNameRows(): SupportRow[] {
  const calls: [Record<string, unknown>, string, string, string][] = [
    // who, recipient account, day and time, action
    [user(ACCOUNT), ACCOUNT, '05T09:00:00', 'CreateCase'],
    [user(PARTNER), PARTNER, '05T09:10:00', 'CreateCase'],
    [user(PARTNER), ACCOUNT, '05T09:20:00', 'DescribeCases'],
    [user(ACCOUNT), ACCOUNT, '05T09:30:00', 'DescribeCases'],
    [role(ACCOUNT), ACCOUNT, '05T10:00:00', 'CreateCase'],
    [role(PARTNER), PARTNER, '05T10:10:00', 'CreateCase'],
    [role(PARTNER), PARTNER, '06T10:00:00', 'DescribeCases'],
    [role(ACCOUNT), ACCOUNT, '06T10:10:00', 'DescribeCases'],
    [user(ACCOUNT), ACCOUNT, '06T11:00:00', 'DescribeCases'],
    [service, ACCOUNT, '06T12:00:00', 'DescribeCases'],
  ];
  return calls.map(([who, recipient, at, name], i) =>
    toSupportRow(
      record({
        userIdentity: who,
        recipientAccountId: recipient,
        eventTime: `2026-01-${at}Z`,
        eventName: name,
        ...(name === 'CreateCase' ? {} : { requestParameters: {}, responseElements: null }),
      }),
      FILE,
      i,
    )
  );
}

/** How many rows the principals report has over the rows a report row covers. */
const principalRows = (rows: SupportRow[], covered: (r: SupportRow) => boolean) =>
  buildReports(rows.filter(covered), ['principals']).get('principals')!.rows.length;

test('principal counts: the same name in two accounts is two principals, as in the principals report', () => {
  const rows = sameNameRows();
  const built = buildReports(rows, ['principals', 'actions', 'credentials', 'accounts', 'days', 'activity']);
  const principals = [...built.get('principals')!.rows];
  assert.equal(
    principals.map((r) => [r.callerAccount, r.principal]).sort(),
    [
      [ACCOUNT, 'SupportOps/jdoe'],
      [ACCOUNT, 'alice'],
      [PARTNER, 'SupportOps/jdoe'],
      [PARTNER, 'alice'],
      [null, 'support.amazonaws.com'],
    ].sort(),
  );

  const days = [...built.get('days')!.rows];
  assert.equal(days.map((r) => [r.day, r.principals]), [['2026-01-05', 4], ['2026-01-06', 4]]);
  for (const d of days) assert.is(d.principals, principalRows(rows, (r) => r.eventTime.startsWith(String(d.day))), String(d.day));
  for (const a of built.get('activity')!.rows) {
    const hour = String(a.hour).slice(0, 13);
    assert.is(a.principals, principalRows(rows, (r) => r.eventTime.startsWith(hour) && r.category === a.category), `${a.hour} ${a.category}`);
  }

  const credentials = [...built.get('credentials')!.rows];
  assert.equal(credentials.map((r) => [r.credentialClass, r.principalCount]), [['root-or-iam-user', 2], ['temporary-credentials', 2], ['aws-service', 1], [
    'other-account',
    0,
  ], ['unknown', 0]]);
  for (const c of credentials) {
    assert.is(c.principalCount, principals.filter((p) => p.credentialClass === c.credentialClass).length, String(c.credentialClass));
    assert.is(c.principalCount, principalRows(rows, (r) => r.credentialClass === c.credentialClass), String(c.credentialClass));
  }

  const actions = [...built.get('actions')!.rows];
  assert.equal(actions.map((r) => [r.eventName, r.principals]), [['DescribeCases', 5], ['CreateCase', 4]]);
  for (const a of actions) {
    assert.is(a.principals, principals.filter((p) => String(p.actions).split(' ').includes(String(a.eventName))).length, String(a.eventName));
    assert.is(
      a.principals,
      principalRows(rows, (r) => r.category === a.category && r.eventSource === a.eventSource && r.eventName === a.eventName),
      String(a.eventName),
    );
  }

  const accounts = [...built.get('accounts')!.rows];
  assert.equal(accounts.map((r) => [r.account, r.region, r.principals]), [[ACCOUNT, 'us-east-1', 4], [PARTNER, 'us-east-1', 2]]);
  for (const a of accounts) assert.is(a.principals, principalRows(rows, (r) => r.account === a.account && r.region === a.region), `${a.account} ${a.region}`);
});

test("the cases report counts a case's principals the same way", () => {
  // One case of ACCOUNT: opened by its alice, answered by PARTNER's alice, read by SupportOps/jdoe.
  const calls: [Record<string, unknown>, string, Record<string, unknown>][] = [
    [user(ACCOUNT), 'CreateCase', { responseElements: { caseId: 'case-7' } }],
    [user(PARTNER), 'AddCommunicationToCase', { requestParameters: { caseId: 'case-7', communicationBody: 'x' }, responseElements: { result: true } }],
    [role(ACCOUNT), 'DescribeCases', { requestParameters: { caseId: 'case-7' }, responseElements: null }],
  ];
  const rows = calls.map(([who, name, fields], i) =>
    toSupportRow(record({ userIdentity: who, recipientAccountId: ACCOUNT, eventTime: `2026-01-05T09:0${i}:00Z`, eventName: name, ...fields }), FILE, i)
  );
  const cases = [...buildReports(rows, ['cases']).get('cases')!.rows];
  assert.equal(cases.map((c) => [c.caseId, c.principals]), [['case-7', 3]], 'alice of two accounts is two principals');
  for (const c of cases) assert.is(c.principals, principalRows(rows, (r) => r.caseId === c.caseId));
});

test('every report with a principal count is checked against the principals report', () => {
  // A new report that counts principals must be added to the tests above.
  const counts = (t: ReportTable) => t.columns.some((c) => /^principal(s|Count)$/.test(c) && typeof [...t.rows][0]?.[c] === 'number');
  const counted = [...buildReports(sameNameRows())].filter(([, t]) => counts(t));
  assert.equal(counted.map(([name]) => name).sort(), ['accounts', 'actions', 'activity', 'cases', 'credentials', 'days']);
});

test('events, firstSeen/lastSeen and the cases report go by instant, not text, and show the recorded times', () => {
  // As text '13:00:00.500Z' < '13:00:00Z' ('.' < 'Z'), so text order put the later call first.
  const call = (id: string, time: string, name: string, fields: Record<string, unknown>) =>
    record({ eventID: id, eventTime: `2026-01-05T${time}Z`, eventName: name, errorCode: 'AccessDenied', errorMessage: 'denied', ...fields });
  const describe = { requestParameters: { caseIdList: ['case-9'] }, responseElements: null };
  const checks = { requestParameters: { checkId: 'Pfx0RwqBli' }, responseElements: null };
  const records = [
    call('e1', '13:00:00.500', 'DescribeCases', describe),
    call('e2', '13:00:00', 'DescribeCases', describe),
    call('e3', '12:59:59.999', 'DescribeCases', describe),
    call('e5', '13:00:01', 'DescribeCases', describe),
    call('e4', '13:00:01.000', 'DescribeCases', describe), // the same instant as e5: eventID decides
    call('t1', '08:00:00.5', 'DescribeTrustedAdvisorCheckResult', checks),
    call('t2', '08:00:00', 'DescribeTrustedAdvisorCheckResult', checks),
  ];
  const rows = records.map((r, i) => toSupportRow(r, FILE, i));
  const built = buildReports([...rows].reverse());

  assert.equal([...built.get('events')!.rows].map((r) => [r.eventID, r.eventTime]), [
    ['t2', '2026-01-05T08:00:00Z'],
    ['t1', '2026-01-05T08:00:00.5Z'],
    ['e3', '2026-01-05T12:59:59.999Z'],
    ['e2', '2026-01-05T13:00:00Z'],
    ['e1', '2026-01-05T13:00:00.500Z'],
    ['e4', '2026-01-05T13:00:01.000Z'],
    ['e5', '2026-01-05T13:00:01Z'],
  ]);

  const seen = (name: string) => [...built.get(name as 'actions')!.rows].filter((r) => r.count !== 0).map((r) => [r.firstSeen, r.lastSeen]);
  const cases = ['2026-01-05T12:59:59.999Z', '2026-01-05T13:00:01Z']; // the max of two texts of one instant is the greater text
  const advisor = ['2026-01-05T08:00:00Z', '2026-01-05T08:00:00.5Z'];
  const all = ['2026-01-05T08:00:00Z', '2026-01-05T13:00:01Z'];
  assert.equal(seen('actions'), [cases, advisor]);
  assert.equal(seen('trustedAdvisor'), [advisor]);
  for (const name of ['principals', 'credentials', 'accounts', 'denied']) assert.equal(seen(name), [all], name);

  // One case whose first call is at 12:59:59.999, another first seen at 08:00:00.5 (its CreateCase).
  const early = toSupportRow(record({ eventID: 'c1', eventTime: '2026-01-05T08:00:00.5Z', responseElements: { caseId: 'case-1' } }), FILE, 99);
  const later = toSupportRow(record({ eventID: 'c2', eventTime: '2026-01-05T08:00:01Z', responseElements: { caseId: 'case-0' } }), FILE, 100);
  assert.equal([...buildReports([...rows, later, early], ['cases']).get('cases')!.rows].map((r) => [r.caseId, r.firstSeen, r.lastSeen]), [
    ['case-1', '2026-01-05T08:00:00.5Z', '2026-01-05T08:00:00.5Z'],
    ['case-0', '2026-01-05T08:00:01Z', '2026-01-05T08:00:01Z'],
    ['case-9', '2026-01-05T12:59:59.999Z', '2026-01-05T13:00:01Z'],
  ]);
});

test('reports of an empty archive keep their columns, and credentials still has its five rows', () => {
  const empty = buildReports([]);
  assert.is(empty.get('cases')!.rows.length, 0);
  assert.ok(empty.get('cases')!.columns.includes('timeToResolve'));
  assert.equal([...empty.get('credentials')!.rows].map((r) => [r.credentialClass, r.count]), [
    ['root-or-iam-user', 0],
    ['temporary-credentials', 0],
    ['aws-service', 0],
    ['other-account', 0],
    ['unknown', 0],
  ]);
  assert.equal(empty.get('trustedAdvisor')!.rows, []);
  assert.equal(empty.get('denied')!.rows, []);
});

test.run();
