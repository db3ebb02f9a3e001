/** The pure parts of integrity: key names, digest shape, public keys, the string to sign, coverage. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sign } from 'node:crypto';
import { RunError } from '../../src/errors.ts';
import { isCovered, mergePeriods } from '../../src/integrity/coverage.ts';
import { type DigestDocument, toDigest } from '../../src/integrity/digest.ts';
import { md5Hex } from '../../src/integrity/hash.ts';
import { findKey, fromPublicKeysJson } from '../../src/integrity/keys.ts';
import { fromSignaturesJson } from '../../src/integrity/load.ts';
import { awsLogsKey, digestName, matchKey, siblingDigestKey } from '../../src/integrity/s3-keys.ts';
import { signingString, verifyDigestSignature } from '../../src/integrity/signature.ts';
import { publicKeyOf, testKey } from '../_support/integrity-fixture.ts';

const DIGEST_KEY =
  'team/AWSLogs/o-aa11bb22cc/111122223333/CloudTrail-Digest/eu-west-1/2026/01/05/111122223333_CloudTrail-Digest_eu-west-1_my_trail.v2_us-east-1_20260105T102030Z.json.gz';

test('digestName() reads account, region, trail (underscores kept), home region, end and backfill', () => {
  assert.equal(digestName(DIGEST_KEY), {
    account: '111122223333',
    region: 'eu-west-1',
    trail: 'my_trail.v2',
    homeRegion: 'us-east-1',
    end: '2026-01-05T10:20:30Z',
    backfill: false,
  });
  assert.is(digestName(DIGEST_KEY.replace('.json.gz', '_backfill.json.gz'))?.backfill, true);
  assert.is(digestName('111122223333_CloudTrail_us-east-1_20260105T1020Z_abc.json.gz'), undefined);
});

test('awsLogsKey() drops any prefix before AWSLogs/<account>; matchKey() also drops .gz', () => {
  assert.is(awsLogsKey(DIGEST_KEY), DIGEST_KEY.slice('team/'.length));
  assert.is(awsLogsKey('/home/me/dl/AWSLogs/111122223333/CloudTrail/x.json.gz'), 'AWSLogs/111122223333/CloudTrail/x.json.gz');
  assert.is(matchKey('p/AWSLogs/111122223333/a.json.gz'), matchKey('AWSLogs/111122223333/a.json'));
});

test('siblingDigestKey() names the digest of the same chain ending at another time, day folder included', () => {
  const next = siblingDigestKey(DIGEST_KEY, Date.parse('2026-01-04T23:20:30Z'));
  assert.is(next, DIGEST_KEY.replace('/2026/01/05/', '/2026/01/04/').replace('20260105T102030Z', '20260104T232030Z'));
});

const doc = (over: Record<string, unknown> = {}) => ({
  awsAccountId: '111122223333',
  digestStartTime: '2026-01-05T09:20:30Z',
  digestEndTime: '2026-01-05T10:20:30Z',
  digestS3Bucket: 'b',
  digestS3Object: DIGEST_KEY,
  digestPublicKeyFingerprint: 'ab'.repeat(16),
  digestSignatureAlgorithm: 'SHA256withRSA',
  newestEventTime: null,
  oldestEventTime: null,
  previousDigestS3Bucket: null,
  previousDigestS3Object: null,
  previousDigestHashValue: null,
  previousDigestHashAlgorithm: null,
  previousDigestSignature: null,
  logFiles: [],
  ...over,
});

test('toDigest() accepts a chain-start digest with no log files, and names what is malformed', () => {
  assert.ok(toDigest(doc()).ok);
  const missing = toDigest(doc({ digestEndTime: undefined }));
  assert.equal(missing, { ok: false, reason: 'field digestEndTime is missing or not a non-empty string' });
  assert.equal(toDigest(doc({ logFiles: {} })), { ok: false, reason: 'field logFiles is missing or not an array' });
  assert.equal(toDigest([1]), { ok: false, reason: 'not a JSON object' });
  assert.equal(toDigest(doc({ digestStartTime: 'yesterday' })).ok, false);
});

test('toDigest() keeps odd but usable values and says what is odd', () => {
  const shape = toDigest(doc({ previousDigestS3Object: 'x', previousDigestHashValue: 'a'.repeat(63), logFiles: [{ s3Object: 'k', hashValue: 'zz' }, 'junk'] }));
  assert.ok(shape.ok);
  if (!shape.ok) return;
  assert.equal(shape.odd, [
    'logFiles[0].hashValue is not 64 hex characters (SHA-256)',
    'logFiles[0].hashAlgorithm is undefined, not "SHA-256"',
    'logFiles[1] lacks s3Object or hashValue and is ignored',
    'previousDigestHashValue is not 64 hex characters (it has 63)',
    'previous-digest fields are partly null (a chain start has all of them null)',
  ]);
  assert.is(shape.digest.logFiles.length, 1);
});

test('fromPublicKeysJson() computes the MD5 fingerprint of the DER bytes and reads ISO or epoch-second validity', () => {
  const k = testKey();
  const keys = fromPublicKeysJson({
    PublicKeyList: [{ Value: k.der.toString('base64'), ValidityStartTime: 1767225600, ValidityEndTime: '2026-03-01T00:00:00Z', Fingerprint: 'f'.repeat(32) }],
  }, 'keys.json');
  assert.is(keys[0].fingerprint, md5Hex(k.der));
  assert.is(keys[0].statedFingerprint, 'f'.repeat(32));
  assert.is(keys[0].validFrom, Date.parse('2026-01-01T00:00:00Z'));
  assert.equal(findKey(keys, k.fingerprint.toUpperCase(), Date.parse('2026-01-05T00:00:00Z')), { found: true, key: keys[0], validAtTime: true });
  assert.is((findKey(keys, k.fingerprint, Date.parse('2027-01-01T00:00:00Z')) as { validAtTime: boolean }).validAtTime, false);
  assert.equal(findKey(keys, '0'.repeat(32), 0), { found: false });
});

test('fromPublicKeysJson() and fromSignaturesJson() reject bad input with a usage error naming the file and entry', () => {
  const bad = (run: () => unknown, pattern: RegExp) => {
    try {
      run();
    } catch (err) {
      assert.ok(err instanceof RunError && err.exitCode === 2);
      assert.match((err as Error).message, pattern);
      return;
    }
    assert.unreachable('expected a RunError');
  };
  bad(() => fromPublicKeysJson({ keys: [] }, 'k.json'), /^k\.json: not a list-public-keys document/);
  bad(() => fromPublicKeysJson({ PublicKeyList: [{ Value: 'AAAA' }] }, 'k.json'), /^k\.json: PublicKeyList\[0\]\.Value is not a DER PKCS#1 RSA public key/);
  bad(() => fromSignaturesJson({ 'AWSLogs/x': 'not hex' }, 's.json'), /^s\.json: the signature of "AWSLogs\/x" is not a hex string/);
});

test('signingString() is end time, bucket/key, digest hash and previous signature (or "null"), one per line', () => {
  const d = doc() as unknown as DigestDocument;
  assert.is(signingString(d, 'h'.repeat(64)), `2026-01-05T10:20:30Z\nb/${DIGEST_KEY}\n${'h'.repeat(64)}\nnull`);
  assert.is(signingString({ ...d, previousDigestSignature: 'abcd' }, 'h').split('\n')[3], 'abcd');
});

test("verifyDigestSignature() accepts the key's own signature and rejects others, without throwing on junk", () => {
  const k = testKey();
  const d = doc() as unknown as DigestDocument;
  const good = sign('sha256', Buffer.from(signingString(d, 'aa')), k.privateKey).toString('hex');
  assert.ok(verifyDigestSignature(d, 'aa', good, publicKeyOf(k)));
  assert.not.ok(verifyDigestSignature(d, 'ab', good, publicKeyOf(k)));
  assert.not.ok(verifyDigestSignature(d, 'aa', 'zz', publicKeyOf(k)));
  assert.not.ok(verifyDigestSignature(d, 'aa', '00', publicKeyOf(k)));
});

test("isCovered() needs the digests to cover the file's whole delivery window (15 minutes)", () => {
  const h = (t: string) => Date.parse(`2026-01-05T${t}Z`);
  const spans = mergePeriods([
    { account: 'a', region: 'r', from: h('09:20:30'), to: h('10:20:30') },
    { account: 'a', region: 'r', from: h('10:20:30'), to: h('11:20:30') },
  ]);
  assert.equal(spans.get('a|r'), [{ from: h('09:20:30'), to: h('11:20:30') }]);
  assert.ok(isCovered(spans, { account: 'a', region: 'r', at: h('10:15:00') }));
  assert.not.ok(isCovered(spans, { account: 'a', region: 'r', at: h('11:10:00') }));
  assert.not.ok(isCovered(spans, { account: 'b', region: 'r', at: h('10:15:00') }));
});

test.run();
