/**
 * The verify job: discover -> read digests -> walk chains -> check signatures -> map listed log
 * files to local ones and hash their decompressed bytes -> unlisted files (sidecars, known by
 * content, left out) -> coverage -> one result document. The only integrity module that reads
 * files (through decode and read-digest).
 */
import { isArchive } from '../read/archive-parts.ts';
import { type DecodeOptions, DEFAULT_MAX_FILE_BYTES, type InflateEngine } from '../read/decode.ts';
import { looksLikeCloudTrail } from '../read/shapes/sniff.ts';
import { type LoadFile, Sources } from './sources.ts';
import { signatureAdvice, verdictOf, verdictSummary } from './verdict.ts';
import { discover } from '../read/discover.ts';
import { otherFileIsRead } from '../read/log-file.ts';
import { parseJsonBytes, textOf } from '../read/parse.ts';
import { sidecarKind } from '../read/sidecar.ts';
import type { LogFile } from '../types.ts';
import { summarizeChains, walkChains } from './chain.ts';
import type { DigestEntry } from './digest-entry.ts';
import { checkSignatures } from './check-signatures.ts';
import { coverageRows, mergePeriods } from './coverage.ts';
import { sha256Hex } from './hash.ts';
import type { PublicKey } from './keys.ts';
import { classifyLogs, type FileHash, planLogChecks } from './logs.ts';
import { readDigest } from './read-digest.ts';
import { type Finding, finding, type VerifyResult } from './types.ts';

export interface VerifyOptions {
  /** Keys from `list-public-keys`; null or absent: signatures are not checked (and the result says so). */
  readonly publicKeys?: readonly PublicKey[] | null;
  /** Digest key (any prefix) -> hex signature, for digests whose signature is only in S3 metadata. */
  readonly signatures?: ReadonlyMap<string, string>;
  readonly maxFileBytes?: number;
  readonly inflate?: InflateEngine;
}

/** Verifies the integrity of the CloudTrail archive under `paths` offline. */
export async function verifyArchive(paths: readonly string[], options: VerifyOptions = {}): Promise<VerifyResult> {
  const decode: DecodeOptions = { maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, inflate: options.inflate };
  const files = { seen: 0, digests: 0, logs: 0, ignored: 0, failed: 0 };
  const findings: Finding[] = [];
  const digestFiles: LogFile[] = [];
  const logFiles: LogFile[] = [];
  const sources = new Sources(decode);
  const sort = (file: LogFile) => {
    files.seen++;
    if (file.kind === 'digest') digestFiles.push(file);
    else if (file.kind === 'log') logFiles.push(file);
    // A file with an extension not on the list is read by `report` when its content is CloudTrail: so is it a log here.
    else if (file.kind === 'other' && otherIsRead(file, sources, decode)) logFiles.push(file);
    else files.ignored++;
  };
  for await (const found of discover(paths)) {
    if ('reject' in found) {
      files.seen++;
      files.failed++;
      findings.push(
        finding('path-unreadable', found.reject.path, null, `${found.reject.path} cannot be read (${found.reject.reason}): files under it were not verified`),
      );
      continue;
    }
    // A .zip/.tar counts as its entries, as in `report`.
    const archive = found.file.kind === 'digest' ? undefined : sources.expand(found.file);
    if (!archive) sort(found.file);
    else {
      for (const f of archive.findings) findings.push(f);
      files.failed += archive.findings.length;
      files.seen += archive.findings.length;
      for (const file of archive.files) sort(file);
    }
  }
  // Without a digest nothing at all can be verified: that must not read as a clean archive.
  if (digestFiles.length === 0) {
    findings.push(
      finding(
        'no-digests',
        null,
        null,
        'no digest files found: nothing could be verified (log file validation off, or the CloudTrail-Digest folders not downloaded)',
      ),
    );
  }
  const entries: DigestEntry[] = [];
  for (const file of digestFiles) {
    const read = readDigest(file, sources.load);
    for (const f of read.findings) findings.push(f);
    if (read.entry) entries.push(read.entry);
  }
  const walk = walkChains(entries);
  const signatures = checkSignatures(walk.entries, walk, options.publicKeys ?? null, options.signatures ?? new Map());
  const plan = planLogChecks(walk.entries, logFiles);
  // Every file `report` would read as a log and no digest lists is a finding, whatever its name
  // (logs.ts). Only sidecars are left out: `report` skips them by content too (sidecar.ts).
  const sidecars = sidecarsAmong(plan.unlisted.filter((f) => f.deliveredAt === undefined), sources.load);
  const unlisted = plan.unlisted.filter((f) => !sidecars.has(f));
  files.ignored += sidecars.size;
  files.digests = digestFiles.length;
  files.logs = logFiles.length - sidecars.size;
  const hashes = hashAll(plan.listed.flatMap((l) => l.files), sources.load);
  const spans = mergePeriods(walk.entries.map(periodOf));
  const logs = classifyLogs({ listed: plan.listed, unlisted }, hashes, spans);
  const located = [...plan.listed.flatMap((l) => l.files), ...unlisted];
  const coverage = coverageRows(
    spans,
    located.flatMap((f) => (f.account && f.region && f.deliveredAt ? [{ account: f.account, region: f.region, at: Date.parse(f.deliveredAt) }] : [])),
  );
  const all = sortFindings([...findings, ...walk.findings, ...signatures.findings, ...logs.findings]);
  const digests = {
    seen: digestFiles.length,
    unreadable: digestFiles.length - entries.length,
    signaturesVerified: signatures.verified.size,
    signaturesFailed: signatures.failed,
    signaturesUnchecked: signatures.unchecked,
  };
  const chains = summarizeChains(walk, (e) => signatures.verified.has(e));
  const errors = all.filter((f) => f.severity === 'error').length;
  const judged = { errors, warnings: all.length - errors - all.filter((f) => f.severity === 'info').length, digests, keysGiven: Boolean(options.publicKeys) };
  const verdict = verdictOf(judged);
  return {
    verdict,
    summary: verdictSummary(verdict, judged),
    advice: verdict === 'NOT VERIFIED' ? signatureAdvice(chains, paths, judged.keysGiven) : [],
    files,
    digests,
    logs: logs.counts,
    chains,
    coverage,
    notChecked: notChecked(options, signatures.unchecked, walk.entries.length),
    findings: all,
    logFiles: logs.results,
    errors,
    warnings: judged.warnings,
  };
}

