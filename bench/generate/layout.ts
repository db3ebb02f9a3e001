/**
 * Time formats and S3 object keys of a CloudTrail delivery, exactly as AWS writes them.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-examples.html
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-digest-file-structure.html
 */

/** `2026-03-01T12:34:56Z`: CloudTrail event times are UTC, whole seconds, no millis. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + 'Z';
}

/** `20260301T1234Z`, the delivery stamp of log and Insight file names (minute precision). */
export function stampMinute(ms: number): string {
  const s = new Date(ms).toISOString();
  return `${s.slice(0, 4)}${s.slice(5, 7)}${s.slice(8, 10)}T${s.slice(11, 13)}${s.slice(14, 16)}Z`;
}

/** `20260301T123456Z`, the end stamp of digest file names (second precision). */
export function stampSecond(ms: number): string {
  const s = new Date(ms).toISOString();
  return `${s.slice(0, 4)}${s.slice(5, 7)}${s.slice(8, 10)}T${s.slice(11, 13)}${s.slice(14, 16)}${s.slice(17, 19)}Z`;
}

/** `YYYY/MM/DD` folder of a UTC time. */
function dayFolder(ms: number): string {
  const s = new Date(ms).toISOString();
  return `${s.slice(0, 4)}/${s.slice(5, 7)}/${s.slice(8, 10)}`;
}

/** Where one account's files go: `AWSLogs/<account>` or, for an organization trail, `AWSLogs/<o-id>/<account>`. */
export interface Place {
  readonly account: string;
  readonly region: string;
  readonly orgId?: string;
}

function root(place: Place): string {
  return place.orgId ? `AWSLogs/${place.orgId}/${place.account}` : `AWSLogs/${place.account}`;
}

/** Key of a log file delivered at `ms`; `unique` is the 16-character random part. */
export function logKey(place: Place, ms: number, unique: string): string {
  const { account, region } = place;
  return `${root(place)}/CloudTrail/${region}/${dayFolder(ms)}/${account}_CloudTrail_${region}_${stampMinute(ms)}_${unique}.json.gz`;
}

/** Key of an Insights file; same shape as a log file, under `CloudTrail-Insight`. */
export function insightKey(place: Place, ms: number, unique: string): string {
  const { account, region } = place;
  return `${root(place)}/CloudTrail-Insight/${region}/${dayFolder(ms)}/${account}_CloudTrail-Insight_${region}_${stampMinute(ms)}_${unique}.json.gz`;
}

/** Key of the digest file whose period ends at `endMs`. */
export function digestKey(place: Place, endMs: number, trail: string, homeRegion: string): string {
  const { account, region } = place;
  return `${root(place)}/CloudTrail-Digest/${region}/${dayFolder(endMs)}/${account}_CloudTrail-Digest_${region}_${trail}_${homeRegion}_${
    stampSecond(endMs)
  }.json.gz`;
}

/** The naming rules above as regular expressions (for tests and sanity checks). */
export const KEY_PATTERNS = {
  log:
    /^AWSLogs\/(?:o-[a-z0-9]{10,32}\/)?(\d{12})\/CloudTrail\/([a-z0-9-]+)\/(\d{4})\/(\d{2})\/(\d{2})\/\1_CloudTrail_\2_\3\4\5T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz$/,
  digest:
    /^AWSLogs\/(?:o-[a-z0-9]{10,32}\/)?(\d{12})\/CloudTrail-Digest\/([a-z0-9-]+)\/(\d{4})\/(\d{2})\/(\d{2})\/\1_CloudTrail-Digest_\2_[A-Za-z0-9._-]+_[a-z0-9-]+_\3\4\5T\d{6}Z\.json\.gz$/,
  insight:
    /^AWSLogs\/(?:o-[a-z0-9]{10,32}\/)?(\d{12})\/CloudTrail-Insight\/([a-z0-9-]+)\/(\d{4})\/(\d{2})\/(\d{2})\/\1_CloudTrail-Insight_\2_\3\4\5T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz$/,
} as const;
