/**
 * Log files no digest covers, said once per account and region (pure): an archive without digests
 * has thousands (2,000 lines on the bench archive said one thing 2,000 times). The result's
 * `logFiles` still lists each file with status `not-covered`.
 */
import type { LogFile } from '../types.ts';
import { type Finding, finding } from './types.ts';

/** One finding per account × region of not-covered files; a place with one file keeps that file's own finding. */
export function notCoveredByPlace(items: readonly { file: LogFile; problem: Finding }[]): Finding[] {
  const byPlace = new Map<string, { file: LogFile; problem: Finding }[]>();
  for (const item of items) {
    const place = item.file.account && item.file.region ? `${item.file.account}/${item.file.region}` : '';
    if (!byPlace.has(place)) byPlace.set(place, []);
    byPlace.get(place)!.push(item);
  }
  const out: Finding[] = [];
  for (const [place, group] of [...byPlace].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (group.length === 1) {
      out.push(group[0].problem);
      continue;
    }
    const times = group.map((g) => g.file.deliveredAt ?? g.file.date).filter((t): t is string => t !== undefined).sort();
    const span = times.length ? `, delivered ${times[0]} to ${times[times.length - 1]}` : '';
    const each = 'the JSON output lists each one, status not-covered';
    if (place === '') {
      out.push(
        finding(
          'log-not-covered',
          null,
          null,
          `${group.length} files read as log files by report are outside any AWSLogs/<account>/CloudTrail/<region>/ folder, so no digest can list them: they cannot be verified (${each}; first: ${
            group[0].file.path
          })`,
        ),
      );
      continue;
    }
    const [account, region] = place.split('/');
    out.push(
      finding(
        'log-not-covered',
        null,
        `AWSLogs/${account}/CloudTrail/${region}/`,
        `${group.length} log files of ${place}${span} are listed in no digest, and no digest of ${place} covers their delivery times: they cannot be verified (${each})`,
      ),
    );
  }
  return out;
}
