/**
 * Digest signatures: the string CloudTrail signs and the RSA check (pure, node:crypto only).
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-custom-validation.html
 * and the aws-cli's `Sha256RSADigestValidator` (awscli/customizations/cloudtrail/validation.py).
 */
import { constants, type KeyObject, verify } from 'node:crypto';
import type { DigestDocument } from './digest.ts';

/** The only algorithm CloudTrail uses: RSA PKCS#1 v1.5 over SHA-256. */
export const SIGNATURE_ALGORITHM = 'SHA256withRSA';

/**
 * The UTF-8 string a digest's signature covers:
 * `digestEndTime \n digestS3Bucket/digestS3Object \n hex(sha256(decompressed digest)) \n previousDigestSignature`,
 * with the text `null` for the first digest of a chain (to match AWS's Java signer).
 * The bucket and key are the ones recorded in the digest, not where the file was found.
 */
export function signingString(digest: DigestDocument, digestSha256: string): string {
  return `${digest.digestEndTime}\n${digest.digestS3Bucket}/${digest.digestS3Object}\n${digestSha256}\n${digest.previousDigestSignature ?? 'null'}`;
}

/**
 * True when `signatureHex` is a valid SHA256withRSA signature of the digest by `key`.
 * A signature that is not hex, or of the wrong length for the key, is simply invalid.
 */
export function verifyDigestSignature(digest: DigestDocument, digestSha256: string, signatureHex: string, key: KeyObject): boolean {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(signatureHex)) return false;
  const data = Buffer.from(signingString(digest, digestSha256), 'utf8');
  try {
    return verify('sha256', data, { key, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(signatureHex, 'hex'));
  } catch {
    // OpenSSL throws on some malformed inputs instead of returning false: that is a failed check.
    return false;
  }
}
