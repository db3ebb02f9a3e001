/**
 * Checks the signature of every digest that has one available (pure). A digest's signature is
 * embedded in its successor (previousDigestSignature); the last digest of a chain or segment has
 * its own only in S3 object metadata (`x-amz-meta-signature`), given here by `--signatures`.
 */
import type { ChainWalk } from './chain.ts';
import type { DigestEntry } from './digest-entry.ts';
import { findKey, type PublicKey } from './keys.ts';
import { awsLogsKey, chainId, digestName, matchKey, orgIdOf } from './s3-keys.ts';
import { SIGNATURE_ALGORITHM, verifyDigestSignature } from './signature.ts';
import { type Finding, finding } from './types.ts';

export interface SignatureCheck {
  readonly verified: Set<DigestEntry>;
  readonly failed: number;
  readonly unchecked: number;
  readonly findings: Finding[];
}

/**
 * Verifies what can be verified. `keys` null means no `--public-keys` were given: nothing is
 * checked and one warning says so. `signatures` maps digest keys (any prefix) to hex signatures.
 */
export function checkSignatures(
  entries: readonly DigestEntry[],
  walk: ChainWalk,
  keys: readonly PublicKey[] | null,
  signatures: ReadonlyMap<string, string>,
): SignatureCheck {
  const findings: Finding[] = [];
  const verified = new Set<DigestEntry>();
  const given = new Map([...signatures].map(([k, v]) => [matchKey(k), v.toLowerCase()]));
  const original = new Map([...signatures.keys()].map((k) => [matchKey(k), awsLogsKey(k)]));
  const used = new Set<string>();
  let failed = 0;
  let unchecked = 0;
  for (const key of keys ?? []) {
    if (key.statedFingerprint !== null) {
      findings.push(
        finding(
          'key-fingerprint-mismatch',
          key.source,
          null,
          `${key.source}: a key states Fingerprint ${key.statedFingerprint} but the MD5 of its DER bytes is ${key.fingerprint}; it is used under the computed fingerprint`,
        ),
      );
    }
  }
  for (const e of entries) {
    const embedded = walk.successor.get(e)?.digest.previousDigestSignature?.toLowerCase();
    const recorded = matchKey(e.digest.digestS3Object);
    const local = e.localKey !== undefined ? matchKey(e.localKey) : recorded;
    const fromMap = given.get(recorded) ?? given.get(local);
    if (given.has(recorded)) used.add(recorded);
    if (given.has(local)) used.add(local);
    if (embedded !== undefined && fromMap !== undefined && embedded !== fromMap) {
      findings.push(
        finding(
          'signature-conflict',
          e.path,
          e.localKey ?? null,
          `${e.path}: the signature given in --signatures differs from the one its successor ${walk.successor.get(e)!.path} embeds (previousDigestSignature)`,
        ),
      );
      failed++;
      continue;
    }
    const signature = embedded ?? fromMap;
    if (keys === null) {
      unchecked++;
      continue;
    }
    if (signature === undefined) {
      unchecked++;
      findings.push(
        finding(
          'signature-unavailable',
          e.path,
          e.localKey ?? null,
          `${e.path} is the last digest of its chain or segment: its own signature is only in S3 object metadata (x-amz-meta-signature); pass it with --signatures, or the log files it lists stay unauthenticated`,
        ),
      );
      continue;
    }
    if (e.digest.digestSignatureAlgorithm !== SIGNATURE_ALGORITHM) {
      unchecked++;
      findings.push(
        finding(
          'signature-unsupported',
          e.path,
          e.localKey ?? null,
          `${e.path}: digestSignatureAlgorithm ${
            JSON.stringify(e.digest.digestSignatureAlgorithm)
          } is not ${SIGNATURE_ALGORITHM}; its signature was not checked`,
        ),
      );
      continue;
    }
    const endMs = Date.parse(e.digest.digestEndTime);
    const lookup = findKey(keys, e.digest.digestPublicKeyFingerprint, endMs);
    if (!lookup.found) {
      failed++;
      findings.push(
        finding(
          'key-unknown',
          e.path,
          e.localKey ?? null,
          `${e.path} is signed with key ${e.digest.digestPublicKeyFingerprint}, which is not in --public-keys (keys differ per region: list them with \`aws cloudtrail list-public-keys --region ${
            e.name?.region ?? '<region>'
          }\`)`,
        ),
      );
      continue;
    }
    if (!lookup.validAtTime) {
      findings.push(
        finding(
          'key-not-valid',
          e.path,
          e.localKey ?? null,
          `${e.path} ends at ${e.digest.digestEndTime}, outside the validity window of key ${lookup.key.fingerprint} (${lookup.key.source})`,
        ),
      );
    }
    if (verifyDigestSignature(e.digest, e.sha256, signature, lookup.key.key)) verified.add(e);
    else {
      failed++;
      const from = embedded !== undefined ? `embedded in ${walk.successor.get(e)!.path}` : 'given in --signatures';
      findings.push(
        finding(
          'signature-invalid',
          e.path,
          e.localKey ?? null,
          `${e.path}: signature verification failed (signature ${from}, key ${lookup.key.fingerprint}): the digest or its signature was altered, or it was not signed by CloudTrail`,
        ),
      );
    }
  }
  if (keys === null && entries.length > 0) {
    findings.push(
      finding(
        'signatures-unchecked',
        null,
        null,
        `${entries.length} digest signatures were not checked: no --public-keys given (get them with \`aws cloudtrail list-public-keys\`)`,
      ),
    );
  }
  const unused = [...given.keys()].filter((k) => !used.has(k)).map((k) => original.get(k)!);
  for (const f of unusedSignatures(entries, unused)) findings.push(f); // a loop: a spread of a long list overflows the stack
  return { verified, failed, unchecked, findings };
}

/**
 * A signature given for a digest that is not in the input means the digest is missing, when its
 * chain is in the input and it is not older than the chain's oldest local digest. Signatures of
 * other chains or of older digests are ignored: the user may verify part of an archive.
 */
function unusedSignatures(entries: readonly DigestEntry[], unused: readonly string[]): Finding[] {
  const oldest = new Map<string, number>();
  for (const e of entries) {
    const start = Date.parse(e.digest.digestStartTime);
    oldest.set(e.chain, Math.min(start, oldest.get(e.chain) ?? start));
  }
  const out: Finding[] = [];
  for (const key of unused) {
    const name = digestName(key);
    const since = name && oldest.get(chainId(name, orgIdOf(key)));
    if (since === undefined || !name || Date.parse(name.end) < since) continue;
    out.push(
      finding(
        'digest-missing',
        null,
        awsLogsKey(key),
        `digest ${awsLogsKey(key)} is missing: --signatures gives its signature, but it is not in the input (deleted?)`,
      ),
    );
  }
  return out;
}
