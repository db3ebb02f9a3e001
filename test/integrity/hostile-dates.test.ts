/**
 * Digests whose dates claim millennia: the chain walk and the coverage cost what the files cost
 * (a few findings, a few spans), not one step per hour the dates claim. A digest naming a previous
 * digest of year 9999 ran out of heap; one spanning 0000 to 9999 hit "Set maximum size exceeded".
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rmSync } from 'node:fs';
import { coverageRows, hoursTouched, isCovered, mergePeriods, overlapsSpans, type Period } from '../../src/integrity/coverage.ts';
import { verifyArchive } from '../../src/integrity/verify.ts';
import { editGzJson, signedArchive } from '../_support/integrity-fixture.ts';

const HOUR = 3_600_000;
const renamed = (key: unknown, stamp: string) => String(key).replace(/_\d{8}T\d{6}Z/, `_${stamp}`);

test('a digest naming a previous digest dated 9999, after a digest that is there: one missing digest, no run predicted', async () => {
  const a = signedArchive({ hours: 3 });
  editGzJson(a.digests[2], (d) => void (d.previousDigestS3Object = renamed(d.previousDigestS3Object, '99991231T235959Z')));
  const r = await verifyArchive([a.root]);
  const missing = r.findings.filter((f) => f.kind === 'digest-missing');
  assert.is(missing.length, 1);
  assert.match(missing[0].key!, /_99991231T235959Z\.json\.gz$/);
  assert.match(
    missing[0].message,
    /its name's time is not between the end of .* \(2026-01-05T11:20:30Z\) and the start of .* so no run of missing digests is predicted$/,
  );
  assert.is(r.chains[0].missingDigests, 1);
});

test('a chain gap from 2026 to 9999: the run is counted, the first week named, the rest one finding', async () => {
  const a = signedArchive({ hours: 3 });
  rmSync(a.digests[1]);
  editGzJson(a.digests[2], (d) => {
    d.digestStartTime = '9999-12-31T22:59:59Z';
    d.digestEndTime = '9999-12-31T23:59:59Z';
    d.previousDigestS3Object = renamed(d.previousDigestS3Object, '99991231T225959Z');
  });
  const r = await verifyArchive([a.root]);
  const count = Math.round((Date.parse('9999-12-31T22:59:59Z') - Date.parse('2026-01-05T10:20:30Z')) / HOUR);
  assert.ok(count > 69_000_000);
  assert.is(r.chains[0].missingDigests, count);
  const missing = r.findings.filter((f) => f.kind === 'digest-missing').map((f) => f.message);
  assert.is(missing.length, 2);
  assert.match(missing.join('\n'), new RegExp(`\\(${count} digests missing in a row after `));
  assert.match(
    missing.join('\n'),
    new RegExp(`${count - 1} more digests are missing, from \\S+_20260105T\\d{6}Z\\.json\\.gz to \\S+_99991231T215959Z\\.json\\.gz`),
  );
});

test('a digest spanning year 0000 to 9999 is one span: verify completes and counts its hours', async () => {
  const a = signedArchive({ hours: 2 });
  editGzJson(a.digests[1], (d) => {
    d.digestStartTime = '0000-01-01T00:00:00Z';
    d.digestEndTime = '9999-12-31T23:59:59Z';
  });
  const r = await verifyArchive([a.root]);
  const hours = Math.ceil(Date.parse('9999-12-31T23:59:59Z') / HOUR) - Math.floor(Date.parse('0000-01-01T00:00:00Z') / HOUR);
  assert.equal(r.coverage.map((c) => [c.digestHours, c.logHours, c.logHoursWithoutDigest, c.holes.length]), [[hours, 2, 0, 0]]);
});

/** Random periods, a quarter of them inverted or empty, within a few days. */
function randomPeriods(seed: number, n: number): (Period & { account: string; region: string })[] {
  let s = seed;
  const next = () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: n }, () => {
    const from = Math.floor(next() * 96) * 900_000 + Math.floor(next() * 3) * 1000;
    const to = next() < 0.25 ? from - Math.floor(next() * 2) * 600_000 : from + Math.floor(next() * 12) * 900_000;
    return { account: 'a', region: 'r', from, to };
  });
}

test('hoursTouched(), isCovered(), overlapsSpans() and the holes agree with hour-by-hour and span-by-span lookups', () => {
  for (let seed = 1; seed <= 200; seed++) {
    const periods = randomPeriods(seed, 1 + (seed % 9));
    const spans = mergePeriods(periods);
    const list = spans.get('a|r') ?? [];
    const proper = periods.filter((p) => p.from <= p.to);
    const hours = new Set<number>();
    for (const p of proper) for (let h = Math.floor(p.from / HOUR); h * HOUR < p.to; h++) hours.add(h);
    assert.is(hoursTouched(list), hours.size, `seed ${seed}`);
    for (let t = -HOUR; t < 100 * 900_000; t += 450_000) {
      // The span-by-span lookups that were there before, on the same merged spans.
      const covered = list.some((p) => p.from <= t && t + 15 * 60_000 <= p.to);
      const overlaps = list.some((p) => p.from < t + HOUR && t < p.to);
      assert.is(isCovered(spans, { account: 'a', region: 'r', at: t }), covered, `seed ${seed}, t ${t}`);
      assert.is(overlapsSpans(spans, 'a', 'r', t, t + HOUR), overlaps, `seed ${seed}, t ${t}`);
    }
    const times = Array.from({ length: 40 }, (_, i) => i * 2_250_000 - HOUR);
    const [row] = coverageRows(spans, times.map((at) => ({ account: 'a', region: 'r', at })));
    const inHoles = row.holes.reduce((sum, h) => sum + h.logFiles, 0);
    const expected = row.holes.reduce((sum, h) => sum + times.filter((t) => Date.parse(h.from) <= t && t < Date.parse(h.to)).length, 0);
    assert.is(inHoles, expected, `seed ${seed}`);
  }
});

test.run();
