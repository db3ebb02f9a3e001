/**
 * What an S3 object key of a CloudTrail delivery says about the file: kind, organization,
 * account, region and delivery time. Pure string work; the layout is never required.
 *
 * Layout (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/get-and-view-cloudtrail-log-files.html):
 *   AWSLogs/[o-org/]<account>/CloudTrail[-Digest|-Insight]/<region>/YYYY/MM/DD/<file>
 * File names: <account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<unique>.json.gz,
 *   digests  <account>_CloudTrail-Digest_<region>_<trail>_<home-region>_<YYYYMMDDTHHmmssZ>.json.gz
 */
import type { FileKind } from '../types.ts';

export interface KeyFacts {
  kind?: FileKind;
  key?: string;
  orgId?: string;
  account?: string;
  region?: string;
  date?: string;
  deliveredAt?: string;
}

const FOLDER_RE =
  /(?:^|\/)(AWSLogs\/(?:(o-[a-z0-9]{10,32})\/)?(\d{12})\/(CloudTrail|CloudTrail-Digest|CloudTrail-Insight)\/([a-z0-9-]+)\/(\d{4})\/(\d{2})\/(\d{2})\/[^/]+)$/;
const NAME_RE = /^(\d{12})_(CloudTrail|CloudTrail-Digest|CloudTrail-Insight)_([a-z0-9-]+)_(?:.*_)?(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(?:\d{2})?Z(?:_|\.|$)/;

const KIND_BY_FOLDER: Record<string, FileKind> = {
  CloudTrail: 'log',
  'CloudTrail-Digest': 'digest',
  'CloudTrail-Insight': 'insight',
};

/** Facts from a path with `/` separators; fields are absent when the path does not say. */
export function factsFromPath(path: string): KeyFacts {
  const facts: KeyFacts = {};
  const slashed = path.replaceAll('\\', '/');
  const folder = FOLDER_RE.exec(slashed);
  if (folder) {
    facts.key = folder[1];
    if (folder[2]) facts.orgId = folder[2];
    facts.account = folder[3];
    facts.kind = KIND_BY_FOLDER[folder[4]];
    facts.region = folder[5];
    facts.date = `${folder[6]}-${folder[7]}-${folder[8]}`;
  }
  const name = NAME_RE.exec(slashed.slice(slashed.lastIndexOf('/') + 1));
  if (name) {
    facts.account ??= name[1];
    facts.kind ??= KIND_BY_FOLDER[name[2]];
    facts.region ??= name[3];
    facts.date ??= `${name[4]}-${name[5]}-${name[6]}`;
    facts.deliveredAt = `${name[4]}-${name[5]}-${name[6]}T${name[7]}:${name[8]}Z`;
  }
  return facts;
}

// Every extension CloudTrail evidence comes in: delivery files (.json.gz), lookup-events and
// console downloads (.json, .csv), NDJSON (.jsonl, .ndjson, and the .log of log shippers),
// CloudWatch Logs exports (000000.gz), and archives (.zip, .tar, .tgz, .tar.gz). The extension
// only decides whether a file is opened: what is in it is decided by its content.
const LOG_EXTENSIONS = ['.json.gz', '.json', '.gz', '.jsonl', '.ndjson', '.log', '.csv', '.zip', '.tar', '.tgz'];

/** Kind of a file from its path: the AWSLogs folder or name decides, else the extension. Pass `facts` when already known. */
export function kindFromPath(path: string, facts: KeyFacts = factsFromPath(path)): FileKind {
  if (facts.kind === 'digest' || facts.kind === 'insight') return facts.kind;
  const lower = path.toLowerCase();
  if (/(^|[/\\])cloudtrail-digest[/\\]/.test(lower) || lower.includes('_cloudtrail-digest_')) return 'digest';
  if (/(^|[/\\])cloudtrail-insight[/\\]/.test(lower) || lower.includes('_cloudtrail-insight_')) return 'insight';
  return LOG_EXTENSIONS.some((ext) => lower.endsWith(ext)) ? 'log' : 'other';
}
