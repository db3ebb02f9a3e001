/**
 * Hourly, signed, chained digest files for every account/region, in AWS's digest format.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-digest-file-structure.html
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-custom-validation.html
 */
import { createHash, sign } from 'node:crypto';
import type { SigningKey } from './keys.ts';
import { digestKey, isoSeconds, type Place } from './layout.ts';
import type { ResolvedOptions } from './options.ts';
import type { Rng } from './rng.ts';

/** A log file as a digest lists it. */
export interface DeliveredLog {
  readonly key: string;
  readonly place: Place;
  readonly deliveredMs: number;
  readonly oldestMs: number;
  readonly newestMs: number;
  /** Hex SHA-256 of the decompressed file. */
  readonly sha256: string;
}

/** A digest file's content, field for field as AWS writes it. */
export interface DigestDocument {
  awsAccountId: string;
  digestStartTime: string;
  digestEndTime: string;
  digestS3Bucket: string;
  digestS3Object: string;
  digestPublicKeyFingerprint: string;
  digestSignatureAlgorithm: 'SHA256withRSA';
  newestEventTime: string | null;
  oldestEventTime: string | null;
  previousDigestS3Bucket: string | null;
  previousDigestS3Object: string | null;
  previousDigestHashValue: string | null;
  previousDigestHashAlgorithm: 'SHA-256' | null;
  previousDigestSignature: string | null;
  logFiles: { s3Bucket: string; s3Object: string; hashValue: string; hashAlgorithm: 'SHA-256'; newestEventTime: string; oldestEventTime: string }[];
}

interface Link {
  readonly key: string;
  readonly sha256: string;
  readonly signature: string;
}

/** Writes one file; `bytes` are the uncompressed content (the writer gzips). */
export type WriteObject = (key: string, json: Uint8Array) => Promise<void>;

const HOUR = 3_600_000;

/** The string CloudTrail signs for a digest (see the custom-validation page). */
export function signingString(endTime: string, bucket: string, key: string, digestSha256: string, previousSignature: string | null): string {
  return `${endTime}\n${bucket}/${key}\n${digestSha256}\n${previousSignature ?? 'null'}`;
}

/**
 * Writes the digest chains and returns each digest's signature by key (the newest digest's own
 * signature would live only in S3 object metadata, so all of them go to `signatures.json`).
 */
export async function writeDigests(
  o: ResolvedOptions,
  logs: readonly DeliveredLog[],
  key: SigningKey,
  rng: Rng,
  write: WriteObject,
): Promise<Map<string, string>> {
  const signatures = new Map<string, string>();
  const home = o.regions[0];
  const endOfArchive = o.startMs + o.spanMs;
  for (const account of o.accounts) {
    const orgId = o.orgAccounts.includes(account) ? o.orgId : undefined;
    for (const region of o.regions) {
      const place: Place = { account, region, ...(orgId ? { orgId } : {}) };
      const mine = logs.filter((l) => l.place.account === account && l.place.region === region);
      // Digests are hourly but not on the hour: each chain has its own minute and second.
      let endMs = o.startMs + rng.int(3600) * 1000;
      let previous: Link | null = null;
      for (;;) {
        const startMs = endMs - HOUR;
        const listed = mine.filter((l) => l.deliveredMs >= startMs && l.deliveredMs < endMs).sort((a, b) => b.deliveredMs - a.deliveredMs);
        const objectKey = digestKey(place, endMs, o.trailName, home);
        const doc: DigestDocument = {
          awsAccountId: account,
          digestStartTime: isoSeconds(startMs),
          digestEndTime: isoSeconds(endMs),
          digestS3Bucket: o.bucket,
          digestS3Object: objectKey,
          digestPublicKeyFingerprint: key.fingerprint,
          digestSignatureAlgorithm: 'SHA256withRSA',
          newestEventTime: listed.length ? isoSeconds(Math.max(...listed.map((l) => l.newestMs))) : null,
          oldestEventTime: listed.length ? isoSeconds(Math.min(...listed.map((l) => l.oldestMs))) : null,
          previousDigestS3Bucket: previous ? o.bucket : null,
          previousDigestS3Object: previous?.key ?? null,
          previousDigestHashValue: previous?.sha256 ?? null,
          previousDigestHashAlgorithm: previous ? 'SHA-256' : null,
          previousDigestSignature: previous?.signature ?? null,
          logFiles: listed.map((l) => ({
            s3Bucket: o.bucket,
            s3Object: l.key,
            hashValue: l.sha256,
            hashAlgorithm: 'SHA-256',
            newestEventTime: isoSeconds(l.newestMs),
            oldestEventTime: isoSeconds(l.oldestMs),
          })),
        };
        const bytes: Buffer = Buffer.from(JSON.stringify(doc), 'utf8');
        const sha256: string = createHash('sha256').update(bytes).digest('hex');
        const toSign = signingString(doc.digestEndTime, o.bucket, objectKey, sha256, previous?.signature ?? null);
        // RSA PKCS#1 v1.5 (node's default for RSA keys) is deterministic: same key, same bytes.
        const signature = sign('sha256', Buffer.from(toSign, 'utf8'), key.privateKey).toString('hex');
        await write(objectKey, bytes);
        signatures.set(objectKey, signature);
        previous = { key: objectKey, sha256, signature };
        if (endMs >= endOfArchive) break;
        endMs += HOUR;
      }
    }
  }
  return signatures;
}
