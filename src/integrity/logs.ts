/**
 * Log files against the digests that list them (pure): match each listed `s3Object` to a local
 * file by its key from `AWSLogs/` on (whatever the local prefix; by file name for files not under
 * an `AWSLogs/` tree), then classify every log file once its hash is known.
 */
import type { LogFile } from '../types.ts';
import type { DigestEntry } from './digest-entry.ts';
import { isCovered, overlapsSpans, type Period } from './coverage.ts';
import { notCoveredByPlace } from './not-covered.ts';
import type { ListedLogFile } from './digest.ts';
import { awsLogsKey, matchKey, matchName } from './s3-keys.ts';
import { type Finding, finding, type LogCounts, type LogFileResult, type LogStatus } from './types.ts';

/** One log file key as the digests list it, with the local files it maps to. */
export interface ListedLog {
  readonly key: string;
  readonly listings: { readonly log: ListedLogFile; readonly digest: DigestEntry }[];
  /** Local copies (usually one; two when, say, both `….json.gz` and a gunzipped `….json` are kept). Empty: missing. */
  readonly files: LogFile[];
}

export interface LogPlan {
  /** Sorted by key. */
  readonly listed: ListedLog[];
  /** Local log files that no digest lists, in input order. */
  readonly unlisted: LogFile[];
}

/** The decompressed SHA-256 of a local file, or why it could not be read. */
export type FileHash = { ok: true; sha256: string; warning?: string } | { ok: false; reason: string };

/** Matches every listed log file to a local one. */
export function planLogChecks(entries: readonly DigestEntry[], locals: readonly LogFile[]): LogPlan {
  const byKey = new Map<string, LogFile[]>();
  const byName = new Map<string, LogFile[]>();
  for (const f of locals) {
    const map = f.key !== undefined ? byKey : byName;
    const k = f.key !== undefined ? matchKey(f.key) : matchName(f.path);
    map.set(k, [...(map.get(k) ?? []), f]);
  }
  const listed = new Map<string, ListedLog>();
  for (const digest of entries) {
    for (const log of digest.digest.logFiles) {
      const k = matchKey(log.s3Object);
      let item = listed.get(k);
      if (!item) {
        item = { key: awsLogsKey(log.s3Object), listings: [], files: [...(byKey.get(k) ?? []), ...(byName.get(matchName(log.s3Object)) ?? [])] };
        listed.set(k, item);
      }
      item.listings.push({ log, digest });
    }
  }
  const matched = new Set([...listed.values()].flatMap((l) => l.files));
  return { listed: [...listed.values()].sort((a, b) => (a.key < b.key ? -1 : 1)), unlisted: locals.filter((f) => !matched.has(f)) };
}

export interface LogClassification {
  readonly results: LogFileResult[];
  readonly counts: LogCounts;
  readonly findings: Finding[];
}

/**
 * Classifies every log file: verified, modified, missing, unreadable, unlisted or not covered.
 * Every file of `plan.unlisted` gets a finding, whatever its name.
 */
export function classifyLogs(plan: LogPlan, hashes: ReadonlyMap<string, FileHash>, spans: ReadonlyMap<string, Period[]>): LogClassification {
  const counts: LogCounts = { listed: plan.listed.length, verified: 0, modified: 0, missing: 0, unreadable: 0, unlisted: 0, 'not-covered': 0 };
  const results: LogFileResult[] = [];
  const findings: Finding[] = [];
  for (const item of plan.listed) {
    const first = item.listings[0];
    if (item.files.length === 0) {
      counts.missing++;
      results.push({ path: null, key: item.key, status: 'missing', digest: first.digest.path });
      findings.push(
        finding('log-missing', null, item.key, `log file ${item.key} is missing: listed in digest ${first.digest.path}, but not in the input (deleted?)`),
      );
      continue;
    }
    // Each local copy is checked; the key counts once, with the worst status of its copies.
    const statuses = item.files.map((file) => {
      const { status, problem } = checkCopy(file, item, hashes.get(file.path));
      results.push({ path: file.path, key: item.key, status, digest: first.digest.path });
      if (problem) findings.push(problem);
      return status;
    });
    counts[(['modified', 'unreadable'] as const).find((s) => statuses.includes(s)) ?? 'verified']++;
  }
  const notCovered: { file: LogFile; problem: Finding }[] = [];
  for (const file of plan.unlisted) {
    const problem = file.deliveredAt === undefined ? oddUnlisted(file, spans) : namedUnlisted(file, spans);
    const status = problem.kind === 'log-unlisted' ? 'unlisted' : 'not-covered';
    counts[status]++;
    results.push({ path: file.path, key: file.key ?? null, status, digest: null });
    if (status === 'unlisted') findings.push(problem);
    else notCovered.push({ file, problem });
  }
  for (const problem of notCoveredByPlace(notCovered)) findings.push(problem);
  return { results, counts, findings };
}

