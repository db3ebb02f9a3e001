/**
 * Support rows: which records are AWS Support events, and the flat row made from one. Pure.
 */
import { callerAccountOf, credentialClassOf, invokedByOf, roleSessionOf, sourceIdentityOf } from './identity.ts';
import { lastSegment, obj, str } from './record-fields.ts';
import { categoryOf } from './category.ts';
import type { CloudTrailRecord, InputShape, LogFile, SupportRow } from '../types.ts';

/** The AWS Support API itself: cases, communications, attachments, Trusted Advisor via the Support API. */
export const SUPPORT_API_SOURCE = 'support.amazonaws.com';

/** Every event source that belongs to AWS Support (`--sources all`, the default). */
export const ALL_SUPPORT_SOURCES: readonly string[] = [
  'support.amazonaws.com',
  'supportapp.amazonaws.com',
  'supportplans.amazonaws.com',
  'trustedadvisor.amazonaws.com',
  'support-console.amazonaws.com',
  'supportauthz.amazonaws.com',
  'support-subscription.amazonaws.com',
];

/**
 * `all` (the default) keeps every Support source; `api` keeps only the Support API
 * (support.amazonaws.com). `support` is the old name of `api`, kept so scripts keep working.
 */
export type SourceSelection = 'all' | 'api' | 'support';

const ALL = new Set(ALL_SUPPORT_SOURCES);
const API_ONLY = new Set([SUPPORT_API_SOURCE]);
const SELECTIONS: Record<SourceSelection, ReadonlySet<string>> = { all: ALL, api: API_ONLY, support: API_ONLY };

/** True for an event source of AWS Support, selected or not (a record of another source is "not Support"). */
export const isSupportSource = (eventSource: string): boolean => ALL.has(eventSource);

/** The event sources a selection keeps (the same Set object every call). */
export function sourcesFor(selection: SourceSelection): ReadonlySet<string> {
  return SELECTIONS[selection];
}

/**
 * A readable name for who made the call. CloudTrail spreads it over different fields per
 * identity type (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html).
 */
export function principalOf(record: CloudTrailRecord): string {
  const identity = obj(record.userIdentity);
  const type = str(identity?.type);
  const arn = str(identity?.arn);
  const userName = str(identity?.userName);
  const invokedBy = str(identity?.invokedBy);
  const issuer = obj(obj(identity?.sessionContext)?.sessionIssuer);
  switch (type) {
    case 'Root':
      return 'root';
    case 'IAMUser':
      return userName ?? lastSegment(arn) ?? str(identity?.principalId) ?? 'unknown';
    case 'AssumedRole':
    case 'FederatedUser': {
      const role = str(issuer?.userName);
      const principalId = str(identity?.principalId);
      const session = principalId?.includes(':') ? principalId.slice(principalId.indexOf(':') + 1) : lastSegment(arn);
      if (role && session && session !== role) return `${role}/${session}`;
      return role ?? session ?? 'unknown';
    }
    case 'AWSService':
      return invokedBy ?? 'aws-service';
    case 'AWSAccount':
      return str(identity?.accountId) ?? invokedBy ?? 'aws-account';
    case 'IdentityCenterUser':
      return str(obj(identity?.onBehalfOf)?.userId) ?? userName ?? str(identity?.principalId) ?? 'unknown';
    default:
      // A partial record (console CSV, lookup-events summary) knows only the user name.
      if (!identity || !type) return invokedBy ?? userName ?? `service:${str(record.eventSource) ?? 'unknown'}`;
      return userName ?? lastSegment(arn) ?? str(identity?.principalId) ?? 'unknown';
  }
}

/** `mfaAuthenticated` is a string ("true"/"false") in CloudTrail, not a boolean. */
export function mfaOf(record: CloudTrailRecord): boolean | null {
  const attributes = obj(obj(obj(record.userIdentity)?.sessionContext)?.attributes);
  const value = attributes?.mfaAuthenticated;
  return value === 'true' || value === true ? true : value === 'false' || value === false ? false : null;
}

