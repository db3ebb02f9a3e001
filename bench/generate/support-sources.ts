/**
 * Support events from sources other than the Support API: Support App in Slack, Support Plans,
 * Trusted Advisor, the Support Center console, Support authorization and support-subscription.
 * Shapes follow the AWS Support User Guide examples (realdata/awsdocs-support-user-guide) and
 * https://docs.aws.amazon.com/awssupport/latest/user/support-authorization-monitoring.html
 */
import type { EventContext, Json } from './envelope.ts';
import { apiCall, serviceEvent } from './envelope.ts';
import type { Principal } from './identities.ts';
import { CHECK_IDS } from './support-api.ts';
import type { AccountWorld } from './world.ts';

/** Every Support event source; `support.amazonaws.com` is the Support API itself. */
export const SUPPORT_SOURCES = [
  'support.amazonaws.com',
  'supportapp.amazonaws.com',
  'supportplans.amazonaws.com',
  'trustedadvisor.amazonaws.com',
  'support-console.amazonaws.com',
  'supportauthz.amazonaws.com',
  'support-subscription.amazonaws.com',
] as const;

type Maker = (c: EventContext, a: AccountWorld) => Json;
interface Entry {
  readonly source: string;
  readonly name: string;
  readonly make: Maker;
}

function call(
  source: string,
  name: string,
  readOnly: boolean,
  who: (a: AccountWorld) => Principal,
  request: (c: EventContext, a: AccountWorld) => Json | null,
  response?: (c: EventContext, a: AccountWorld) => Json | null,
  additional?: Json,
): Entry {
  return {
    source,
    name,
    make: (c, a) => apiCall(c, who(a), { source, name, readOnly, request: request(c, a), response: response?.(c, a) ?? null, additional }),
  };
}

const admin = (a: AccountWorld) => a.by('sso-admin');
const appRole = (a: AccountWorld) => a.by('support-app');
const alice = (a: AccountWorld) => a.by('alice');
// The Support Plans console calls support-subscription as root from AWS's own network (doc example).
const rootViaPlansConsole = (a: AccountWorld): Principal => ({ ...a.by('root'), ip: '100.127.8.67', userAgent: 'AWS-SupportPlansConsole, aws-internal/3' });

const updateArn = (c: EventContext) => `arn:aws:supportplans::${c.account}:supportplanupdate/${c.rng.hex(64)}`;
const permitRequestArn = (c: EventContext) => `arn:aws:supportauthz:${c.region}:${c.account}:supportpermitrequest/${c.rng.uuid()}`;
const permitArn = (c: EventContext) => `arn:aws:supportauthz:${c.region}:${c.account}:supportpermit/${c.rng.uuid()}`;
const displayId = (c: EventContext) => String(c.rng.range(1_000_000_000, 9_999_999_999));
const clusterArn = (c: EventContext) => `arn:aws:rds:${c.region}:${c.account}:cluster:orders-aurora`;