/** An unlisted file with a CloudTrail log name: unlisted (an error) when digests cover its delivery time. */
function namedUnlisted(file: LogFile, spans: ReadonlyMap<string, Period[]>): Finding {
  const at = file.deliveredAt ? Date.parse(file.deliveredAt) : Number.NaN;
  const covered = file.account !== undefined && file.region !== undefined && !Number.isNaN(at) &&
    isCovered(spans, { account: file.account, region: file.region, at });
  return covered
    ? finding(
      'log-unlisted',
      file.path,
      file.key ?? null,
      `${file.path} is listed in no digest, although digests of ${file.account}/${file.region} cover its delivery time (${file.deliveredAt}): added after delivery?`,
    )
    : finding(
      'log-not-covered',
      file.path,
      file.key ?? null,
      `${file.path} is listed in no digest and no digest of ${file.account ?? '?'}/${file.region ?? '?'} covers its delivery time (${
        file.deliveredAt ?? 'unknown'
      }): it cannot be verified`,
    );
}

const DAY = 86_400_000;

/**
 * An unlisted file that `report` reads as a log but whose name CloudTrail never writes
 * (`extra-evidence.json.gz`). In a CloudTrail log folder of the AWSLogs layout it poses as a
 * delivery of that account, region and day, exactly like an added standard-named file: unlisted
 * (an error) when digests of that account × region cover any part of the folder's day, not
 * covered (a warning) otherwise. Anywhere else no digest could ever list it: not covered.
 */
function oddUnlisted(file: LogFile, spans: ReadonlyMap<string, Period[]>): Finding {
  const key = file.key ?? null;
  const odd = `${file.path} is read as a log file by report, but it is listed in no digest and its name is not a CloudTrail log file name`;
  if (key === null || !file.account || !file.region || !file.date) {
    return finding(
      'log-not-covered',
      file.path,
      key,
      `${odd}; it is not in an AWSLogs/<account>/CloudTrail/<region>/ folder either, so no digest can cover it: it cannot be verified`,
    );
  }
  const where = `${file.account}/${file.region}`;
  const from = Date.parse(`${file.date}T00:00:00Z`);
  return !Number.isNaN(from) && overlapsSpans(spans, file.account, file.region, from, from + DAY)
    ? finding(
      'log-unlisted',
      file.path,
      key,
      `${odd}, although it is in the CloudTrail log folder of ${where} for ${file.date} and digests of ${where} cover (part of) that day: added after delivery?`,
    )
    : finding(
      'log-not-covered',
      file.path,
      key,
      `${odd}; it is in the CloudTrail log folder of ${where} for ${file.date}, but no digest of ${where} covers that day: it cannot be verified`,
    );
}

function checkCopy(file: LogFile, item: ListedLog, hash: FileHash | undefined): { status: LogStatus; problem?: Finding } {
  const first = item.listings[0];
  if (!hash || !hash.ok) {
    return {
      status: 'unreadable',
      problem: finding(
        'log-unreadable',
        file.path,
        item.key,
        `${file.path} cannot be read (${hash?.reason ?? 'not hashed'}); it is listed in digest ${first.digest.path}`,
      ),
    };
  }
  const wrong = item.listings.find((l) => l.log.hashValue !== hash.sha256);
  if (!wrong && hash.warning) {
    // The events are intact, but the stored file is not the object CloudTrail delivered.
    return {
      status: 'verified',
      problem: finding('trailing-data', file.path, item.key, `${file.path}: its content matches digest ${first.digest.path}, but ${hash.warning}`),
    };
  }
  if (!wrong) return { status: 'verified' };
  return {
    status: 'modified',
    problem: finding(
      'log-modified',
      file.path,
      item.key,
      `${file.path} was modified: the SHA-256 of its decompressed content is ${hash.sha256}, but digest ${wrong.digest.path} recorded ${wrong.log.hashValue}`,
    ),
  };
}