function periodOf(e: DigestEntry) {
  return {
    account: e.name?.account ?? e.digest.awsAccountId,
    region: e.name?.region ?? '?',
    from: Date.parse(e.digest.digestStartTime),
    to: Date.parse(e.digest.digestEndTime),
  };
}

// Sidecars are small JSON documents; a bigger file is a log whatever it holds.
const SIDECAR_MAX_BYTES = 64 * 1024 ** 2;

/** The files among `candidates` whose content is a sidecar: a digest, list-public-keys output, a signature map. */
function sidecarsAmong(candidates: readonly LogFile[], load: LoadFile): Set<LogFile> {
  const out = new Set<LogFile>();
  for (const file of candidates) {
    const decoded = load(file);
    if (!decoded.ok || decoded.bytes.length > SIDECAR_MAX_BYTES) continue;
    const parsed = parseJsonBytes(decoded.bytes);
    if (parsed.ok && sidecarKind(parsed.document) !== undefined) out.add(file);
  }
  return out;
}

/** The decompressed SHA-256 of each listed file (synchronous reads: hashing is CPU-bound on this one thread anyway). */
function hashAll(files: readonly LogFile[], load: LoadFile): Map<string, FileHash> {
  const out = new Map<string, FileHash>();
  for (const file of files) {
    const decoded = load(file);
    out.set(file.path, decoded.ok ? { ok: true, sha256: sha256Hex(decoded.bytes), warning: decoded.warning } : { ok: false, reason: decoded.reason });
  }
  return out;
}

/** An `other` file is held to the digests when `report` would read it: CloudTrail content, or undecodable (it fails there). */
function otherIsRead(file: LogFile, sources: Sources, decode: DecodeOptions): boolean {
  if (!file.path.includes('!/')) return otherFileIsRead(file, decode);
  const decoded = sources.load(file);
  return !decoded.ok || (!isArchive(decoded.bytes) && looksLikeCloudTrail(textOf(decoded.bytes)));
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;
const text = (f: Finding) => f.path ?? f.key ?? '';

/** Errors first, then warnings, then info; by file within a severity; duplicates dropped. */
function sortFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const unique = findings.filter((f) => {
    const id = `${f.kind}\u0000${f.path}\u0000${f.key}`;
    return seen.has(id) ? false : (seen.add(id), true);
  });
  return unique.sort((a, b) =>
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0) ||
    (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0)
  );
}

function notChecked(options: VerifyOptions, unchecked: number, digests: number): string[] {
  const out: string[] = [];
  if (!options.publicKeys) out.push(`digest signatures (${digests}): no --public-keys given`);
  else if (unchecked > 0) out.push(`${unchecked} digest signatures: only in S3 object metadata (pass --signatures) or of an unsupported algorithm`);
  out.push('bucket names: recorded values are taken as they are (the local copy does not say which bucket it came from)');
  out.push(
    'digests newer than the newest one here, or older than the oldest: deleted ones cannot be told from not downloaded (unless --signatures names them)',
  );
  return out;
}
