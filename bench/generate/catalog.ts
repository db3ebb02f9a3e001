/**
 * What the event catalogs share: the per-account resource names events refer to, and the shape of
 * one catalog entry (a weighted event maker with the identity types that plausibly make it).
 */
import type { CallSpec, EventContext, Json } from './envelope.ts';
import type { IdentityKind, Principal } from './identities.ts';
import type { Rng } from './rng.ts';

/** Stable names of one account's resources, so the same bucket or instance recurs. */
export interface Resources {
  readonly buckets: string[];
  readonly instances: string[];
  readonly vpc: string;
  readonly groups: string[];
  readonly keys: string[];
  readonly functions: string[];
  readonly roles: string[];
  readonly users: string[];
  readonly secrets: string[];
  readonly parameters: string[];
}

/** Builds the resources of one account. */
export function resourcesOf(account: string, rng: Rng): Resources {
  return {
    buckets: [`app-assets-${account}`, `data-lake-raw-${rng.hex(6)}`, `tf-state-${account}`, `aws-cloudtrail-logs-${account}-${rng.hex(8)}`],
    instances: Array.from({ length: 6 }, () => `i-0${rng.hex(16)}`),
    vpc: `vpc-0${rng.hex(16)}`,
    groups: Array.from({ length: 4 }, () => `sg-0${rng.hex(16)}`),
    keys: Array.from({ length: 3 }, () => rng.uuid()),
    functions: ['order-processor', 'thumbnail-resizer', 'nightly-report'],
    roles: ['order-processor-role', 'GitHubActionsDeploy', 'OrganizationAccountAccessRole', 'AWSServiceRoleForConfig'],
    users: ['alice', 'deploy-bot', 'federation-broker', 'backup-operator'],
    secrets: ['prod/db/password', 'prod/stripe/api-key'],
    parameters: ['/app/prod/feature-flags', '/app/prod/db-host', '/cwagent/config'],
  };
}

/** Everything an event maker can draw on. */
export interface MakeContext extends EventContext {
  readonly who: Principal;
  readonly res: Resources;
  /** Set when the caller wants this call's usual error (the identity tour shows each once). */
  readonly failing?: boolean;
}

/** One kind of event in a catalog. */
export interface Template {
  readonly source: string;
  readonly name: string;
  /** Relative frequency among the catalog's entries. */
  readonly weight: number;
  /** Identity types that make this call; the first matching principal type is drawn at random. */
  readonly who: readonly IdentityKind[];
  readonly readOnly: boolean;
  /** Made from a browser session only (console sign-in), so only console principals qualify. */
  readonly consoleOnly?: boolean;
  /** Returns the call's details; `service` templates return a whole record instead. */
  readonly make: (c: MakeContext) => Omit<CallSpec, 'source' | 'name' | 'readOnly'>;
  /** Set for AwsServiceEvent entries, which are built whole (no principal). */
  readonly service?: (c: EventContext, res: Resources) => Json;
}

/** An S3-style request id: 16 uppercase characters instead of a UUID. */
export function s3RequestId(rng: Rng): string {
  return rng.upper(16);
}

/** S3's additionalEventData block, present on every S3 API call. */
export function s3Extra(rng: Rng, bytesOut: number): Json {
  return {
    SignatureVersion: 'SigV4',
    CipherSuite: 'TLS_AES_128_GCM_SHA256',
    bytesTransferredIn: 0,
    AuthenticationMethod: 'AuthHeader',
    'x-amz-id-2': `${rng.alnum(56)}=`,
    bytesTransferredOut: bytesOut,
  };
}

/** `Jul 10, 2023, 12:55:24 PM`: the format STS uses for credential expiry in responseElements. */
export function stsExpiry(ms: number): string {
  const d = new Date(ms);
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const h = d.getUTCHours();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${month} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${h % 12 || 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

/** The AccessDenied message AWS writes for an identity-based policy denial. */
export function accessDenied(c: MakeContext, action: string, resource: string): readonly [string, string] {
  const arn = (c.who.identity(c.ms).arn as string | undefined) ?? `arn:aws:iam::${c.account}:root`;
  return [
    'AccessDenied',
    `User: ${arn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
  ];
}
