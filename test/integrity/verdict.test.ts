/** verify's verdict never claims more than was checked; archives verify as the folder they hold; stray digests are moved. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { loadPublicKeys, loadSignatures } from '../../src/integrity/load.ts';
import type { VerifyResult } from '../../src/integrity/types.ts';
import { verifyArchive } from '../../src/integrity/verify.ts';
import { signatureAdvice, verdictOf } from '../../src/integrity/verdict.ts';
import { put, SAMPLES, tempDir } from '../_support/helpers.ts';
import { tarOfFolder, zipOf } from '../_support/archive-of.ts';
import { type Archive, editGzJson, signedArchive } from '../_support/integrity-fixture.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function verifyWith(paths: string[], keys: string | null, signatures: string | null): Promise<VerifyResult> {
  return verifyArchive(paths, {
    publicKeys: keys ? await loadPublicKeys([keys]) : null,
    signatures: signatures ? await loadSignatures(signatures) : new Map(),
  });
}

/**
 * What anyone who can write the bucket can do without CloudTrail's key: edit a log, put its new
 * hash in the digest that lists it, and recompute every later digest's previousDigestHashValue so
 * the chain of hashes holds. Only the signatures (which need the private key) no longer match.
 */
function forge(a: Archive): void {
  const body = gunzipSync(readFileSync(a.logs[2]));
  const edited = Buffer.from(body.toString('utf8').replace('"eventName":"', '"eventName":"X'));
  writeFileSync(a.logs[2], gzipSync(edited));
  const logKey = a.logs[2].slice(a.logs[2].indexOf('AWSLogs/'));
  let previous: string | undefined;
  for (const path of a.digests) {
    editGzJson(path, (doc) => {
      for (const log of doc.logFiles as { s3Object: string; hashValue: string }[]) if (log.s3Object === logKey) log.hashValue = sha(edited);
      if (previous !== undefined && doc.previousDigestHashValue !== null) doc.previousDigestHashValue = previous;
    });
    previous = sha(gunzipSync(readFileSync(path)));
  }
}

test('a forged archive (edited log, hashes and chain recomputed) is NOT VERIFIED without keys and FAILED with them', async () => {
  const a = signedArchive();
  forge(a);
  const unsigned = await verifyWith([a.root], null, null);
  assert.is(unsigned.errors, 0, 'hashes and chain are consistent: nothing but a signature can tell');
  assert.is(unsigned.verdict, 'NOT VERIFIED');
  assert.is(unsigned.summary, 'hashes and chain consistent, signatures not checked');
  const signed = await verifyWith([a.root], a.keysPath, a.signaturesPath);
  assert.is(signed.verdict, 'FAILED');
  assert.ok(signed.findings.some((f) => f.kind === 'signature-invalid'), JSON.stringify(signed.findings));
});

test('verdictOf(): errors FAIL; unchecked signatures are NOT VERIFIED; only every signature checked VERIFIES', () => {
  const digests = { seen: 4, unreadable: 0, signaturesVerified: 4, signaturesFailed: 0, signaturesUnchecked: 0 };
  assert.is(verdictOf({ errors: 1, warnings: 0, digests, keysGiven: true }), 'FAILED');
  assert.is(verdictOf({ errors: 0, warnings: 0, digests, keysGiven: false }), 'NOT VERIFIED');
  assert.is(verdictOf({ errors: 0, warnings: 1, digests: { ...digests, signaturesVerified: 3, signaturesUnchecked: 1 }, keysGiven: true }), 'NOT VERIFIED');
  assert.is(verdictOf({ errors: 0, warnings: 2, digests, keysGiven: true }), 'VERIFIED WITH WARNINGS');
  assert.is(verdictOf({ errors: 0, warnings: 0, digests, keysGiven: true }), 'VERIFIED');
});

test('signatureAdvice() names the list-public-keys command per region over the chains, and the flags to pass', () => {
  const chain = { account: '1', trail: 't', homeRegion: 'us-east-1', backfill: false, digests: 1, restarts: 0, missingDigests: 0, signaturesVerified: 0 };
  const lines = signatureAdvice(
    [{ ...chain, region: 'eu-west-1', from: '2026-02-10T08:00:00Z', to: '2026-02-11T09:00:00Z' }, {
      ...chain,
      region: 'us-east-1',
      from: '2026-02-09T23:00:00Z',
      to: '2026-02-10T01:00:00Z',
    }],
    ['AWSLogs'],
    false,
  );
  assert.ok(
    lines.includes(
      '       aws cloudtrail list-public-keys --region eu-west-1 --start-time 2026-02-09T00:00:00Z --end-time 2026-02-12T00:00:00Z > keys-eu-west-1.json',
    ),
  );
  assert.ok(lines.includes('  3. cloudtrail-support verify AWSLogs --public-keys keys-eu-west-1.json keys-us-east-1.json --signatures signatures.json'));
});

test('verify on a zip, a tar and a tar.gz of samples/ gives the verdict and counts of the folder', async () => {
  const keys = join(SAMPLES, 'public-keys.json');
  const signatures = join(SAMPLES, 'signatures.json');
  const folder = await verifyWith([SAMPLES], keys, signatures);
  assert.is(folder.verdict, 'VERIFIED');
  const dir = tempDir();
  const archives = [
    put(dir, 'samples.zip', zipOf(SAMPLES)),
    put(dir, 'samples.tar', tarOfFolder(SAMPLES)),
    put(dir, 'samples.tar.gz', gzipSync(tarOfFolder(SAMPLES))),
  ];
  for (const archive of archives) {
    const r = await verifyWith([archive], keys, signatures);
    assert.is(r.verdict, folder.verdict, `${archive}: ${JSON.stringify(r.findings.slice(0, 3))}`);
    assert.equal([r.files, r.digests, r.logs], [folder.files, folder.digests, folder.logs], archive);
    assert.ok(r.logFiles.every((l) => l.path === null || l.path.startsWith(`${archive}!/`)));
  }
  const unsigned = await verifyWith([archives[0]], null, null);
  assert.is(unsigned.verdict, 'NOT VERIFIED');
});

test('a damaged entry in a zip is an error that names it (its files were not verified)', async () => {
  const a = signedArchive({ hours: 1 });
  const zip = zipOf(a.root);
  zip[zip.length - 40] ^= 0xff; // in the central directory: the archive is still found, one record is damaged
  const path = put(tempDir(), 'a.zip', zip);
  const r = await verifyWith([path], a.keysPath, a.signaturesPath);
  assert.is(r.verdict, 'FAILED');
  const broken = r.findings.filter((f) => f.kind === 'archive-unreadable');
  assert.is(broken.length, 1, JSON.stringify(r.findings));
  assert.ok(broken[0].path!.startsWith(path), broken[0].path!);
});

test('a digest moved out of the AWSLogs/ layout its chain is in is digest-moved (an error), named', async () => {
  const a = signedArchive();
  const stray = join(a.root, 'copied-out', basename(a.digests[1]));
  put(a.root, 'copied-out/.keep', '');
  renameSync(a.digests[1], stray);
  const r = await verifyWith([a.root], a.keysPath, a.signaturesPath);
  const moved = r.findings.filter((f) => f.kind === 'digest-moved');
  assert.equal(moved.map((f) => [f.severity, f.path]), [['error', stray]]);
  assert.match(moved[0].message, /outside the AWSLogs\/ layout where the other 3 digests of its chain are/);
  assert.is(r.verdict, 'FAILED');
});

test.run();
