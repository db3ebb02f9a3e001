/**
 * A CloudTrail digest document: parse and shape-check (pure). Fields follow
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-digest-file-structure.html
 * A digest missing what verification needs is malformed (the aws-cli calls it "invalid format");
 * values that are present but odd (a hash of the wrong length) are reported and kept.
 */
import { isHex } from './hash.ts';
import { isObject } from '../read/parse.ts';

/** One log file as a digest lists it. */
export interface ListedLogFile {
  readonly s3Bucket: string;
  readonly s3Object: string;
  /** Hex SHA-256 of the decompressed log file. */
  readonly hashValue: string;
  readonly hashAlgorithm: string;
  readonly newestEventTime: string | null;
  readonly oldestEventTime: string | null;
}

/** A digest document with the fields verification uses (others are kept in the JSON, unused). */
export interface DigestDocument {
  readonly awsAccountId: string;
  readonly digestStartTime: string;
  readonly digestEndTime: string;
  readonly digestS3Bucket: string;
  readonly digestS3Object: string;
  readonly digestPublicKeyFingerprint: string;
  readonly digestSignatureAlgorithm: string;
  readonly newestEventTime: string | null;
  readonly oldestEventTime: string | null;
  /** The previous-digest fields are all null on the first digest of a chain (a start or restart). */
  readonly previousDigestS3Bucket: string | null;
  readonly previousDigestS3Object: string | null;
  readonly previousDigestHashValue: string | null;
  readonly previousDigestHashAlgorithm: string | null;
  readonly previousDigestSignature: string | null;
  readonly logFiles: readonly ListedLogFile[];
}

/** A shape-checked digest with the odd values found, or why it cannot be used. */
export type DigestShape = { ok: true; digest: DigestDocument; odd: string[] } | { ok: false; reason: string };

const REQUIRED = [
  'awsAccountId',
  'digestStartTime',
  'digestEndTime',
  'digestS3Bucket',
  'digestS3Object',
  'digestPublicKeyFingerprint',
  'digestSignatureAlgorithm',
] as const;
const NULLABLE = [
  'newestEventTime',
  'oldestEventTime',
  'previousDigestS3Bucket',
  'previousDigestS3Object',
  'previousDigestHashValue',
  'previousDigestHashAlgorithm',
  'previousDigestSignature',
] as const;
const PREVIOUS = ['previousDigestS3Bucket', 'previousDigestS3Object', 'previousDigestHashValue', 'previousDigestSignature'] as const;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

const isTime = (v: unknown) => typeof v === 'string' && TIME.test(v) && !Number.isNaN(Date.parse(v));

/** Checks that a parsed JSON value is a usable digest; never throws. */
export function toDigest(value: unknown): DigestShape {
  if (!isObject(value)) return { ok: false, reason: 'not a JSON object' };
  for (const field of REQUIRED) {
    if (typeof value[field] !== 'string' || value[field] === '') return { ok: false, reason: `field ${field} is missing or not a non-empty string` };
  }
  for (const field of NULLABLE) {
    // Absent counts as null: the aws-cli requires previousDigestSignature to be present, but a
    // missing key and a null one mean the same thing for the checks here.
    if (value[field] !== undefined && value[field] !== null && typeof value[field] !== 'string') {
      return { ok: false, reason: `field ${field} is neither a string nor null` };
    }
  }
  if (!Array.isArray(value.logFiles)) return { ok: false, reason: 'field logFiles is missing or not an array' };
  const odd: string[] = [];
  const logFiles: ListedLogFile[] = [];
  value.logFiles.forEach((entry, i) => {
    if (!isObject(entry) || typeof entry.s3Object !== 'string' || typeof entry.hashValue !== 'string') {
      odd.push(`logFiles[${i}] lacks s3Object or hashValue and is ignored`);
      return;
    }
    if (!isHex(entry.hashValue, 64)) odd.push(`logFiles[${i}].hashValue is not 64 hex characters (SHA-256)`);
    if (entry.hashAlgorithm !== 'SHA-256') odd.push(`logFiles[${i}].hashAlgorithm is ${JSON.stringify(entry.hashAlgorithm)}, not "SHA-256"`);
    logFiles.push({
      s3Bucket: typeof entry.s3Bucket === 'string' ? entry.s3Bucket : '',
      s3Object: entry.s3Object,
      hashValue: entry.hashValue.toLowerCase(),
      hashAlgorithm: typeof entry.hashAlgorithm === 'string' ? entry.hashAlgorithm : '',
      newestEventTime: typeof entry.newestEventTime === 'string' ? entry.newestEventTime : null,
      oldestEventTime: typeof entry.oldestEventTime === 'string' ? entry.oldestEventTime : null,
    });
  });
  const digest = { ...pick(value), logFiles } as unknown as DigestDocument;
  for (const value of oddValues(digest)) odd.push(value); // a loop: a digest may list any number of odd values
  if (!isTime(digest.digestStartTime) || !isTime(digest.digestEndTime)) {
    return {
      ok: false,
      reason: `digestStartTime/digestEndTime are not ISO UTC times (${JSON.stringify(digest.digestStartTime)}, ${JSON.stringify(digest.digestEndTime)})`,
    };
  }
  return { ok: true, digest, odd };
}

function pick(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of REQUIRED) out[field] = value[field];
  for (const field of NULLABLE) out[field] = value[field] ?? null;
  return out;
}

function oddValues(d: DigestDocument): string[] {
  const odd: string[] = [];
  if (!/^\d{12}$/.test(d.awsAccountId)) odd.push(`awsAccountId ${JSON.stringify(d.awsAccountId)} is not 12 digits`);
  if (!isHex(d.digestPublicKeyFingerprint, 32)) odd.push('digestPublicKeyFingerprint is not 32 hex characters (MD5)');
  const previousHash = d.previousDigestHashValue;
  if (previousHash !== null && !isHex(previousHash, 64)) odd.push(`previousDigestHashValue is not 64 hex characters (it has ${previousHash.length})`);
  if (d.previousDigestSignature !== null && !isHex(d.previousDigestSignature)) odd.push('previousDigestSignature is not hex');
  if (d.previousDigestHashAlgorithm !== null && d.previousDigestHashAlgorithm !== 'SHA-256') {
    odd.push(`previousDigestHashAlgorithm is ${JSON.stringify(d.previousDigestHashAlgorithm)}, not "SHA-256"`);
  }
  const nulls = PREVIOUS.filter((f) => d[f] === null).length;
  if (nulls !== 0 && nulls !== PREVIOUS.length) odd.push('previous-digest fields are partly null (a chain start has all of them null)');
  for (const f of ['newestEventTime', 'oldestEventTime'] as const) if (d[f] !== null && !isTime(d[f])) odd.push(`${f} is not an ISO UTC time`);
  return odd;
}

/** True when the digest starts a chain: no link to a previous digest. */
export function startsChain(d: DigestDocument): boolean {
  return d.previousDigestS3Object === null;
}
