/**
 * Walks digest chains (pure): per account, region and trail, standard and backfill digests
 * apart, each digest links to its predecessor by key and SHA-256. Finds modified, missing
 * (several in a row too: aws/aws-cli#7054), moved and unreferenced digests, and tells legitimate
 * restarts (previous-digest fields null) from gaps.
 */
import { startsChain } from './digest.ts';
import type { DigestEntry } from './digest-entry.ts';
import { dropDuplicateCopies, movedCheck, strayChecks } from './placement.ts';
import { awsLogsKey, digestName, matchKey, matchName, siblingDigestKey } from './s3-keys.ts';
import { type ChainSummary, type Finding, finding } from './types.ts';

/** The digests of one chain, oldest first, with what the walk counted. */
export interface ChainGroup {
  readonly id: string;
  readonly entries: DigestEntry[];
  restarts: number;
  missing: number;
}

export interface ChainWalk {
  /** The digests walked: the input without second copies of the same digest. */
  readonly entries: DigestEntry[];
  readonly groups: ChainGroup[];
  /** Each digest -> the digest that names it as previous (whose previousDigestSignature signs it). */
  readonly successor: Map<DigestEntry, DigestEntry>;
  readonly findings: Finding[];
}

const HOUR = 3_600_000;
const ms = (iso: string) => Date.parse(iso);

/** Links every digest to its predecessor and reports what is wrong with the chains. */
export function walkChains(all: readonly DigestEntry[]): ChainWalk {
  const findings: Finding[] = [];
  const successor = new Map<DigestEntry, DigestEntry>();
  const copies = dropDuplicateCopies(all);
  const entries = copies.entries;
  // Loops, not push(...list): a list spread into arguments overflows the stack past ~125k items.
  for (const f of copies.findings) findings.push(f);
  for (const f of [...entries.flatMap(movedCheck), ...strayChecks(entries)]) findings.push(f);
  const lookup = indexEntries(entries);
  const groups = new Map<string, ChainGroup>();
  for (const e of entries) {
    if (!groups.has(e.chain)) groups.set(e.chain, { id: e.chain, entries: [], restarts: 0, missing: 0 });
    groups.get(e.chain)!.entries.push(e);
  }
  for (const group of groups.values()) {
    group.entries.sort((a, b) => ms(a.digest.digestEndTime) - ms(b.digest.digestEndTime) || (a.path < b.path ? -1 : 1));
    const beforeMissing = new Set<DigestEntry>();
    group.entries.forEach((d, i) => {
      const earlier = group.entries[i - 1];
      if (startsChain(d.digest)) {
        if (!earlier) {
          findings.push(
            finding(
              'chain-start',
              d.path,
              d.localKey ?? null,
              `${d.path} starts its chain (previous-digest fields are null): the first digest after logging or log file validation was turned on`,
            ),
          );
        } else {
          group.restarts++;
          findings.push(
            finding(
              'chain-restart',
              d.path,
              d.localKey ?? null,
              `${d.path} starts a new chain segment after ${earlier.path} (previous-digest fields are null): no digests from ${earlier.digest.digestEndTime} to ${d.digest.digestStartTime}. CloudTrail does this when logging or log file validation was stopped and started again; log files delivered in between are covered by no digest`,
            ),
          );
        }
        return;
      }
      const previousKey = d.digest.previousDigestS3Object!;
      const p = lookup(previousKey);
      if (p) {
        for (const f of linkCheck(p, d, successor)) findings.push(f);
        return;
      }
      if (!earlier) {
        findings.push(
          finding(
            'chain-before-input',
            d.path,
            d.localKey ?? null,
            `${d.path} is the oldest digest of its chain in the input; its previous digest ${
              awsLogsKey(previousKey)
            } is not in the input (outside the downloaded range?). The chain is verified from here on`,
          ),
        );
        return;
      }
      beforeMissing.add(earlier);
      const missing = missingRun(previousKey, d, earlier);
      group.missing += missing.count;
      for (const f of missing.findings) findings.push(f);
    });
    group.entries.forEach((e, i) => {
      const next = group.entries[i + 1];
      if (next && !successor.has(e) && !beforeMissing.has(e) && !startsChain(next.digest)) {
        findings.push(
          finding(
            'digest-unreferenced',
            e.path,
            e.localKey ?? null,
            `${e.path} is not named as previous digest by any later digest of its chain (a stray copy, or a digest that does not belong to this chain)`,
          ),
        );
      }
    });
  }
  return { entries, groups: [...groups.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), successor, findings };
}

/** Finds a digest by the key a successor records: local key first, then file name, then recorded key (a moved digest). */
function indexEntries(entries: readonly DigestEntry[]): (key: string) => DigestEntry | undefined {
  const byLocal = new Map<string, DigestEntry>();
  const byName = new Map<string, DigestEntry>();
  const byRecorded = new Map<string, DigestEntry>();
  const add = (map: Map<string, DigestEntry>, k: string, e: DigestEntry) => void (map.has(k) || map.set(k, e));
  for (const e of entries) {
    if (e.localKey !== undefined) add(byLocal, matchKey(e.localKey), e);
    else add(byName, matchName(e.path), e);
    add(byRecorded, matchKey(e.digest.digestS3Object), e);
  }
  return (key) => byLocal.get(matchKey(key)) ?? byName.get(matchName(key)) ?? byRecorded.get(matchKey(key));
}