/** The case a Support call is about: requestParameters.caseId, responseElements.caseId, or caseIdList. */
export function caseIdOf(record: CloudTrailRecord): string | null {
  const request = obj(record.requestParameters);
  const response = obj(record.responseElements);
  const direct = str(request?.caseId) ?? str(response?.caseId);
  if (direct) return direct;
  const list = request?.caseIdList;
  return Array.isArray(list) && list.length > 0 ? list.filter((id) => typeof id === 'string').join(',') || null : null;
}

/** Where a record came from: its shape, the archive entry, whether it is partial. */
export interface RowOrigin {
  readonly inputShape: InputShape;
  readonly archivePath: string | null;
  readonly partial: boolean;
}

/** The origin of a record read from a delivery file on disk. */
export const TRAIL_FILE_ORIGIN: RowOrigin = { inputShape: 'trail-file', archivePath: null, partial: false };

/** The flat row of one Support record. `record` must have passed the record schema (the partial one when partial). */
export function toSupportRow(
  record: CloudTrailRecord,
  file: LogFile,
  index: number,
  raw = JSON.stringify(record),
  origin: RowOrigin = TRAIL_FILE_ORIGIN,
): SupportRow {
  const identity = obj(record.userIdentity);
  const request = obj(record.requestParameters);
  const { role, session } = roleSessionOf(record);
  return {
    eventTime: record.eventTime as string,
    eventSource: record.eventSource as string,
    eventName: record.eventName as string,
    category: categoryOf(record.eventSource as string, record.eventName as string),
    account: str(record.recipientAccountId) ?? str(identity?.accountId) ?? file.account ?? null,
    region: str(record.awsRegion) ?? file.region ?? null,
    identityType: str(identity?.type),
    principal: principalOf(record),
    credentialClass: credentialClassOf(record),
    role,
    session,
    invokedBy: invokedByOf(record),
    sourceIdentity: sourceIdentityOf(record),
    callerAccount: callerAccountOf(record),
    arn: str(identity?.arn),
    accessKeyId: str(identity?.accessKeyId),
    mfa: mfaOf(record),
    sourceIPAddress: str(record.sourceIPAddress),
    userAgent: str(record.userAgent),
    readOnly: typeof record.readOnly === 'boolean' ? record.readOnly : null,
    errorCode: str(record.errorCode),
    errorMessage: str(record.errorMessage),
    caseId: caseIdOf(record),
    severityCode: str(request?.severityCode),
    serviceCode: str(request?.serviceCode),
    categoryCode: str(request?.categoryCode),
    issueType: str(request?.issueType),
    eventID: str(record.eventID),
    requestID: str(record.requestID),
    file: file.path,
    index,
    inputShape: origin.inputShape,
    archivePath: origin.archivePath,
    partial: origin.partial,
    raw,
  };
}

/**
 * Row columns in output order (exports and the event list use it); `raw` is opt-in, not listed.
 * The provenance columns `inputShape`, `archivePath` and `partial` come last, after `file` and
 * `index`, so the earlier columns keep their positions for readers that go by position.
 */
export const SUPPORT_ROW_COLUMNS: readonly (keyof SupportRow)[] = [
  'eventTime',
  'eventSource',
  'eventName',
  'category',
  'account',
  'region',
  'identityType',
  'principal',
  'credentialClass',
  'role',
  'session',
  'invokedBy',
  'sourceIdentity',
  'callerAccount',
  'arn',
  'accessKeyId',
  'mfa',
  'sourceIPAddress',
  'userAgent',
  'readOnly',
  'errorCode',
  'errorMessage',
  'caseId',
  'severityCode',
  'serviceCode',
  'categoryCode',
  'issueType',
  'eventID',
  'requestID',
  'file',
  'index',
  'inputShape',
  'archivePath',
  'partial',
];