/** One maker per (source, event name) outside the Support API. */
export const OTHER_SUPPORT_EVENTS: readonly Entry[] = [
  call('supportapp.amazonaws.com', 'CreateSlackChannelConfiguration', false, admin, (c) => ({
    notifyOnCreateOrReopenCase: true,
    teamId: 'T012ABCDEFG',
    notifyOnAddCorrespondenceToCase: true,
    notifyOnCaseSeverity: 'all',
    channelName: 'aws-support-cases',
    notifyOnResolveCase: true,
    channelId: 'C01234A5BCD',
    channelRoleArn: `arn:aws:iam::${c.account}:role/AWSSupportAppRole`,
  })),
  call('supportapp.amazonaws.com', 'ListSlackChannelConfigurations', true, appRole, () => null),
  call('supportapp.amazonaws.com', 'GetAccountAlias', true, appRole, () => null),
  call('supportplans.amazonaws.com', 'GetSupportPlan', true, admin, () => null),
  call('supportplans.amazonaws.com', 'GetSupportPlanUpdateStatus', true, admin, (c) => ({ supportPlanUpdateArn: updateArn(c) })),
  call(
    'supportplans.amazonaws.com',
    'StartSupportPlanUpdate',
    false,
    admin,
    (c) => ({ clientToken: c.rng.uuid(), update: { supportLevel: 'BUSINESS' } }),
    (c) => ({
      'Access-Control-Expose-Headers': 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date',
      supportPlanUpdateArn: updateArn(c),
    }),
  ),
  call(
    'trustedadvisor.amazonaws.com',
    'RefreshCheck',
    false,
    alice,
    () => ({ checkId: CHECK_IDS[0] }),
    () => ({ status: { checkId: CHECK_IDS[0], status: 'enqueued', millisUntilNextRefreshable: 3599993 } }),
  ),
  call('trustedadvisor.amazonaws.com', 'UpdateNotificationPreferences', false, alice, () => ({
    contacts: ['billing', 'operational', 'security'].map((id) => ({ id, type: 'email', active: id === 'security' })),
    language: 'en',
  })),
  call('trustedadvisor.amazonaws.com', 'GenerateReport', false, alice, () => ({
    refresh: false,
    includeSuppressedResources: false,
    language: 'en',
    format: 'JSON',
    name: 'organizational-view-report',
    preference: { accounts: [], organizationalUnitIds: ['r-a1b2'], preferenceName: 'organizational-view-report', format: 'json', language: 'en' },
  }), () => ({ status: 'ENQUEUED' })),
  call('trustedadvisor.amazonaws.com', 'ListRecommendations', true, (a) => a.by('support-ops'), () => ({ pillar: 'security', status: 'warning' })),
  call('support-console.amazonaws.com', 'GetAccountState', true, alice, () => null),
  call('support-console.amazonaws.com', 'GetBanner', true, admin, () => null),
  call('support-console.amazonaws.com', 'CreateCaseDraft', false, alice, () => null),
  // A console call the caller's policy did not allow: the console names the missing action in authZHeader.
  call('support-console.amazonaws.com', 'GetCaseDraft', true, (a) => a.by('carol'), () => null, undefined, { authZHeader: 'support-console:GetCaseDraft' }),
  {
    source: 'supportauthz.amazonaws.com',
    name: 'SupportPermitRequestCreated',
    make: (c) => {
      const arn = permitRequestArn(c);
      return serviceEvent(c, {
        source: 'supportauthz.amazonaws.com',
        name: 'SupportPermitRequestCreated',
        version: '1.11',
        resources: [{ accountId: c.account, type: 'AWS::SupportAuthZ::SupportPermitRequest', ARN: arn }],
        details: { supportPermitRequestArn: arn, supportCaseDisplayId: displayId(c), resources: [clusterArn(c)], actions: ['rds:ReadClusterData'] },
      });
    },
  },
  {
    source: 'supportauthz.amazonaws.com',
    name: 'StartSupportAction',
    make: (c) => {
      const arn = permitArn(c);
      return serviceEvent(c, {
        source: 'supportauthz.amazonaws.com',
        name: 'StartSupportAction',
        version: '1.11',
        resources: [{ accountId: c.account, type: 'AWS::SupportAuthZ::SupportPermit', ARN: arn }],
        details: { supportCaseDisplayId: displayId(c), resourceIdentifiers: [clusterArn(c)], action: 'rds:ReadClusterData', supportPermitArn: arn },
      });
    },
  },
  call('supportauthz.amazonaws.com', 'ListSupportPermitRequests', true, admin, () => ({ maxResults: 50 })),
  call('supportauthz.amazonaws.com', 'CreateSupportPermit', false, admin, (c) => ({
    name: `permit-${c.rng.hex(6)}`,
    supportCaseDisplayId: displayId(c),
    permit: { actions: { actions: ['rds:ReadClusterData'] }, resources: { resources: [clusterArn(c)] } },
    signingKeyInfo: { kmsKeyArn: `arn:aws:kms:${c.region}:${c.account}:key/${c.rng.uuid()}` },
  }), (c) => ({ supportPermitArn: permitArn(c) })),
  call('support-subscription.amazonaws.com', 'DescribeSupportLevelSummary', true, rootViaPlansConsole, () => ({ lang: 'en' })),
  call('support-subscription.amazonaws.com', 'UpdateProbationAutoCancellation', false, rootViaPlansConsole, () => ({ lang: 'en' })),
  call(
    'support-subscription.amazonaws.com',
    'UpdateSupportLevel',
    false,
    rootViaPlansConsole,
    () => ({ supportLevel: 'new_developer' }),
    () => ({ aispl: false, supportLevel: 'new_developer' }),
  ),
];
