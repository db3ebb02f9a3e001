/**
 * `generateArchive`: writes a deterministic CloudTrail archive in the real S3 layout, one file
 * at a time (only the per-file plan and the digest index stay in memory), then its digests.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync as zlibGzip } from 'node:zlib';
import { gzipSync } from 'fflate';
import { type DeliveredLog, writeDigests } from './digests.ts';
import type { EventContext, Json } from './envelope.ts';
import { insightPair } from './insight.ts';
import { loadSigningKey, publicKeysDocument } from './keys.ts';
import { insightKey, logKey } from './layout.ts';
import { type ArchiveOptions, resolveOptions } from './options.ts';
import { planFiles, WINDOW_MS } from './plan.ts';
import { Rng } from './rng.ts';
import { type StoryKind, SupportStories } from './stories.ts';
import { SUPPORT_SOURCES } from './support-sources.ts';
import { BackgroundEvents, buildWorld } from './world.ts';

/** What was written, counted while writing. */
export interface ArchiveSummary {
  readonly logFiles: number;
  readonly digestFiles: number;
  readonly insightFiles: number;
  readonly records: number;
  readonly supportRecords: number;
  /** Records per eventSource. */
  readonly bySource: Record<string, number>;
  /** Support records per `eventSource eventName`. */
  readonly supportByName: Record<string, number>;
  /** Case stories started, per kind. */
  readonly stories: Partial<Record<StoryKind, number>>;
  /** Uncompressed and gzipped bytes of the log files. */
  readonly jsonBytes: number;
  readonly gzipBytes: number;
}

const SUPPORT = new Set<string>(SUPPORT_SOURCES);

/** gzip at a fixed level with a zero mtime, so no wall-clock time reaches the bytes. */
function gzipWith(compressor: 'fflate' | 'zlib'): (bytes: Uint8Array) => Uint8Array {
  // node:zlib writes mtime 0 unless told otherwise; fflate needs it spelled out.
  return compressor === 'zlib' ? (bytes) => zlibGzip(bytes, { level: 6 }) : (bytes) => gzipSync(bytes, { level: 6, mtime: 0 });
}

/** Generates the archive described by `options` under `options.out`. */
export async function generateArchive(options: ArchiveOptions): Promise<ArchiveSummary> {
  const o = resolveOptions(options);
  const root = new Rng(o.seed);
  const plan = planFiles(o, root.fork('plan'));
  const world = buildWorld(o.accounts, root.fork('world'));
  const rng = root.fork('events');
  const stories = new SupportStories(root.fork('stories'), world, o.sources);
  const background = new BackgroundEvents();
  const gzip = gzipWith(o.compressor);
  const made = new Set<string>();
  const write = async (key: string, data: Uint8Array) => {
    const path = join(o.out, key);
    const dir = dirname(path);
    if (!made.has(dir)) {
      await mkdir(dir, { recursive: true });
      made.add(dir);
    }
    await writeFile(path, data);
  };

  const bySource: Record<string, number> = {};
  const supportByName: Record<string, number> = {};
  const delivered: DeliveredLog[] = [];
  let records = 0, supportRecords = 0, jsonBytes = 0, gzipBytes = 0;
  for (const file of plan) {
    const acct = world.get(file.account)!;
    const times = eventTimes(rng, file.records, Math.max(o.startMs, file.deliveredMs - WINDOW_MS), file.deliveredMs - 20_000);
    const out: Json[] = new Array(file.records);
    let supportLeft = file.support;
    for (let i = 0; i < times.length; i++) {
      const ctx: EventContext = { rng, ms: times[i], account: file.account, region: file.region };
      // Selection sampling: exactly `file.support` of the slots, uniformly placed.
      const isSupport = rng.next() * (times.length - i) < supportLeft;
      const r = isSupport ? stories.next(ctx) : background.next(ctx, acct);
      if (isSupport) supportLeft--;
      const source = r.eventSource as string;
      bySource[source] = (bySource[source] ?? 0) + 1;
      if (SUPPORT.has(source)) {
        supportRecords++;
        const name = `${source} ${r.eventName as string}`;
        supportByName[name] = (supportByName[name] ?? 0) + 1;
      }
      out[i] = r;
    }
    records += out.length;
    const json = Buffer.from(JSON.stringify({ Records: out }), 'utf8');
    const gz = gzip(json);
    const key = logKey(file, file.deliveredMs, file.unique);
    await write(key, gz);
    jsonBytes += json.length;
    gzipBytes += gz.length;
    delivered.push({
      key,
      place: file,
      deliveredMs: file.deliveredMs,
      oldestMs: times[0],
      newestMs: times[times.length - 1],
      sha256: createHash('sha256').update(json).digest('hex'),
    });
  }

  const insightRng = root.fork('insights');
  for (let i = 0; i < o.insightFiles; i++) {
    const place = plan[insightRng.int(plan.length)];
    const startMs = o.startMs + Math.floor((insightRng.next() * o.spanMs) / 2 / 1000) * 1000;
    const pair = insightPair(insightRng, place.account, place.region, startMs, insightRng.range(3, 12));
    const deliveredMs = startMs + 20 * 60_000;
    await write(insightKey(place, deliveredMs, insightRng.alnum(16)), gzip(Buffer.from(JSON.stringify({ Records: pair }), 'utf8')));
  }

  let digestFiles = 0;
  if (o.digests) {
    const key = loadSigningKey(o.privateKeyPem);
    const signatures = await writeDigests(o, delivered, key, root.fork('digests'), (k, bytes) => write(k, gzip(bytes)));
    digestFiles = signatures.size;
    await write('public-keys.json', Buffer.from(publicKeysDocument(key, o.startMs, o.startMs + o.spanMs)));
    await write('signatures.json', Buffer.from(JSON.stringify(Object.fromEntries(signatures), null, 2) + '\n'));
  }
  return {
    logFiles: plan.length,
    digestFiles,
    insightFiles: o.insightFiles,
    records,
    supportRecords,
    bySource: sortKeys(bySource),
    supportByName: sortKeys(supportByName),
    stories: Object.fromEntries(stories.started),
    jsonBytes,
    gzipBytes,
  };
}

/** `n` sorted event times in whole seconds within [fromMs, toMs]. */
function eventTimes(rng: Rng, n: number, fromMs: number, toMs: number): number[] {
  const seconds = Math.max(1, Math.floor((toMs - fromMs) / 1000));
  const times = new Array<number>(n);
  for (let i = 0; i < n; i++) times[i] = fromMs + rng.int(seconds + 1) * 1000;
  return times.sort((a, b) => a - b);
}

function sortKeys(o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}
