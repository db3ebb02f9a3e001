/**
 * The cast of one account: a principal of every `userIdentity.type` CloudTrail writes, each with a
 * stable IP, user agent and ids, shaped after real records (invictus-aws_dataset, stratus-red-team,
 * elastic-integrations) and https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
 */
import { isoSeconds } from './layout.ts';
import type { Rng } from './rng.ts';

/** `userIdentity.type` values, plus `none` for service events whose userIdentity has no type. */
export type IdentityKind =
  | 'Root'
  | 'IAMUser'
  | 'AssumedRole'
  | 'FederatedUser'
  | 'AWSService'
  | 'AWSAccount'
  | 'IdentityCenterUser'
  | 'SAMLUser'
  | 'WebIdentityUser'
  | 'Unknown'
  | 'none';

export type Client = 'console' | 'cli' | 'sdk' | 'service';

/** One actor. `identity(ms)` builds a fresh userIdentity object for an event at `ms`. */
export interface Principal {
  readonly kind: IdentityKind;
  readonly label: string;
  readonly client: Client;
  /** sourceIPAddress: a documentation-range IP (RFC 5737) or the calling service's host name. */
  readonly ip: string;
  readonly userAgent: string;
  identity(ms: number): Record<string, unknown>;
}

const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
];
const CLI =
  'aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/linux#6.5.0-1024-aws md/arch#x86_64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.22 md/prompt#off';
const BOTO =
  'Boto3/1.34.144 md/Botocore#1.34.144 ua/2.0 os/linux#5.10.219-229.866.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.4 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/1.34.144';
const TERRAFORM =
  'APN/1.0 HashiCorp/1.0 Terraform/1.9.2 (+https://www.terraform.io) terraform-provider-aws/5.59.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#amd64';
const JS_SDK = 'aws-sdk-js/3.614.0 ua/2.1 os/linux#5.10.219 lang/js md/nodejs#20.15.1 api/s3#3.614.0';

/** Services that act through `AWSService` identities in real trails. */
export const CALLING_SERVICES = [
  'config.amazonaws.com',
  'cloudformation.amazonaws.com',
  'lambda.amazonaws.com',
  'autoscaling.amazonaws.com',
  'access-analyzer.amazonaws.com',
];

/** Sessions restart every hour at a per-principal phase, so creationDate is stable within one. */
function sessionStart(ms: number, phase: number): string {
  const hour = 3_600_000;
  return isoSeconds(ms - ((((ms - phase) % hour) + hour) % hour));
}

function docIp(rng: Rng): string {
  return `${rng.pick(['192.0.2', '198.51.100', '203.0.113'])}.${rng.range(1, 254)}`;
}

