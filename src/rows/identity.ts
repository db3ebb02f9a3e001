/**
 * Who made a call, beyond the readable principal name: the kind of credentials, the role and
 * session, the calling service, the source identity and the caller's own account. Pure.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
 */
import type { CloudTrailRecord } from '../types.ts';
import { lastSegment, obj, str } from './record-fields.ts';

/**
 * What identifies a principal everywhere (reports, cases, novelty): its caller account, identity
 * type and readable name. The same name in two caller accounts (`alice` in 111122223333 and in
 * 444455556666) is two principals.
 */
export const PRINCIPAL_KEY = ['callerAccount', 'identityType', 'principal'] as const;

/** A row's principal key as one string (JSON of the key fields, so no two keys collide). */
export function principalKeyOf(row: { readonly [K in (typeof PRINCIPAL_KEY)[number]]?: string | null }): string {
  return JSON.stringify(PRINCIPAL_KEY.map((field) => row[field] ?? null));
}

/**
 * The three questions the AWS Support user guide says `userIdentity` answers, plus the two
 * cases that answer none of them (a call from another account, an unknown identity).
 * https://docs.aws.amazon.com/awssupport/latest/user/logging-using-cloudtrail.html
 */
export const CREDENTIAL_CLASSES = {
  'root-or-iam-user': 'made with root or IAM user credentials',
  'temporary-credentials': 'made with temporary security credentials for a role or federated user',
  'aws-service': 'made by another AWS service',
  'other-account': 'made from another AWS account (its credentials are not logged here)',
  unknown: 'identity not recorded or unknown',
} as const;

export type CredentialClass = keyof typeof CREDENTIAL_CLASSES;

/** The identity types whose calls use temporary credentials (the SQL forms list them too). */
export const TEMPORARY_IDENTITY_TYPES: readonly string[] = ['AssumedRole', 'FederatedUser', 'SAMLUser', 'WebIdentityUser', 'IdentityCenterUser', 'Role'];
const TEMPORARY = new Set(TEMPORARY_IDENTITY_TYPES);

/** Which of the three questions a record answers yes to, from `userIdentity.type`. */
export function credentialClassOf(record: CloudTrailRecord): CredentialClass {
  const identity = obj(record.userIdentity);
  const type = str(identity?.type);
  if (type === 'Root' || type === 'IAMUser') return 'root-or-iam-user';
  if (type !== null && TEMPORARY.has(type)) return 'temporary-credentials';
  if (type === 'AWSService') return 'aws-service';
  if (type === 'AWSAccount') return 'other-account';
  // Service events (supportauthz) carry a userIdentity with no type, only accountId and invokedBy.
  if (type === null && (str(identity?.invokedBy) !== null || record.eventType === 'AwsServiceEvent')) return 'aws-service';
  return 'unknown';
}

/** The role (sessionIssuer of an AssumedRole) and the session name, when the identity has them. */
export function roleSessionOf(record: CloudTrailRecord): { role: string | null; session: string | null } {
  const identity = obj(record.userIdentity);
  const type = str(identity?.type);
  if (type !== 'AssumedRole' && type !== 'FederatedUser') return { role: null, session: null };
  const issuer = obj(obj(identity?.sessionContext)?.sessionIssuer);
  const principalId = str(identity?.principalId);
  // principalId is `<role id>:<session>`; AWS's own Support App example has an ARN without a
  // session segment, so the ARN is only the fallback.
  const session = principalId?.includes(':') ? principalId.slice(principalId.indexOf(':') + 1) : lastSegment(str(identity?.arn));
  return { role: type === 'AssumedRole' ? str(issuer?.userName) : null, session: session || null };
}

/** `userIdentity.invokedBy`: the AWS service that made the call for the principal. */
export const invokedByOf = (record: CloudTrailRecord): string | null => str(obj(record.userIdentity)?.invokedBy);

/**
 * `userIdentity.sessionContext.sourceIdentity`: the person behind a shared role session, as set
 * with sts:SourceIdentity (re:Post Private calls the Support API this way).
 */
export const sourceIdentityOf = (record: CloudTrailRecord): string | null => str(obj(obj(record.userIdentity)?.sessionContext)?.sourceIdentity);

/** `userIdentity.accountId`: the caller's own account, which differs from the recipient on cross-account calls. */
export const callerAccountOf = (record: CloudTrailRecord): string | null => str(obj(record.userIdentity)?.accountId);
