/**
 * The two hashes CloudTrail integrity uses: SHA-256 of decompressed files (log and digest
 * hashes), and MD5 of a public key's DER bytes (its fingerprint). Pure.
 */
import { createHash } from 'node:crypto';

/** Hex SHA-256, as digests write `hashValue` and `previousDigestHashValue`. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Hex MD5, as CloudTrail writes a public key's `Fingerprint` (MD5 of the PKCS#1 DER bytes). */
export function md5Hex(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

/** True for a lowercase or uppercase hex string of exactly `length` characters. */
export function isHex(value: unknown, length?: number): boolean {
  return typeof value === 'string' && /^[0-9a-fA-F]+$/.test(value) && (length === undefined || value.length === length);
}
