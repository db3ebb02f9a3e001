/**
 * The envelope every CloudTrail record shares, with fields in the order AWS writes them
 * (checked against invictus-aws_dataset, which is unmodified delivery output).
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 */
import type { Principal } from './identities.ts';
import { serviceEventIdentity } from './identities.ts';
import { isoSeconds } from './layout.ts';
import type { Rng } from './rng.ts';

export type Json = Record<string, unknown>;

/** Where and when one event happens. */
export interface EventContext {
  readonly rng: Rng;
  readonly ms: number;
  readonly account: string;
  readonly region: string;
}

/** What one API call looks like apart from the envelope. */
export interface CallSpec {
  readonly source: string;
  readonly name: string;
  readonly readOnly: boolean;
  readonly request: Json | null;
  readonly response?: Json | null;
  /** errorCode and errorMessage; a null code writes only errorMessage and keeps the response (failed console sign-in). */
  readonly error?: readonly [code: string | null, message: string];
  readonly additional?: Json;
  readonly resources?: Json[];
  readonly category?: 'Management' | 'Data';
  readonly eventType?: 'AwsApiCall' | 'AwsConsoleSignIn' | 'AwsServiceEvent';
  /** requestID override: S3 uses 16 uppercase characters; null leaves it out (sign-in events). */
  readonly requestID?: string | null;
  /** TLS host header override; null leaves tlsDetails out. */
  readonly host?: string | null;
}

/** CloudTrail record versions seen in 2023-2026 deliveries, weighted toward the common one. */
const VERSIONS = [['1.08', 50], ['1.09', 25], ['1.10', 15], ['1.11', 10]] as const;
/** Services whose endpoint is global, so their TLS host carries no region. */
const GLOBAL_HOSTS: Record<string, string> = {
  'iam.amazonaws.com': 'iam.amazonaws.com',
  'signin.amazonaws.com': 'signin.aws.amazon.com',
};

const SESSION_KINDS = new Set(['Root', 'IAMUser', 'AssumedRole', 'FederatedUser']);

function hostOf(source: string, region: string): string {
  return GLOBAL_HOSTS[source] ?? `${source.slice(0, source.indexOf('.'))}.${region}.amazonaws.com`;
}

/** Builds an AwsApiCall (or console sign-in) record made by `who`. */
export function apiCall(ctx: EventContext, who: Principal, spec: CallSpec): Json {
  const { rng, account, region } = ctx;
  const r: Json = {
    eventVersion: rng.weighted(VERSIONS),
    userIdentity: who.identity(ctx.ms),
    eventTime: isoSeconds(ctx.ms),
    eventSource: spec.source,
    eventName: spec.name,
    awsRegion: region,
    sourceIPAddress: who.ip,
    userAgent: who.userAgent,
  };
  const failed = spec.error !== undefined && spec.error[0] !== null;
  if (spec.error) {
    if (failed) r.errorCode = spec.error[0];
    r.errorMessage = spec.error[1];
  }
  r.requestParameters = spec.request;
  r.responseElements = failed ? null : (spec.response ?? null);
  if (spec.additional) r.additionalEventData = spec.additional;
  if (spec.requestID !== null) r.requestID = spec.requestID ?? rng.uuid();
  r.eventID = rng.uuid();
  r.readOnly = spec.readOnly;
  if (spec.resources) r.resources = spec.resources;
  r.eventType = spec.eventType ?? 'AwsApiCall';
  r.managementEvent = spec.category !== 'Data';
  r.recipientAccountId = account;
  if (who.kind === 'AWSService') r.sharedEventID = rng.uuid();
  r.eventCategory = spec.category ?? 'Management';
  // Calls made by AWS services on your behalf arrive over AWS's network: no client TLS details.
  if (who.client !== 'service' && spec.host !== null) {
    const tls13 = rng.chance(0.85);
    r.tlsDetails = {
      tlsVersion: tls13 ? 'TLSv1.3' : 'TLSv1.2',
      cipherSuite: tls13 ? 'TLS_AES_128_GCM_SHA256' : 'ECDHE-RSA-AES128-GCM-SHA256',
      clientProvidedHostHeader: spec.host ?? hostOf(spec.source, region),
    };
  }
  // A string, like mfaAuthenticated: CloudTrail writes "true", not true. Only session holders have it.
  if (who.client === 'console' && SESSION_KINDS.has(who.kind)) r.sessionCredentialFromConsole = 'true';
  return r;
}

/** What an AwsServiceEvent looks like apart from the envelope. */
export interface ServiceEventSpec {
  readonly source: string;
  readonly name: string;
  readonly invokedBy?: string;
  readonly readOnly?: boolean;
  readonly resources?: Json[];
  readonly details?: Json;
  readonly version?: string;
}

/**
 * Builds an AwsServiceEvent: the service acts on its own, so userIdentity has no type, and
 * there is no requestID, user IP or TLS (see the supportauthz and ec2 examples in realdata).
 */
export function serviceEvent(ctx: EventContext, spec: ServiceEventSpec): Json {
  const { rng, account, region } = ctx;
  const service = spec.invokedBy ?? spec.source;
  const r: Json = {
    eventVersion: spec.version ?? rng.weighted(VERSIONS),
    userIdentity: serviceEventIdentity(account, service),
    eventTime: isoSeconds(ctx.ms),
    eventSource: spec.source,
    eventName: spec.name,
    awsRegion: region,
    sourceIPAddress: service,
    userAgent: service,
    requestParameters: null,
    responseElements: null,
    eventID: rng.uuid(),
    readOnly: spec.readOnly ?? false,
  };
  if (spec.resources) r.resources = spec.resources;
  r.eventType = 'AwsServiceEvent';
  r.managementEvent = true;
  r.recipientAccountId = account;
  r.sharedEventID = rng.uuid();
  if (spec.details) r.serviceEventDetails = spec.details;
  r.eventCategory = 'Management';
  return r;
}
