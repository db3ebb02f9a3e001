/**
 * CloudTrail's public keys, as `aws cloudtrail list-public-keys` prints them (pure):
 * `{"PublicKeyList":[{"Value": base64 DER PKCS#1 RSAPublicKey, "ValidityStartTime", "ValidityEndTime", "Fingerprint"}]}`.
 * The fingerprint is the hex MD5 of the DER bytes; keys differ per region and rotate over time.
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_ListPublicKeys.html
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { RunError } from '../errors.ts';
import { md5Hex } from './hash.ts';

/** One usable public key. */
export interface PublicKey {
  /** Hex MD5 of the DER bytes, computed here (what digests name in digestPublicKeyFingerprint). */
  readonly fingerprint: string;
  readonly key: KeyObject;
  /** Validity window in epoch milliseconds; null when the list does not say. */
  readonly validFrom: number | null;
  readonly validTo: number | null;
  /** The Fingerprint the list states, when it differs from the computed one (a bad list). */
  readonly statedFingerprint: string | null;
  /** Where the key came from, for messages. */
  readonly source: string;
}

// The CLI prints timestamps as ISO strings (v2 default) or as epoch seconds (v1, or
// cli_timestamp_format = none): accept both.
function toMs(value: unknown, what: string): number | null {
  if (value === undefined || value === null) return null;
  const ms = typeof value === 'number' ? value * 1000 : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new RunError(`${what} is not a time: ${JSON.stringify(value)}`);
  return ms;
}

/**
 * Reads the keys of one `list-public-keys` document (already parsed). Throws RunError (a usage
 * error) when the document is not of that shape, naming the source and the entry.
 */
export function fromPublicKeysJson(value: unknown, source: string): PublicKey[] {
  const list = (value as { PublicKeyList?: unknown } | null)?.PublicKeyList;
  if (!Array.isArray(list)) throw new RunError(`${source}: not a list-public-keys document (no PublicKeyList array)`);
  return list.map((entry, i) => {
    const where = `${source}: PublicKeyList[${i}]`;
    const v = (entry ?? {}) as Record<string, unknown>;
    if (typeof v.Value !== 'string' || !/^[A-Za-z0-9+/=\s]+$/.test(v.Value)) throw new RunError(`${where}.Value is not a base64 string`);
    const der = Buffer.from(v.Value, 'base64');
    let key: KeyObject;
    try {
      key = createPublicKey({ key: der, format: 'der', type: 'pkcs1' });
    } catch (err) {
      throw new RunError(`${where}.Value is not a DER PKCS#1 RSA public key: ${(err as Error).message}`);
    }
    const fingerprint = md5Hex(der);
    const stated = typeof v.Fingerprint === 'string' ? v.Fingerprint.toLowerCase() : null;
    return {
      fingerprint,
      key,
      validFrom: toMs(v.ValidityStartTime, `${where}.ValidityStartTime`),
      validTo: toMs(v.ValidityEndTime, `${where}.ValidityEndTime`),
      statedFingerprint: stated !== null && stated !== fingerprint ? stated : null,
      source,
    };
  });
}

/** The result of looking up the key a digest names. */
export type KeyLookup = { found: true; key: PublicKey; validAtTime: boolean } | { found: false };

// A digest is signed when it is delivered, after its end time: a digest ending just before a
// key rotation may be signed with the new key. One hour of slack before ValidityStartTime.
const SIGNING_DELAY_MS = 3_600_000;

/**
 * The key with this fingerprint, preferring one whose validity window contains `atMs` (the
 * digest's end time). Keys are matched on the computed fingerprint, never the stated one.
 */
export function findKey(keys: readonly PublicKey[], fingerprint: string, atMs: number): KeyLookup {
  const wanted = fingerprint.toLowerCase();
  const matching = keys.filter((k) => k.fingerprint === wanted);
  if (matching.length === 0) return { found: false };
  const valid = matching.find((k) => (k.validFrom === null || k.validFrom <= atMs + SIGNING_DELAY_MS) && (k.validTo === null || atMs <= k.validTo));
  return valid ? { found: true, key: valid, validAtTime: true } : { found: true, key: matching[0], validAtTime: false };
}
