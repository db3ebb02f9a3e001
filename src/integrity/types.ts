/**
 * The types of integrity verification: findings, per-file statuses, chain and coverage rows, and
 * the result document that `verify` prints. Shared by the pure checks and the job.
 */

/**
 * How bad a finding is. `error`: the archive fails verification (tampered, missing, unlisted,
 * broken chain, bad signature). `warning`: something could not be verified offline (fails only
 * with `--strict`). `info`: a fact worth knowing that is not a problem (a legitimate restart).
 */
export type Severity = 'error' | 'warning' | 'info';

/** Every kind of finding, with its severity: one table, so the CLI and the docs agree. */
export const FINDING_SEVERITY = {
  'log-modified': 'error',
  'log-missing': 'error',
  'log-unreadable': 'error',
  'log-unlisted': 'error',
  'log-not-covered': 'warning',
  'trailing-data': 'warning',
  'digest-unreadable': 'error',
  'digest-malformed': 'error',
  'digest-odd-field': 'warning',
  'digest-modified': 'error',
  'digest-missing': 'error',
  'digest-moved': 'error',
  'digest-unreferenced': 'warning',
  'digest-duplicate': 'info',
  'chain-fork': 'error',
  'chain-discontinuity': 'warning',
  'chain-start': 'info',
  'chain-restart': 'info',
  'chain-before-input': 'info',
  'signature-invalid': 'error',
  'signature-conflict': 'error',
  'signature-unavailable': 'warning',
  'signature-unsupported': 'warning',
  'signatures-unchecked': 'warning',
  'key-unknown': 'error',
  'key-not-valid': 'warning',
  'key-fingerprint-mismatch': 'warning',
  'path-unreadable': 'warning',
  'archive-unreadable': 'error',
  'no-digests': 'error',
} as const satisfies Record<string, Severity>;

export type FindingKind = keyof typeof FINDING_SEVERITY;

/** One thing verification found, naming the file it is about. */
export interface Finding {
  readonly severity: Severity;
  readonly kind: FindingKind;
  /** The local file the finding is about, or null when the file is not in the input (missing). */
  readonly path: string | null;
  /** The S3 key (from `AWSLogs/` on) the finding is about, when known. */
  readonly key: string | null;
  /** A sentence that names the file and says what is wrong and why it matters. */
  readonly message: string;
}

/** Builds a finding with the severity of its kind. */
export function finding(kind: FindingKind, path: string | null, key: string | null, message: string): Finding {
  return { severity: FINDING_SEVERITY[kind], kind, path, key, message };
}

/** What verification says about one log file. */
export type LogStatus = 'verified' | 'modified' | 'missing' | 'unreadable' | 'unlisted' | 'not-covered';

export interface LogFileResult {
  /** Local path, null when a listed file is missing. */
  readonly path: string | null;
  /** Key from `AWSLogs/` on (from the digest, or from the local path). */
  readonly key: string | null;
  readonly status: LogStatus;
  /** Local path of the digest that lists it (the first, when several do), null when unlisted. */
  readonly digest: string | null;
}

/** One digest chain: an (account, region, trail) with standard and backfill digests apart. */
export interface ChainSummary {
  readonly account: string;
  readonly region: string;
  readonly trail: string;
  readonly homeRegion: string;
  readonly backfill: boolean;
  readonly digests: number;
  /** digestStartTime of the oldest and digestEndTime of the newest digest present. */
  readonly from: string;
  readonly to: string;
  /** Restarts inside the chain (a digest with null previous-digest fields after an earlier one). */
  readonly restarts: number;
  readonly missingDigests: number;
  readonly signaturesVerified: number;
}

/** A stretch of time with no digest, inside the span of an account × region. */
export interface CoverageHole {
  readonly from: string;
  readonly to: string;
  /** Local log files delivered inside the hole (they cannot be verified). */
  readonly logFiles: number;
}

/** Coverage of one account × region: hours with log files, hours with digests, and the holes. */
export interface CoverageRow {
  readonly account: string;
  readonly region: string;
  readonly logHours: number;
  readonly digestHours: number;
  /** Hours with at least one log file but no digest. */
  readonly logHoursWithoutDigest: number;
  readonly holes: CoverageHole[];
}

/** Counts of log files by status. */
export type LogCounts = Record<LogStatus, number> & { listed: number };

/** Counts of digest files and their signatures. */
export interface DigestCounts {
  readonly seen: number;
  readonly unreadable: number;
  readonly signaturesVerified: number;
  readonly signaturesFailed: number;
  readonly signaturesUnchecked: number;
}

/** FAILED: an integrity error. NOT VERIFIED: no error, but signatures not (all) checked (verdict.ts says why). */
export type Verdict = 'VERIFIED' | 'VERIFIED WITH WARNINGS' | 'NOT VERIFIED' | 'FAILED';

/** The verify document: what was checked, what was found, and what could not be checked. */
export interface VerifyResult {
  /** FAILED, NOT VERIFIED (no error, signatures not all checked), VERIFIED WITH WARNINGS or VERIFIED (verdict.ts). */
  readonly verdict: Verdict;
  /** The verdict in words: what holds and what was not checked. */
  readonly summary: string;
  /** NOT VERIFIED only: what to fetch, and how, to check the signatures. */
  readonly advice: string[];
  readonly files: { seen: number; digests: number; logs: number; ignored: number; failed: number };
  readonly digests: DigestCounts;
  readonly logs: LogCounts;
  readonly chains: ChainSummary[];
  readonly coverage: CoverageRow[];
  /** Checks that were not possible in this run, in plain words (e.g. no public keys given). */
  readonly notChecked: string[];
  /** Sorted: errors first, then warnings, then info; by path within a severity. */
  readonly findings: Finding[];
  /** Every log file: listed ones in key order, then unlisted ones. */
  readonly logFiles: LogFileResult[];
  readonly errors: number;
  readonly warnings: number;
}
