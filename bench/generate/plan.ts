/**
 * The delivery plan: which account and region each log file belongs to, when it is delivered,
 * how many records it holds and how many of those are Support events. Only this small plan is
 * held in memory (one entry per file); records are made file by file from it.
 */
import type { Place } from './layout.ts';
import type { ResolvedOptions } from './options.ts';
import type { Rng } from './rng.ts';

/** One log file to write. */
export interface PlannedFile extends Place {
  readonly deliveredMs: number;
  readonly records: number;
  readonly support: number;
  /** The 16-character unique part of the file name. */
  readonly unique: string;
}

/** Events of a file happen in the minutes before its delivery (CloudTrail delivers about every 5 minutes). */
export const WINDOW_MS = 6 * 60_000;

/**
 * us-east-1 gets more files (global services such as IAM and STS log there) and far more Support
 * events (the Support API's main endpoint is in us-east-1).
 */
function regionWeight(region: string, regions: readonly string[], forSupport: boolean): number {
  const main = regions.includes('us-east-1') ? 'us-east-1' : regions[0];
  if (region !== main) return 1;
  return forSupport ? 4 : 2.5;
}

/** Plans every log file, sorted by delivery time. */
export function planFiles(o: ResolvedOptions, rng: Rng): PlannedFile[] {
  const places: [Place, number][] = [];
  for (const account of o.accounts) {
    const orgId = o.orgAccounts.includes(account) ? o.orgId : undefined;
    for (const region of o.regions) places.push([{ account, region, ...(orgId ? { orgId } : {}) }, regionWeight(region, o.regions, false)]);
  }
  // The first delivery leaves room for a full window of events after the archive's start.
  const first = o.startMs + WINDOW_MS + 60_000;
  const usable = Math.max(o.spanMs - WINDOW_MS - 60_000, 60_000);
  // Every account/region delivers at least once (when there are enough files), the rest by weight.
  const order = places.slice(0, o.files).map(([p]) => p);
  while (order.length < o.files) order.push(rng.weighted(places));
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const files: PlannedFile[] = [];
  const weights: number[] = [];
  for (let i = 0; i < o.files; i++) {
    const place = order[i];
    const records = rng.range(o.recordsPerFile[0], o.recordsPerFile[1]);
    const deliveredMs = first + Math.floor((usable * (i + rng.next())) / o.files / 1000) * 1000;
    files.push({ ...place, deliveredMs, records, support: 0, unique: rng.alnum(16) });
    weights.push(records * regionWeight(place.region, o.regions, true) * (0.25 + 1.5 * rng.next()));
  }
  const counts = allocate(files.map((f) => f.records), weights, Math.round(total(files) * o.supportDensity), rng);
  return files.map((f, i) => ({ ...f, support: counts[i] }));
}

function total(files: readonly PlannedFile[]): number {
  let n = 0;
  for (const f of files) n += f.records;
  return n;
}

/**
 * Splits `want` Support events over files in proportion to `weights`, never more than a file's
 * capacity, and exactly `want` in total: each file takes its share of what is left, clamped so
 * the files after it can still hold the rest.
 */
export function allocate(capacity: readonly number[], weights: readonly number[], want: number, rng: Rng): number[] {
  let left = want;
  let capLeft = capacity.reduce((a, b) => a + b, 0);
  let weightLeft = weights.reduce((a, b) => a + b, 0);
  return capacity.map((cap, i) => {
    const share = weightLeft > 0 ? (left * weights[i]) / weightLeft : 0;
    let k = Math.floor(share) + (rng.next() < share - Math.floor(share) ? 1 : 0);
    k = Math.min(Math.max(k, left - (capLeft - cap), 0), cap, left);
    left -= k;
    capLeft -= cap;
    weightLeft -= weights[i];
    return k;
  });
}
