/**
 * Builds signed CloudTrail archives inside tests: hourly log files, a chain of digests in AWS's
 * format signed with the TEST-ONLY key of test/_support/fixtures/test-keys/ (or a key made here), a
 * list-public-keys file and the newest digest's signature (what `aws s3api head-object` would
 * show as x-amz-meta-signature).
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { put, record, tempDir, trailFile } from './helpers.ts';

/** A TEST-ONLY key pair. */
export interface TestKey {
  readonly privateKey: KeyObject;
  readonly der: Buffer;
  readonly fingerprint: string;
}

/** A fresh key pair (about 50 ms): an impostor, or keys that do not sign the archive. */
export function makeKey(): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'pkcs1', format: 'der' });
  return { privateKey, der, fingerprint: createHash('md5').update(der).digest('hex') };
}

/** The TEST-ONLY key committed in test/_support/fixtures/test-keys/ (the one that signs samples/). */
export function committedKey(): TestKey {
  const privateKey = createPrivateKey(readFileSync(new URL('./fixtures/test-keys/cloudtrail-digest-test-private.pem', import.meta.url), 'utf8'));
  const der = createPublicKey(privateKey).export({ type: 'pkcs1', format: 'der' });
  return { privateKey, der, fingerprint: createHash('md5').update(der).digest('hex') };
}

let shared: TestKey | undefined;
export const testKey = (): TestKey => (shared ??= committedKey());

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19) + 'Z';
const day = (ms: number) => iso(ms).slice(0, 10).replaceAll('-', '/');
const stamp = (ms: number, seconds: boolean) => iso(ms).replace(/[-:]/g, '').slice(0, seconds ? 15 : 13) + 'Z';
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export interface ArchiveOptions {
  readonly hours?: number;
  readonly account?: string;
  readonly region?: string;
  readonly trail?: string;
  /** Prefix of the S3 keys the digests record (the trail's S3 key prefix), e.g. `my-prefix/`. */
  readonly s3Prefix?: string;
  /** Hour indexes whose digest starts a new chain segment (previous-digest fields null). */
  readonly restartAt?: readonly number[];
  /** Signs with this key but records `claimFingerprint` (an impostor). */
  readonly key?: TestKey;
  readonly claimFingerprint?: string;
  readonly backfill?: boolean;
}

export interface Archive {
  readonly root: string;
  readonly keysPath: string;
  readonly signaturesPath: string;
  /** Local paths, oldest first. */
  readonly digests: string[];
  readonly logs: string[];
  readonly key: TestKey;
  readonly startMs: number;
  readonly account: string;
  readonly region: string;
}

/** Writes an archive of `hours` digests, each listing two log files, into a new temp folder. */
export function signedArchive(o: ArchiveOptions = {}): Archive {
  const root = tempDir('cts-verify-');
  const side = tempDir('cts-keys-');
  const key = o.key ?? testKey();
  const account = o.account ?? '111122223333';
  const region = o.region ?? 'us-east-1';
  const trail = o.trail ?? 'org_trail-1';
  const prefix = o.s3Prefix ?? '';
  const bucket = 'audit-bucket';
  const startMs = Date.parse('2026-01-05T09:20:30Z');
  const digests: string[] = [];
  const logs: string[] = [];
  type Link = { key: string; sha: string; signature: string };
  let previous: Link | null = null;
  let newest = { key: '', signature: '' };
  for (let h = 0; h < (o.hours ?? 4); h++) {
    const from = startMs + h * HOUR;
    const to = from + HOUR;
    const listed = [10, 35].map((minute, i) => {
      const at = from + minute * 60_000;
      const logKey = `AWSLogs/${account}/CloudTrail/${region}/${day(at)}/${account}_CloudTrail_${region}_${stamp(at, false)}_${
        o.backfill ? 'b' : 'u'
      }${h}x${i}abcdefghijkl.json.gz`;
      const body = Buffer.from(trailFile([record({ eventTime: iso(at - 60_000) })]));
      logs.push(put(root, logKey, gzipSync(body)));
      return {
        s3Bucket: bucket,
        s3Object: prefix + logKey,
        hashValue: sha(body),
        hashAlgorithm: 'SHA-256',
        newestEventTime: iso(at - 60_000),
        oldestEventTime: iso(at - 60_000),
      };
    });
    const prev: Link | null = o.restartAt?.includes(h) ? null : previous;
    const suffix = o.backfill ? '_backfill' : '';
    const digestKey = `AWSLogs/${account}/CloudTrail-Digest/${region}/${day(to)}/${account}_CloudTrail-Digest_${region}_${trail}_us-east-1_${
      stamp(to, true)
    }${suffix}.json.gz`;
    const doc = {
      awsAccountId: account,
      digestStartTime: iso(from),
      digestEndTime: iso(to),
      digestS3Bucket: bucket,
      digestS3Object: prefix + digestKey,
      digestPublicKeyFingerprint: o.claimFingerprint ?? key.fingerprint,
      digestSignatureAlgorithm: 'SHA256withRSA',
      newestEventTime: listed[1].newestEventTime,
      oldestEventTime: listed[0].oldestEventTime,
      previousDigestS3Bucket: prev ? bucket : null,
      previousDigestS3Object: prev ? prefix + prev.key : null,
      previousDigestHashValue: prev?.sha ?? null,
      previousDigestHashAlgorithm: prev ? 'SHA-256' : null,
      previousDigestSignature: prev?.signature ?? null,
      logFiles: listed,
    };
    const bytes: Buffer = Buffer.from(JSON.stringify(doc));
    const toSign: string = `${doc.digestEndTime}\n${bucket}/${doc.digestS3Object}\n${sha(bytes)}\n${prev?.signature ?? 'null'}`;
    const signature: string = sign('sha256', Buffer.from(toSign), key.privateKey).toString('hex');
    digests.push(put(root, digestKey, gzipSync(bytes)));
    previous = { key: digestKey, sha: sha(bytes), signature };
    newest = { key: prefix + digestKey, signature };
  }
  const keysPath = join(side, 'public-keys.json');
  writeFileSync(keysPath, publicKeysJson([key]));
  const signaturesPath = join(side, 'signatures.json');
  writeFileSync(signaturesPath, JSON.stringify({ [newest.key]: newest.signature }));
  return { root, keysPath, signaturesPath, digests, logs, key, startMs, account, region };
}

/** A list-public-keys document for these keys, valid around January 2026. */
export function publicKeysJson(keys: readonly TestKey[], fingerprintOverride?: string): string {
  const list = keys.map((k) => ({
    Value: k.der.toString('base64'),
    ValidityStartTime: '2025-12-01T00:00:00Z',
    ValidityEndTime: '2026-03-01T00:00:00Z',
    Fingerprint: fingerprintOverride ?? k.fingerprint,
  }));
  return JSON.stringify({ PublicKeyList: list });
}

/** Rewrites a gzip JSON file through `edit` (the digest's signature is NOT remade). */
export function editGzJson(path: string, edit: (doc: Record<string, unknown>) => void): void {
  const doc = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8'));
  edit(doc);
  writeFileSync(path, gzipSync(Buffer.from(JSON.stringify(doc))));
}

/** The public key of a TestKey as a KeyObject (for direct signature checks). */
export const publicKeyOf = (k: TestKey) => createPublicKey({ key: k.der, format: 'der', type: 'pkcs1' });
