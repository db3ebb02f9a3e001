/**
 * The RSA key that signs generated digests, and the `list-public-keys` document that lets a
 * validator check them. By default this is the TEST-ONLY key committed in test/_support/fixtures/test-keys/.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-custom-validation.html
 */
import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isoSeconds } from './layout.ts';

/** Where the committed TEST-ONLY private key lives. */
export const TEST_KEY_URL = new URL('../../test/_support/fixtures/test-keys/cloudtrail-digest-test-private.pem', import.meta.url);

export interface SigningKey {
  readonly privateKey: KeyObject;
  /** The public key as DER-encoded PKCS#1 RSAPublicKey, the form CloudTrail publishes. */
  readonly publicDer: Buffer;
  /** Hex MD5 of `publicDer`: what digests carry as digestPublicKeyFingerprint. */
  readonly fingerprint: string;
}

/** Loads a PEM private key (default: the TEST-ONLY fixture key). */
export function loadSigningKey(pem?: string): SigningKey {
  const privateKey = createPrivateKey(pem ?? readFileSync(TEST_KEY_URL, 'utf8'));
  const publicDer = createPublicKey(privateKey).export({ type: 'pkcs1', format: 'der' });
  return { privateKey, publicDer, fingerprint: createHash('md5').update(publicDer).digest('hex') };
}

/**
 * `public-keys.json`, shaped like the output of `aws cloudtrail list-public-keys`: the key is
 * valid from a day before the archive starts to thirty days after it ends.
 */
export function publicKeysDocument(key: SigningKey, fromMs: number, toMs: number): string {
  const day = 86_400_000;
  const entry = {
    Value: key.publicDer.toString('base64'),
    ValidityStartTime: isoSeconds(fromMs - day),
    ValidityEndTime: isoSeconds(toMs + 30 * day),
    Fingerprint: key.fingerprint,
  };
  return JSON.stringify({ PublicKeyList: [entry] }, null, 2) + '\n';
}
