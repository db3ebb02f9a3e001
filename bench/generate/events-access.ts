/**
 * Identity and audit events (IAM, STS, sign-in, IAM Identity Center, CloudTrail, Secrets Manager,
 * Health): where the rarer identity types (SAMLUser, WebIdentityUser, IdentityCenterUser,
 * Unknown) naturally appear.
 */
import type { Template } from './catalog.ts';
import { accessDenied, stsExpiry } from './catalog.ts';

const STAFF = ['AssumedRole', 'AssumedRole', 'IAMUser', 'FederatedUser'] as const;

function credentials(c: { rng: { upper(n: number): string; alnum(n: number): string }; ms: number }) {
  // Real session tokens run to ~800 characters; a shorter stand-in keeps records near real size.
  return { accessKeyId: 'ASIA' + c.rng.upper(16), sessionToken: 'IQoJb3JpZ2luX2VjE' + c.rng.alnum(180), expiration: stsExpiry(c.ms + 3_600_000) };
}

/** Identity, sign-in and audit templates. */
export const ACCESS_EVENTS: Template[] = [
  { source: 'iam.amazonaws.com', name: 'GetUser', weight: 4, who: STAFF, readOnly: true, make: (c) => ({ request: { userName: c.rng.pick(c.res.users) } }) },
  { source: 'iam.amazonaws.com', name: 'ListRoles', weight: 3, who: [...STAFF, 'AWSService'], readOnly: true, make: () => ({ request: null }) },
  {
    source: 'iam.amazonaws.com',
    name: 'ListAttachedRolePolicies',
    weight: 3,
    who: [...STAFF, 'AWSService'],
    readOnly: true,
    make: (c) => ({ request: { roleName: c.rng.pick(c.res.roles) } }),
  },
  {
    source: 'iam.amazonaws.com',
    name: 'CreateAccessKey',
    weight: 0.4,
    who: ['IAMUser', 'AssumedRole', 'Root'],
    readOnly: false,
    make: (c) => {
      const userName = c.rng.pick(c.res.users);
      return {
        request: { userName },
        response: { accessKey: { userName, accessKeyId: 'AKIA' + c.rng.upper(16), status: 'Active', createDate: stsExpiry(c.ms) } },
      };
    },
  },
  {
    source: 'iam.amazonaws.com',
    name: 'AttachRolePolicy',
    weight: 0.5,
    who: ['AssumedRole', 'IAMUser'],
    readOnly: false,
    make: (c) => {
      const roleName = c.rng.pick(c.res.roles);
      return {
        request: { roleName, policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
        error: c.failing || c.rng.chance(0.35) ? accessDenied(c, 'iam:AttachRolePolicy', `arn:aws:iam::${c.account}:role/${roleName}`) : undefined,
      };
    },
  },
  {
    source: 'sts.amazonaws.com',
    name: 'AssumeRole',
    weight: 8,
    who: ['AWSService', 'AWSService', 'AssumedRole', 'IAMUser'],
    readOnly: true,
    make: (c) => {
      const role = c.rng.pick(c.res.roles), session = `session-${c.rng.hex(8)}`, rid = 'AROA' + c.rng.upper(17);
      const roleArn = `arn:aws:iam::${c.account}:role/${role}`;
      return {
        request: { roleArn, roleSessionName: session, durationSeconds: 3600 },
        response: {
          credentials: credentials(c),
          assumedRoleUser: { assumedRoleId: `${rid}:${session}`, arn: `arn:aws:sts::${c.account}:assumed-role/${role}/${session}` },
        },
        resources: [{ accountId: c.account, type: 'AWS::IAM::Role', ARN: roleArn }],
        error: c.rng.chance(0.02) ? accessDenied(c, 'sts:AssumeRole', roleArn) : undefined,
      };
    },
  },
  { source: 'sts.amazonaws.com', name: 'GetCallerIdentity', weight: 4, who: [...STAFF, 'Root'], readOnly: true, make: () => ({ request: null }) },
  {
    source: 'sts.amazonaws.com',
    name: 'AssumeRoleWithSAML',
    weight: 0.8,
    who: ['SAMLUser'],
    readOnly: true,
    make: (c) => {
      const roleArn = `arn:aws:iam::${c.account}:role/SAML-ReadOnly`;
      return {
        request: { roleArn, principalArn: `arn:aws:iam::${c.account}:saml-provider/Okta`, durationSeconds: 3600 },
        response: {
          credentials: credentials(c),
          assumedRoleUser: {
            assumedRoleId: 'AROA' + c.rng.upper(17) + ':bob@example.com',
            arn: `arn:aws:sts::${c.account}:assumed-role/SAML-ReadOnly/bob@example.com`,
          },
          subjectType: 'persistent',
          issuer: 'http://www.okta.com/exk1a2b3c4d5e6f7g8h9',
          audience: 'https://signin.aws.amazon.com/saml',
        },
        resources: [{ accountId: c.account, type: 'AWS::IAM::Role', ARN: roleArn }],
      };
    },
  },
  {
    source: 'sts.amazonaws.com',
    name: 'AssumeRoleWithWebIdentity',
    weight: 0.8,
    who: ['WebIdentityUser'],
    readOnly: true,
    make: (c) => {
      const roleArn = `arn:aws:iam::${c.account}:role/MobileAppUser`;
      return {
        request: { roleArn, roleSessionName: `app-${c.rng.hex(6)}`, durationSeconds: 3600 },
        response: { credentials: credentials(c), provider: 'accounts.google.com', audience: 'app-client.apps.googleusercontent.com' },
        resources: [{ accountId: c.account, type: 'AWS::IAM::Role', ARN: roleArn }],
      };
    },
  },
  {
    source: 'signin.amazonaws.com',
    name: 'ConsoleLogin',
    weight: 1.5,
    who: ['IAMUser', 'Root', 'AssumedRole', 'FederatedUser', 'Unknown'],
    readOnly: false,
    consoleOnly: true,
    make: (c) => {
      // Failed sign-ins name no known principal: CloudTrail writes type Unknown and only an errorMessage.
      const failed = c.who.kind === 'Unknown';
      return {
        request: null,
        eventType: 'AwsConsoleSignIn',
        requestID: null,
        response: { ConsoleLogin: failed ? 'Failure' : 'Success' },
        additional: {
          LoginTo: 'https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true',
          MobileVersion: 'No',
          MFAUsed: c.who.kind === 'Root' ? 'Yes' : 'No',
        },
        error: failed ? [null, 'Failed authentication'] : undefined,
      };
    },
  },
  {
    source: 'signin.amazonaws.com',
    name: 'UserAuthentication',
    weight: 0.8,
    who: ['IdentityCenterUser'],
    readOnly: false,
    make: (c) => ({
      request: null,
      eventType: 'AwsServiceEvent',
      requestID: null,
      additional: {
        AuthWorkflowID: c.rng.uuid(),
        UserName: 'maria.garcia@example.com',
        LoginTo: 'https://d-9067a1b2c3.awsapps.com/start/',
        CredentialType: 'PASSWORD',
      },
      response: null,
    }),
  },
  {
    source: 'sso.amazonaws.com',
    name: 'ListApplications',
    weight: 0.6,
    who: ['Unknown', 'IdentityCenterUser'],
    readOnly: true,
    make: () => ({ request: null }),
  },
  {
    source: 'cloudtrail.amazonaws.com',
    name: 'DescribeTrails',
    weight: 2,
    who: [...STAFF, 'AWSService'],
    readOnly: true,
    make: () => ({ request: { includeShadowTrails: true } }),
  },
  {
    source: 'cloudtrail.amazonaws.com',
    name: 'LookupEvents',
    weight: 2,
    who: STAFF,
    readOnly: true,
    make: (c) => ({
      request: { maxResults: 50, lookupAttributes: [{ attributeKey: 'EventSource', attributeValue: 'support.amazonaws.com' }] },
      error: c.failing || c.rng.chance(0.25) ? ['ThrottlingException', 'Rate exceeded'] : undefined,
    }),
  },
  {
    source: 'cloudtrail.amazonaws.com',
    name: 'GetTrailStatus',
    weight: 2,
    who: [...STAFF, 'AWSService'],
    readOnly: true,
    make: (c) => ({ request: { name: `arn:aws:cloudtrail:us-east-1:${c.account}:trail/management-events` } }),
  },
  {
    source: 'secretsmanager.amazonaws.com',
    name: 'GetSecretValue',
    weight: 3,
    who: ['AssumedRole'],
    readOnly: true,
    make: (c) => ({
      request: { secretId: c.rng.pick(c.res.secrets) },
      error: c.rng.chance(0.03) ? ['ResourceNotFoundException', "Secrets Manager can't find the specified secret."] : undefined,
    }),
  },
  {
    source: 'health.amazonaws.com',
    name: 'DescribeEventAggregates',
    weight: 1,
    who: ['AssumedRole', 'AWSService'],
    readOnly: true,
    make: () => ({ request: { aggregateField: 'eventTypeCategory', filter: { eventStatusCodes: ['open', 'upcoming'] } } }),
  },
];
