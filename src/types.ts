/**
 * The types that cross pipeline stages. Each is declared here, where several stages meet;
 * stage-private types live in their own module.
 */

/** What a discovered file is, judged from its path (content sniffing happens in decode). */
export type FileKind = 'log' | 'digest' | 'insight' | 'other';

/** A file found by discovery, with what its AWSLogs key tells us (all optional: the layout is not required). */
export interface LogFile {
  /** Path as found (joined from the user's argument, not resolved), used in every report and reject. */
  readonly path: string;
  readonly kind: FileKind;
  /** Size in bytes on disk. */
  readonly size: number;
  /** The key from `AWSLogs/` on, when the path has one (what S3 and digests call the object key). */
  readonly key?: string;
  /** Organization id (`o-…`) of an organization trail. */
  readonly orgId?: string;
  readonly account?: string;
  readonly region?: string;
  /** Delivery date `YYYY-MM-DD` from the folder layout or file name. */
  readonly date?: string;
  /** Delivery time `YYYY-MM-DDTHH:mmZ` from the file name, when present. */
  readonly deliveredAt?: string;
  /** The path's bytes, when its name is not valid UTF-8 (`path` then shows bad bytes as `\xNN`). */
  readonly readPath?: Uint8Array;
}

/** Pipeline stage where something was rejected. */
export type Stage = 'discover' | 'read' | 'decode' | 'parse' | 'validate' | 'dedupe';

/** One line of the rejects ledger: a file (index null) or one record of it that could not be used. */
export interface Reject {
  readonly path: string;
  /** The entry inside a `.zip`/`.tar` file that `path` names, when there is one. */
  readonly archivePath?: string;
  /** Record index inside the file (or archive entry), or null when the whole file (or entry) is rejected. */
  readonly index: number | null;
  readonly stage: Stage;
  readonly reason: string;
  /** JSON pointer into the record (or file document) that the reason is about, when known. */
  readonly pointer?: string;
  /**
   * True for a problem that did not cost any record (trailing garbage after gzip, invalid UTF-8
   * replaced by U+FFFD): the file was read, but the ledger still says what was wrong with it.
   */
  readonly warning?: true;
}

/**
 * The rejects ledger's lines in order: an array, or a compact form that makes each line when it
 * is read (scan/ledger.ts: millions of duplicate lines are held as numbers).
 */
export interface LedgerLines extends Iterable<Reject> {
  readonly length: number;
  slice(from: number, to: number): Reject[];
}

/**
 * The form a record was read from (detected from the content, never from the file name):
 * - `trail-file`: `{"Records":[…]}`, an S3 delivery file or the console's JSON download (same envelope);
 * - `lookup-events`: `aws cloudtrail lookup-events` output, the record taken from `CloudTrailEvent`;
 * - `console-csv`: the console's Event history CSV download;
 * - `ndjson`: one JSON value per line (or JSON values one after another);
 * - `json-array`: a bare JSON array of records; `bare-record`: one record as the whole document;
 * - `eventbridge`: an EventBridge `… via CloudTrail` envelope, the record in `detail`;
 * - `cloudwatch`: `aws logs filter-log-events` / `get-log-events` output, the record in `events[].message`;
 * - `cloudwatch-export`: a CloudWatch Logs export to S3, lines of `<timestamp> <record JSON>`.
 */
export type InputShape =
  | 'trail-file'
  | 'lookup-events'
  | 'console-csv'
  | 'ndjson'
  | 'json-array'
  | 'bare-record'
  | 'eventbridge'
  | 'cloudwatch'
  | 'cloudwatch-export';

/**
 * Records of one shape read from one file or archive entry. The fast path (a delivery file) is
 * one batch whose `records` is the file's own `Records` array, untouched.
 */
export interface RecordBatch {
  readonly shape: InputShape;
  /** The entry inside a `.zip`/`.tar` file, or null. */
  readonly archivePath: string | null;
  /** Built from a few columns (CSV without the event JSON, lookup-events without CloudTrailEvent), not a full record. */
  readonly partial: boolean;
  readonly records: unknown[];
  /** The index of `records[i]` in its file or entry; null when it is `i` itself. */
  readonly indexes: number[] | null;
}