/** Builds every principal of `account`; `other` is the foreign account used by AWSAccount calls. */
export function castOf(account: string, other: string, rng: Rng): Principal[] {
  const id = (prefix: string) => prefix + rng.upper(17);
  const phase = () => rng.int(3_600_000);
  const cast: Principal[] = [];
  const add = (p: Principal) => cast.push(p);

  {
    const ip = docIp(rng), ph = phase(), key = 'ASIA' + rng.upper(16);
    add({
      kind: 'Root',
      label: 'root',
      client: 'console',
      ip,
      userAgent: BROWSERS[0],
      identity: (ms) => ({
        type: 'Root',
        principalId: account,
        arn: `arn:aws:iam::${account}:root`,
        accountId: account,
        accessKeyId: key,
        sessionContext: { sessionIssuer: {}, webIdFederationData: {}, attributes: { creationDate: sessionStart(ms, ph), mfaAuthenticated: 'true' } },
      }),
    });
  }
  for (const [name, client, mfa] of [['alice', 'console', 'true'], ['deploy-bot', 'cli', null]] as const) {
    const ip = docIp(rng), ph = phase(), pid = id('AIDA');
    const key = (client === 'console' ? 'ASIA' : 'AKIA') + rng.upper(16);
    add({
      kind: 'IAMUser',
      label: name,
      client,
      ip,
      userAgent: client === 'console' ? BROWSERS[1] : CLI,
      identity: (ms) => {
        const u: Record<string, unknown> = {
          type: 'IAMUser',
          principalId: pid,
          arn: `arn:aws:iam::${account}:user/${name}`,
          accountId: account,
          accessKeyId: key,
          userName: name,
        };
        // Console sessions carry sessionContext; long-term CLI keys (AKIA…) do not.
        if (mfa) u.sessionContext = { sessionIssuer: {}, webIdFederationData: {}, attributes: { creationDate: sessionStart(ms, ph), mfaAuthenticated: mfa } };
        return u;
      },
    });
  }
  const roles = [
    {
      label: 'sso-admin',
      role: `AWSReservedSSO_AdministratorAccess_${rng.hex(16)}`,
      path: 'aws-reserved/sso.amazonaws.com/',
      session: 'maria.garcia@example.com',
      client: 'console',
      ua: BROWSERS[0],
      web: null,
    },
    {
      label: 'ci-deploy',
      role: 'GitHubActionsDeploy',
      path: '',
      session: `GitHubActions-${rng.range(1e9, 9e9)}`,
      client: 'sdk',
      ua: TERRAFORM,
      web: `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com`,
    },
    { label: 'app-lambda', role: 'order-processor-role', path: '', session: 'order-processor', client: 'sdk', ua: BOTO, web: null },
    { label: 'support-ops', role: 'SupportOperations', path: '', session: 'jdoe', client: 'cli', ua: CLI, web: null },
    { label: 'support-app', role: 'AWSSupportAppRole', path: '', session: 'AWSSupportAppRole', client: 'sdk', ua: JS_SDK, web: null },
  ] as const;
  for (const r of roles) {
    const ip = docIp(rng), ph = phase(), rid = id('AROA'), key = 'ASIA' + rng.upper(16);
    add({
      kind: 'AssumedRole',
      label: r.label,
      client: r.client,
      ip,
      userAgent: r.ua,
      identity: (ms) => ({
        type: 'AssumedRole',
        principalId: `${rid}:${r.session}`,
        arn: `arn:aws:sts::${account}:assumed-role/${r.role}/${r.session}`,
        accountId: account,
        accessKeyId: key,
        sessionContext: {
          sessionIssuer: { type: 'Role', principalId: rid, arn: `arn:aws:iam::${account}:role/${r.path}${r.role}`, accountId: account, userName: r.role },
          webIdFederationData: r.web ? { federatedProvider: r.web, attributes: {} } : {},
          // mfaAuthenticated is a string in CloudTrail, never a boolean.
          attributes: { creationDate: sessionStart(ms, ph), mfaAuthenticated: 'false' },
        },
      }),
    });
  }
  {
    const ip = docIp(rng), ph = phase(), pid = id('AIDA'), key = 'ASIA' + rng.upper(16);
    add({
      kind: 'FederatedUser',
      label: 'carol',
      client: 'console',
      ip,
      userAgent: BROWSERS[2],
      identity: (ms) => ({
        type: 'FederatedUser',
        principalId: `${account}:carol`,
        arn: `arn:aws:sts::${account}:federated-user/carol`,
        accountId: account,
        accessKeyId: key,
        sessionContext: {
          sessionIssuer: {
            type: 'IAMUser',
            principalId: pid,
            arn: `arn:aws:iam::${account}:user/federation-broker`,
            accountId: account,
            userName: 'federation-broker',
          },
          webIdFederationData: {},
          attributes: { creationDate: sessionStart(ms, ph), mfaAuthenticated: 'false' },
        },
      }),
    });
  }
  for (const service of CALLING_SERVICES) {
    add({
      kind: 'AWSService',
      label: service,
      client: 'service',
      ip: service,
      userAgent: service,
      identity: () => ({ type: 'AWSService', invokedBy: service }),
    });
  }
  {
    const ip = docIp(rng), rid = id('AROA');
    add({
      kind: 'AWSAccount',
      label: `partner@${other}`,
      client: 'sdk',
      ip,
      userAgent: BOTO,
      identity: () => ({ type: 'AWSAccount', principalId: `${rid}:partner-audit`, accountId: other }),
    });
  }
  {
    const ip = docIp(rng), userId = rng.uuid(), cred = rng.alnum(24), store = `d-${rng.hex(10)}`;
    add({
      kind: 'IdentityCenterUser',
      label: 'ic-user',
      client: 'console',
      ip,
      userAgent: BROWSERS[1],
      identity: () => ({
        type: 'IdentityCenterUser',
        accountId: account,
        onBehalfOf: { userId, identityStoreArn: `arn:aws:identitystore::${account}:identitystore/${store}` },
        credentialId: cred,
      }),
    });
  }
  {
    const ip = docIp(rng), idp = `${rng.alnum(22)}=`;
    add({
      kind: 'SAMLUser',
      label: 'bob@example.com',
      client: 'console',
      ip,
      userAgent: BROWSERS[0],
      identity: () => ({ type: 'SAMLUser', principalId: `${idp}:bob@example.com`, userName: 'bob@example.com', identityProvider: idp }),
    });
  }
  {
    const ip = docIp(rng), sub = String(rng.range(1e9, 9e9)) + String(rng.range(1e9, 9e9));
    add({
      kind: 'WebIdentityUser',
      label: `web:${sub}`,
      client: 'sdk',
      ip,
      userAgent: JS_SDK,
      identity: () => ({
        type: 'WebIdentityUser',
        principalId: `accounts.google.com:app-client.apps.googleusercontent.com:${sub}`,
        userName: sub,
        identityProvider: 'accounts.google.com',
      }),
    });
  }
  {
    const ip = docIp(rng), pid = rng.hex(10) + '-' + rng.uuid();
    add({
      kind: 'Unknown',
      label: 'dave',
      client: 'console',
      ip,
      userAgent: BROWSERS[2],
      identity: () => ({ type: 'Unknown', principalId: pid, accountId: account, userName: 'dave' }),
    });
  }
  return cast;
}

/** The userIdentity of an AwsServiceEvent: no type, only the account and the acting service. */
export function serviceEventIdentity(account: string, service: string): Record<string, unknown> {
  return { accountId: account, invokedBy: service };
}
