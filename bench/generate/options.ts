/**
 * Options of `generateArchive`, their defaults, and the early checks that name a bad value.
 */

/** What to generate. Only `seed`, `out`, `files`, `recordsPerFile` and `supportDensity` are required. */
export interface ArchiveOptions {
  /** Same seed, same bytes. */
  readonly seed: number | string;
  /** Output folder (the bucket root); `AWSLogs/…` is written inside it. */
  readonly out: string;
  /** Number of log files. */
  readonly files: number;
  /** Records per log file: a count, or an inclusive `[min, max]` range. */
  readonly recordsPerFile: number | readonly [number, number];
  /** Fraction of all records that are Support events (e.g. `1 / 5000`); the total is exact (rounded). */
  readonly supportDensity: number;
  /** 12-digit account ids. Default `['111122223333']`. */
  readonly accounts?: readonly string[];
  /** Regions; the first is the trail's home region. Default us-east-1, us-west-2, eu-west-1. */
  readonly regions?: readonly string[];
  /** Organization id (`o-…`) of an organization trail. */
  readonly orgId?: string;
  /** Accounts delivered under `AWSLogs/<orgId>/`; default all accounts when `orgId` is set. */
  readonly orgAccounts?: readonly string[];
  /** ISO start of the archive's time range. Default `2026-01-05T00:00:00Z`. */
  readonly start?: string;
  /** Length of the time range, in hours. Default 24. */
  readonly spanHours?: number;
  /** Write signed hourly digest files, `public-keys.json` and `signatures.json`. Default false. */
  readonly digests?: boolean;
  /** `'support'`: Support events come from support.amazonaws.com only; `'all'` (default): every Support source. */
  readonly sources?: 'support' | 'all';
  /** Number of CloudTrail-Insight files to add. Default 0. */
  readonly insightFiles?: number;
  /** Bucket name written into digests. Default `aws-cloudtrail-logs-archive`. */
  readonly bucket?: string;
  /** Trail name in digest file names. Default `management-events`. */
  readonly trailName?: string;
  /** PEM of the RSA key that signs digests; default the TEST-ONLY key in test/_support/fixtures/test-keys/. */
  readonly privateKeyPem?: string;
  /**
   * `'fflate'` (default): pure JS, the same bytes on every machine and Node version.
   * `'zlib'`: node:zlib, about 3x faster (measured: 28 MB of records in 180 ms against 585 ms),
   * the same bytes run after run on one machine, but Node's bundled zlib may pick CPU-specific
   * code paths, so bytes can differ between machines. Use it for large benchmark archives only.
   */
  readonly compressor?: 'fflate' | 'zlib';
}

/** Options with every default filled in. */
export interface ResolvedOptions extends Required<Omit<ArchiveOptions, 'orgId' | 'privateKeyPem' | 'recordsPerFile'>> {
  readonly orgId: string | undefined;
  readonly privateKeyPem: string | undefined;
  readonly recordsPerFile: readonly [number, number];
  readonly startMs: number;
  readonly spanMs: number;
}

function fail(what: string, value: unknown, rule: string): never {
  throw new Error(`generateArchive: ${what} ${JSON.stringify(value)} ${rule}`);
}

const isCount = (n: unknown, min: number): n is number => Number.isInteger(n) && (n as number) >= min;

/** Fills defaults and checks every option, throwing an error that names the bad value. */
export function resolveOptions(o: ArchiveOptions): ResolvedOptions {
  if (typeof o.out !== 'string' || o.out === '') fail('out', o.out, 'must be a folder path');
  if (!isCount(o.files, 1)) fail('files', o.files, 'must be an integer >= 1');
  const range: readonly [number, number] = typeof o.recordsPerFile === 'number' ? [o.recordsPerFile, o.recordsPerFile] : o.recordsPerFile;
  if (!isCount(range[0], 1) || !isCount(range[1], range[0])) fail('recordsPerFile', o.recordsPerFile, 'must be an integer >= 1 or a [min, max] range');
  if (!(o.supportDensity >= 0 && o.supportDensity <= 1)) fail('supportDensity', o.supportDensity, 'must be between 0 and 1');
  const accounts = o.accounts ?? ['111122223333'];
  for (const a of accounts) if (!/^\d{12}$/.test(a)) fail('account', a, 'must be 12 digits');
  if (accounts.length === 0) fail('accounts', accounts, 'must not be empty');
  const regions = o.regions ?? ['us-east-1', 'us-west-2', 'eu-west-1'];
  for (const r of regions) if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(r)) fail('region', r, 'is not a region name');
  if (regions.length === 0) fail('regions', regions, 'must not be empty');
  if (o.orgId !== undefined && !/^o-[a-z0-9]{10,32}$/.test(o.orgId)) fail('orgId', o.orgId, 'must look like o-a1b2c3d4e5');
  const orgAccounts = o.orgAccounts ?? (o.orgId ? accounts : []);
  for (const a of orgAccounts) if (!accounts.includes(a)) fail('orgAccounts entry', a, 'is not in accounts');
  const start = o.start ?? '2026-01-05T00:00:00Z';
  const startMs = Date.parse(start);
  if (!Number.isFinite(startMs)) fail('start', start, 'is not an ISO date');
  const spanHours = o.spanHours ?? 24;
  if (!(spanHours > 0)) fail('spanHours', spanHours, 'must be > 0');
  const insightFiles = o.insightFiles ?? 0;
  if (!isCount(insightFiles, 0)) fail('insightFiles', insightFiles, 'must be an integer >= 0');
  const compressor = o.compressor ?? 'fflate';
  if (compressor !== 'fflate' && compressor !== 'zlib') fail('compressor', compressor, "must be 'fflate' or 'zlib'");
  const sources = o.sources ?? 'all';
  if (sources !== 'support' && sources !== 'all') fail('sources', sources, "must be 'support' or 'all'");
  return {
    seed: o.seed,
    out: o.out,
    files: o.files,
    recordsPerFile: range,
    supportDensity: o.supportDensity,
    accounts,
    regions,
    orgId: o.orgId,
    orgAccounts,
    start,
    spanHours,
    startMs,
    spanMs: spanHours * 3_600_000,
    digests: o.digests ?? false,
    sources,
    insightFiles,
    bucket: o.bucket ?? 'aws-cloudtrail-logs-archive',
    trailName: o.trailName ?? 'management-events',
    privateKeyPem: o.privateKeyPem,
    compressor,
  };
}