/** One CloudTrail event record as parsed: an open object (unknown fields are kept). */
export type CloudTrailRecord = Record<string, unknown>;

/** One problem found by schema validation. */
export interface ValidationIssue {
  /** JSON pointer inside the validated value, `''` for the value itself. */
  readonly pointer: string;
  readonly message: string;
}

/** The flat row made from one Support record: the unit of every report and export. */
export interface SupportRow {
  eventTime: string;
  eventSource: string;
  eventName: string;
  /** The part of AWS Support: case-management, trusted-advisor, support-app, support-plans, ... */
  category: string;
  /** recipientAccountId, falling back to userIdentity.accountId, then the path's account. */
  account: string | null;
  region: string | null;
  identityType: string | null;
  /** A readable principal: user name, role/session, "root", a service name. */
  principal: string;
  /** root-or-iam-user, temporary-credentials, aws-service, other-account or unknown. */
  credentialClass: string;
  /** The assumed role (sessionIssuer.userName) and session name, for AssumedRole/FederatedUser. */
  role: string | null;
  session: string | null;
  /** userIdentity.invokedBy: the AWS service that made the call. */
  invokedBy: string | null;
  /** userIdentity.sessionContext.sourceIdentity (re:Post Private sets it). */
  sourceIdentity: string | null;
  /** userIdentity.accountId: the caller's account (another account on cross-account calls). */
  callerAccount: string | null;
  arn: string | null;
  accessKeyId: string | null;
  /** From sessionContext.attributes.mfaAuthenticated (a string in CloudTrail), null when absent. */
  mfa: boolean | null;
  sourceIPAddress: string | null;
  userAgent: string | null;
  readOnly: boolean | null;
  errorCode: string | null;
  errorMessage: string | null;
  caseId: string | null;
  severityCode: string | null;
  serviceCode: string | null;
  categoryCode: string | null;
  issueType: string | null;
  eventID: string | null;
  requestID: string | null;
  file: string;
  /** The record's position in its file (or archive entry): its index in `Records`, its line, its row. */
  index: number;
  /** The form the record was read from. */
  inputShape: InputShape;
  /** The entry inside a `.zip`/`.tar` file, or null. */
  archivePath: string | null;
  /** True when the record was built from a few columns (console CSV without the event JSON), not the full record. */
  partial: boolean;
  /** The original record as compact JSON text, so no field is ever lost (not a report column). */
  raw: string;
}

/** File counts of one run. `seen` = `read` + skipped kinds + `failed`. */
export interface FileCounts {
  seen: number;
  read: number;
  /** `duplicate`: byte-identical to a file read before it, so its records are counted there only. */
  skipped: { digest: number; insight: number; other: number; outOfRange: number; duplicate: number };
  failed: number;
}

/**
 * What the entries of one `.zip`/`.tar` were. An archive is counted like a folder: its entries
 * are the files (read, failed, skipped), the archive itself is not a file of its own.
 */
export interface EntryCounts {
  read: number;
  failed: number;
  skipped: { digest: number; insight: number; other: number };
}

/**
 * Record counts of one run. The identity `seen = support + filteredOut + rejected + duplicates`
 * holds exactly for every run; `filteredOut = notSupport + notSelected + excluded`.
 */
export interface RecordCounts {
  seen: number;
  support: number;
  filteredOut: number;
  /** Records whose eventSource is not an AWS Support source. */
  notSupport: number;
  /** Records of an AWS Support source that --sources left out (e.g. supportplans with `--sources api`). */
  notSelected: number;
  /** Support records dropped by --since/--until/--account/--region/--event-name/--principal. */
  excluded: number;
  rejected: number;
  duplicates: number;
}

/** Record counts of one file, the unit that workers return and the run adds up. */
export interface FileRecordCounts {
  seen: number;
  support: number;
  notSupport: number;
  notSelected: number;
  excluded: number;
  rejected: number;
}
