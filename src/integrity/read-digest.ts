/**
 * Reads one digest file into a chain entry (file I/O at the edge): decode (gzip sniffed,
 * size-capped), hash the decompressed bytes, parse, shape-check. Problems come back as findings.
 */
import { parseJsonBytes } from '../read/parse.ts';
import type { LogFile } from '../types.ts';
import type { DigestEntry } from './digest-entry.ts';
import { toDigest } from './digest.ts';
import { sha256Hex } from './hash.ts';
import { awsLogsKey, chainId, digestName, orgIdOf } from './s3-keys.ts';
import { type Finding, finding } from './types.ts';
import type { LoadFile } from './sources.ts';

/** A digest entry and the findings about its format; no entry when the file is unusable. */
export interface DigestRead {
  readonly entry?: DigestEntry;
  readonly findings: Finding[];
}

/** Reads (with `load`: from disk, or an archive entry), hashes and checks one digest file. Never throws. */
export function readDigest(file: LogFile, load: LoadFile): DigestRead {
  const key = file.key ?? null;
  const decoded = load(file);
  if (!decoded.ok) return { findings: [finding('digest-unreadable', file.path, key, `digest ${file.path} cannot be read: ${decoded.reason}`)] };
  const parsed = parseJsonBytes(decoded.bytes);
  if (!parsed.ok) {
    const what = parsed.reason.startsWith('too large') ? 'cannot be parsed' : 'is not JSON';
    return { findings: [finding('digest-unreadable', file.path, key, `digest ${file.path} ${what}: ${parsed.reason}`)] };
  }
  const shape = toDigest(parsed.document);
  if (!shape.ok) return { findings: [finding('digest-malformed', file.path, key, `digest ${file.path} is malformed: ${shape.reason}`)] };
  const digest = shape.digest;
  const recordedName = digestName(digest.digestS3Object);
  const name = recordedName ?? digestName(file.path);
  const odd = [...shape.odd];
  if (!recordedName) odd.push(`digestS3Object ${JSON.stringify(digest.digestS3Object)} does not follow CloudTrail's digest naming`);
  if (name && name.account !== digest.awsAccountId) {
    odd.push(`awsAccountId ${digest.awsAccountId} differs from the account ${name.account} in the digest's name`);
  }
  const findings = odd.length ? [finding('digest-odd-field', file.path, key, `digest ${file.path}: ${odd.join('; ')}`)] : [];
  if (decoded.warning) findings.push(finding('trailing-data', file.path, key, `digest ${file.path}: ${decoded.warning}`));
  const org = orgIdOf(awsLogsKey(digest.digestS3Object)) ?? file.orgId;
  const chain = name ? chainId(name, org) : `?|${digest.awsAccountId}|${file.region ?? '?'}`;
  return { entry: { path: file.path, localKey: file.key, digest, sha256: sha256Hex(decoded.bytes), name, chain }, findings };
}