function linkCheck(p: DigestEntry, d: DigestEntry, successor: Map<DigestEntry, DigestEntry>): Finding[] {
  const out: Finding[] = [];
  const other = successor.get(p);
  if (other) {
    out.push(
      finding('chain-fork', p.path, p.localKey ?? null, `${p.path} is named as previous digest by both ${other.path} and ${d.path}: a chain cannot fork`),
    );
  } else successor.set(p, d);
  const recorded = d.digest.previousDigestHashValue?.toLowerCase();
  if (recorded !== p.sha256) {
    out.push(
      finding(
        'digest-modified',
        p.path,
        p.localKey ?? null,
        `${p.path} was modified: its SHA-256 is ${p.sha256} but its successor ${d.path} recorded ${recorded ?? 'null'} (previousDigestHashValue)`,
      ),
    );
  }
  if (p.digest.digestEndTime !== d.digest.digestStartTime) {
    out.push(
      finding(
        'chain-discontinuity',
        d.path,
        d.localKey ?? null,
        `${d.path} starts at ${d.digest.digestStartTime} but its previous digest ${p.path} ends at ${p.digest.digestEndTime}`,
      ),
    );
  }
  return out;
}

// Past a week of hourly digests in a row, the predicted names are summed up in one finding: a
// digest's dates are claims (one naming a previous digest of year 9999 "predicts" 70 million), and
// the walk must cost what the files cost.
const MAX_NAMED_MISSING = 168;

/** What `missingRun` found: the findings, and how many digests they say are missing. */
interface MissingRun {
  readonly findings: Finding[];
  readonly count: number;
}

/**
 * The digests missing between `earlier` (present) and `d`: the one `d` names, plus the ones
 * before it, one an hour, that nothing names any more (the aws-cli reports only the first). A
 * run is predicted only when the named digest's time lies between `earlier` and `d`; up to
 * {@link MAX_NAMED_MISSING} are named one by one, a longer run is one finding with its count.
 */
function missingRun(previousKey: string, d: DigestEntry, earlier: DigestEntry): MissingRun {
  const key = awsLogsKey(previousKey);
  const earlierEnd = ms(earlier.digest.digestEndTime);
  const namedEnd = ms(digestName(key)?.end ?? d.digest.digestStartTime);
  const missing = `digest ${key} is missing: ${d.path} names it as its previous digest, but it is not in the input (deleted?)`;
  if (!(namedEnd >= earlierEnd - HOUR && namedEnd <= ms(d.digest.digestStartTime) + HOUR)) {
    const odd =
      `; its name's time is not between the end of ${earlier.path} (${earlier.digest.digestEndTime}) and the start of ${d.path} (${d.digest.digestStartTime}), so no run of missing digests is predicted`;
    return { findings: [finding('digest-missing', null, key, missing + odd)], count: 1 };
  }
  const count = Math.max(1, Math.round((namedEnd - earlierEnd) / HOUR));
  const run = count > 1 ? ` (${count} digests missing in a row after ${earlier.path})` : '';
  const findings = [finding('digest-missing', null, key, missing + run)];
  if (count - 1 > MAX_NAMED_MISSING) {
    const newest = siblingDigestKey(key, namedEnd - HOUR);
    const oldest = siblingDigestKey(key, namedEnd - (count - 1) * HOUR);
    findings.push(
      finding(
        'digest-missing',
        null,
        newest,
        `${
          count - 1
        } more digests are missing, from ${oldest} to ${newest}: no digest of the chain between ${earlier.path} and ${d.path}, and CloudTrail writes one an hour (names predicted from the chain's naming; not listed one by one past ${MAX_NAMED_MISSING})`,
      ),
    );
    return { findings, count };
  }
  for (let k = 1; k < count; k++) {
    const expected = siblingDigestKey(key, namedEnd - k * HOUR);
    findings.push(
      finding(
        'digest-missing',
        null,
        expected,
        `digest ${expected} is missing: no digest of the chain between ${earlier.path} and ${d.path}, and CloudTrail writes one an hour (name predicted from the chain's naming)`,
      ),
    );
  }
  return { findings, count };
}

/** One summary row per chain; `verified` says whether a digest's signature was verified. */
export function summarizeChains(walk: ChainWalk, verified: (e: DigestEntry) => boolean): ChainSummary[] {
  return walk.groups.map((g) => {
    const first = g.entries[0];
    const last = g.entries[g.entries.length - 1];
    const n = first.name;
    return {
      account: n?.account ?? first.digest.awsAccountId,
      region: n?.region ?? '?',
      trail: n?.trail ?? '?',
      homeRegion: n?.homeRegion ?? '?',
      backfill: n?.backfill ?? false,
      digests: g.entries.length,
      from: first.digest.digestStartTime,
      to: last.digest.digestEndTime,
      restarts: g.restarts,
      missingDigests: g.missing,
      signaturesVerified: g.entries.filter(verified).length,
    };
  });
}
