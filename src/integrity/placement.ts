/**
 * Where a digest was found against where it says it was written (pure): moved digests, and
 * second copies of one digest (a `….json.gz` beside its gunzipped `….json`, or the same folder
 * given twice) that must not look like a fork of the chain.
 */
import type { DigestEntry } from './digest-entry.ts';
import { matchKey, matchName } from './s3-keys.ts';
import { type Finding, finding } from './types.ts';

const placeOf = (e: DigestEntry) => (e.localKey !== undefined ? matchKey(e.localKey) : matchName(e.path));

/** A finding when the digest's recorded location (from `AWSLogs/` on) is not where it was found. */
export function movedCheck(e: DigestEntry): Finding[] {
  const recorded = e.digest.digestS3Object;
  const same = e.localKey !== undefined ? placeOf(e) === matchKey(recorded) : placeOf(e) === matchName(recorded);
  if (same) return [];
  const where = e.localKey ?? e.path;
  return [
    finding(
      'digest-moved',
      e.path,
      e.localKey ?? null,
      `${e.path} records its own location as s3://${e.digest.digestS3Bucket}/${recorded} but was found at ${where}: it was moved or renamed (its signature covers the recorded location)`,
    ),
  ];
}

/**
 * Digests found outside the `AWSLogs/` layout that the other digests of their chain are in (one
 * copied or moved to another folder): matched by name they would still link, so without this the
 * move went unreported. A chain whose digests are all outside the layout (a flat folder of copies)
 * has no layout to be moved out of.
 */
export function strayChecks(entries: readonly DigestEntry[]): Finding[] {
  const inLayout = new Map<string, number>();
  for (const e of entries) if (e.localKey !== undefined) inLayout.set(e.chain, (inLayout.get(e.chain) ?? 0) + 1);
  return entries.filter((e) => e.localKey === undefined && inLayout.has(e.chain)).map((e) =>
    finding(
      'digest-moved',
      e.path,
      null,
      `${e.path} is outside the AWSLogs/ layout where the other ${
        inLayout.get(e.chain)
      } digests of its chain are (recorded at s3://${e.digest.digestS3Bucket}/${e.digest.digestS3Object}): it was moved or copied out of it`,
    )
  );
}

// The copy named exactly as recorded (the `.gz` one, usually) is preferred as the original.
const exact = (e: DigestEntry) => (e.localKey ?? e.path).endsWith(matchName(e.digest.digestS3Object) + (e.digest.digestS3Object.endsWith('.gz') ? '.gz' : ''));

/** Keeps one of several copies with the same place and the same bytes; the others are noted (info). */
export function dropDuplicateCopies(entries: readonly DigestEntry[]): { entries: DigestEntry[]; findings: Finding[] } {
  const first = new Map<string, DigestEntry>();
  const kept: DigestEntry[] = [];
  const findings: Finding[] = [];
  const ordered = [...entries.filter(exact), ...entries.filter((e) => !exact(e))];
  for (const e of ordered) {
    const id = `${placeOf(e)}\u0000${e.sha256}`;
    const original = first.get(id);
    if (!original) {
      first.set(id, e);
      kept.push(e);
    } else {
      findings.push(
        finding(
          'digest-duplicate',
          e.path,
          e.localKey ?? null,
          `${e.path} is a second copy of ${original.path} (same place, same content); only the first is used`,
        ),
      );
    }
  }
  return { entries: kept, findings };
}
