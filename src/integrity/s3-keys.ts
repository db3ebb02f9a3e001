/**
 * S3 keys as digests record them, compared with the keys of local files. Pure string work.
 *
 * Digests record full object keys, including the trail's optional S3 prefix
 * (`my-prefix/AWSLogs/…`); local copies can sit under any folder. Both sides are compared from
 * `AWSLogs/` on. A local copy that was gunzipped (`….json` for `….json.gz`) still matches: the
 * hashes are of the decompressed bytes anyway.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-digest-file-structure.html
 */

const FROM_AWSLOGS = /(?:^|\/)(AWSLogs\/(?:o-[a-z0-9]{10,32}\/)?\d{12}\/.*)$/;

/** The key from `AWSLogs/` on, or the key itself when it has no `AWSLogs/<account>/` part. */
export function awsLogsKey(key: string): string {
  return FROM_AWSLOGS.exec(key.replaceAll('\\', '/'))?.[1] ?? key;
}

/** The form two keys are matched in: from `AWSLogs/` on, without a final `.gz`. */
export function matchKey(key: string): string {
  return awsLogsKey(key).replace(/\.gz$/, '');
}

/** The last path segment, without a final `.gz`. */
export function matchName(key: string): string {
  const slashed = key.replaceAll('\\', '/');
  return slashed.slice(slashed.lastIndexOf('/') + 1).replace(/\.gz$/, '');
}

/** What a digest file name says: the chain it belongs to and the end of its period. */
export interface DigestName {
  readonly account: string;
  readonly region: string;
  readonly trail: string;
  readonly homeRegion: string;
  /** digestEndTime as written in the name, as ISO `YYYY-MM-DDTHH:MM:SSZ`. */
  readonly end: string;
  readonly backfill: boolean;
}

// <account>_CloudTrail-Digest_<region>_<trail>_<home-region>_<YYYYMMDDTHHMMSSZ>[_backfill].json[.gz]
// Trail names may contain `_`, regions never do: the greedy trail group gives the two regions back.
const DIGEST_NAME = /^(\d{12})_CloudTrail-Digest_([a-z0-9-]+)_(.+)_([a-z0-9-]+)_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z(_backfill)?\.json(?:\.gz)?$/;

/** Parses a digest key or file name; undefined when it does not follow CloudTrail's naming. */
export function digestName(key: string): DigestName | undefined {
  const slashed = key.replaceAll('\\', '/');
  const m = DIGEST_NAME.exec(slashed.slice(slashed.lastIndexOf('/') + 1));
  if (!m) return undefined;
  return {
    account: m[1],
    region: m[2],
    trail: m[3],
    homeRegion: m[4],
    end: `${m[5]}-${m[6]}-${m[7]}T${m[8]}:${m[9]}:${m[10]}Z`,
    backfill: m[11] !== undefined,
  };
}

/** The chain a digest name belongs to: account, region, trail, home region; backfill apart. */
export function chainId(name: DigestName, orgId?: string): string {
  return [orgId ?? '', name.account, name.region, name.trail, name.homeRegion, name.backfill ? 'backfill' : ''].join('|');
}

/** The organization id (`o-…`) in a key, if any. */
export function orgIdOf(key: string): string | undefined {
  return /(?:^|\/)AWSLogs\/(o-[a-z0-9]{10,32})\//.exec(key)?.[1];
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The key the digest of the same chain ending at `endMs` would have: same folders and name, with
 * the day folder and the end stamp replaced. Used to name digests that are missing several in a
 * row, where only the newest one is named by its successor.
 */
export function siblingDigestKey(key: string, endMs: number): string {
  const d = new Date(endMs);
  const day = `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}`;
  const stamp = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${
    pad(d.getUTCSeconds())
  }Z`;
  return key
    .replace(/\/\d{4}\/\d{2}\/\d{2}\/([^/]+)$/, `/${day}/$1`)
    .replace(/_\d{8}T\d{6}Z((?:_backfill)?\.json(?:\.gz)?)$/, `_${stamp}$1`);
}
