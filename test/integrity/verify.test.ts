/** verifyArchive(): an untouched signed chain verifies clean; every tamper case is found and named. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { loadPublicKeys, loadSignatures } from '../../src/integrity/load.ts';
import type { VerifyResult } from '../../src/integrity/types.ts';
import { verifyArchive } from '../../src/integrity/verify.ts';
import { put, record, tempDir, trailFile } from '../_support/helpers.ts';
import { type Archive, editGzJson, makeKey, publicKeysJson, signedArchive, testKey } from '../_support/integrity-fixture.ts';

async function verify(a: Archive, keys: string | null = a.keysPath, signatures: string | null = a.signaturesPath): Promise<VerifyResult> {
  return verifyArchive([a.root], {
    publicKeys: keys ? await loadPublicKeys([keys]) : null,
    signatures: signatures ? await loadSignatures(signatures) : new Map(),
  });
}

const problems = (r: VerifyResult) => r.findings.filter((f) => f.severity !== 'info').map((f) => [f.kind, f.path ?? f.key]);
const keyOf = (path: string) => path.slice(path.indexOf('AWSLogs/'));

test('an untouched signed chain verifies clean: every log hash and every signature', async () => {
  const a = signedArchive();
  const r = await verify(a);
  assert.equal(problems(r), []);
  assert.is(r.errors + r.warnings, 0);
  assert.equal(r.logs, { listed: 8, verified: 8, modified: 0, missing: 0, unreadable: 0, unlisted: 0, 'not-covered': 0 });
  assert.equal(r.digests, { seen: 4, unreadable: 0, signaturesVerified: 4, signaturesFailed: 0, signaturesUnchecked: 0 });
  assert.is(r.chains.length, 1);
  assert.equal([r.chains[0].trail, r.chains[0].digests, r.chains[0].from, r.chains[0].to], ['org_trail-1', 4, '2026-01-05T09:20:30Z', '2026-01-05T13:20:30Z']);
  assert.equal(r.findings.map((f) => f.kind), ['chain-start']);
  assert.equal(r.coverage[0].holes, []);
});

test('a log file with one byte changed is reported modified, by path and digest', async () => {
  const a = signedArchive();
  const body = gunzipSync(readFileSync(a.logs[3]));
  body[20] ^= 1;
  writeFileSync(a.logs[3], gzipSync(body));
  const r = await verify(a);
  assert.equal(problems(r), [['log-modified', a.logs[3]]]);
  assert.match(r.findings[0].message, /was modified: the SHA-256 of its decompressed content is [0-9a-f]{64}, but digest .*T112030Z\.json\.gz recorded/);
  assert.is(r.logs.modified, 1);
});

test('a log file with a corrupted gzip byte is reported unreadable (an error)', async () => {
  const a = signedArchive();
  const raw = readFileSync(a.logs[0]);
  raw[raw.length - 12] ^= 0xff;
  writeFileSync(a.logs[0], raw);
  const r = await verify(a);
  assert.equal(problems(r).map((p) => p[0]), ['log-unreadable']);
  assert.is(r.findings[0].path, a.logs[0]);
});

test("bytes appended after a log file's gzip stream are named (a warning): the events still match", async () => {
  const a = signedArchive();
  writeFileSync(a.logs[2], Buffer.concat([readFileSync(a.logs[2]), Buffer.from('hidden payload')]));
  const r = await verify(a);
  assert.equal(problems(r), [['trailing-data', a.logs[2]]]);
  assert.match(r.findings[0].message, /its content matches digest .* but 14 bytes of trailing data after the gzip stream were ignored/);
  assert.is(r.logs.verified, 8);
});

test('a deleted listed log file is reported missing by its key', async () => {
  const a = signedArchive();
  rmSync(a.logs[5]);
  const r = await verify(a);
  assert.equal(problems(r), [['log-missing', keyOf(a.logs[5])]]);
  assert.match(r.findings[0].message, /is missing: listed in digest .*_20260105T122030Z\.json\.gz/);
});

test("an added log file inside the digests' time range is reported unlisted", async () => {
  const a = signedArchive();
  const k = 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/111122223333_CloudTrail_us-east-1_20260105T1050Z_injectedInjected.json.gz';
  const path = put(a.root, k, gzipSync(trailFile([record()])));
  const r = await verify(a);
  assert.equal(problems(r), [['log-unlisted', path]]);
  assert.match(r.findings[0].message, /listed in no digest, although digests of 111122223333\/us-east-1 cover its delivery time \(2026-01-05T10:50Z\)/);
});

test('a log file outside every digest\'s time is "not covered" (a warning), not unlisted', async () => {
  const a = signedArchive();
  const k = 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/06/111122223333_CloudTrail_us-east-1_20260106T0800Z_laterLaterLater0.json.gz';
  const path = put(a.root, k, gzipSync(trailFile([record()])));
  const r = await verify(a);
  assert.equal(problems(r), [['log-not-covered', path]]);
  assert.is(r.errors, 0);
  assert.equal(r.coverage[0].holes, [{ from: '2026-01-05T13:20:30Z', to: '2026-01-06T08:01:00Z', logFiles: 1 }]);
});

test('a modified digest is named: its hash no longer matches its successor, and its signature fails', async () => {
  const a = signedArchive();
  editGzJson(a.digests[1], (d) => void ((d.logFiles as { hashValue: string }[])[0].hashValue = '0'.repeat(64)));
  const r = await verify(a);
  const kinds = problems(r).filter((p) => p[1] === a.digests[1]).map((p) => p[0]);
  assert.equal(kinds.sort(), ['digest-modified', 'signature-invalid']);
  assert.match(
    r.findings.find((f) => f.kind === 'digest-modified')!.message,
    /was modified: its SHA-256 is .* but its successor .*T122030Z\.json\.gz recorded/,
  );
});

test('one deleted digest is reported missing by the key its successor names', async () => {
  const a = signedArchive();
  rmSync(a.digests[1]);
  const r = await verify(a);
  const missing = r.findings.filter((f) => f.kind === 'digest-missing');
  assert.equal(missing.map((f) => f.key), [keyOf(a.digests[1])]);
  assert.match(missing[0].message, /names it as its previous digest, but it is not in the input/);
  assert.is(r.chains[0].missingDigests, 1);
  assert.ok(r.errors > 0);
});

test('two digests deleted in a row are both reported (aws-cli#7054 reports one)', async () => {
  const a = signedArchive({ hours: 5 });
  rmSync(a.digests[1]);
  rmSync(a.digests[2]);
  const r = await verify(a);
  const missing = r.findings.filter((f) => f.kind === 'digest-missing').map((f) => f.key).sort();
  assert.equal(missing, [keyOf(a.digests[1]), keyOf(a.digests[2])]);
  assert.is(r.chains[0].missingDigests, 2);
});

test('a moved digest is reported moved (and not missing)', async () => {
  const a = signedArchive();
  put(a.root, keyOf(a.digests[2]).replace('/2026/01/05/', '/2026/01/06/'), readFileSync(a.digests[2]));
  rmSync(a.digests[2]);
  const r = await verify(a);
  assert.equal(problems(r).map((p) => p[0]), ['digest-moved']);
  assert.match(
    r.findings[0].message,
    /records its own location as s3:\/\/audit-bucket\/AWSLogs\/.*\/2026\/01\/05\/.* but was found at AWSLogs\/.*\/2026\/01\/06\//,
  );
});

test('a corrupted newest signature (from --signatures) fails the newest digest', async () => {
  const a = signedArchive();
  const sigs = JSON.parse(readFileSync(a.signaturesPath, 'utf8'));
  const k = Object.keys(sigs)[0];
  sigs[k] = sigs[k].slice(0, -2) + (sigs[k].endsWith('00') ? '11' : '00');
  writeFileSync(a.signaturesPath, JSON.stringify(sigs));
  const r = await verify(a);
  assert.equal(problems(r), [['signature-invalid', a.digests[3]]]);
  assert.match(r.findings[0].message, /signature verification failed \(signature given in --signatures/);
});

test('a corrupted embedded signature is found (the successor no longer hashes or verifies either)', async () => {
  const a = signedArchive();
  editGzJson(a.digests[2], (d) => void (d.previousDigestSignature = String(d.previousDigestSignature).replace(/^../, 'ff')));
  const r = await verify(a);
  const failed = r.findings.filter((f) => f.kind === 'signature-invalid').map((f) => f.path).sort();
  assert.equal(failed, [a.digests[1], a.digests[2]].sort());
  assert.ok(r.findings.some((f) => f.kind === 'digest-modified' && f.path === a.digests[2]));
});

test('wrong key: a chain signed by an impostor key that claims the real fingerprint fails every signature', async () => {
  const real = testKey();
  const a = signedArchive({ key: makeKey(), claimFingerprint: real.fingerprint });
  writeFileSync(a.keysPath, publicKeysJson([real]));
  const r = await verify(a);
  assert.equal(problems(r).map((p) => p[0]), ['signature-invalid', 'signature-invalid', 'signature-invalid', 'signature-invalid']);
  assert.is(r.digests.signaturesVerified, 0);
});

test('wrong key: keys that do not include the signing key are reported key-unknown with the region to ask', async () => {
  const a = signedArchive();
  writeFileSync(a.keysPath, publicKeysJson([makeKey()]));
  const r = await verify(a);
  assert.equal(new Set(problems(r).map((p) => p[0])), new Set(['key-unknown']));
  assert.match(r.findings[0].message, new RegExp(`signed with key ${a.key.fingerprint}, which is not in --public-keys .*list-public-keys --region us-east-1`));
});

test('without --public-keys nothing is tampered, but signatures are listed as not checked (a warning)', async () => {
  const a = signedArchive();
  const r = await verify(a, null, null);
  assert.equal(problems(r), [['signatures-unchecked', null]]);
  assert.is(r.errors, 0);
  assert.match(r.notChecked[0], /digest signatures \(4\): no --public-keys given/);
});

test('without --signatures the newest digest is named as unverifiable (a warning)', async () => {
  const a = signedArchive();
  const r = await verify(a, a.keysPath, null);
  assert.equal(problems(r), [['signature-unavailable', a.digests[3]]]);
  assert.is(r.digests.signaturesVerified, 3);
});

test('a newest digest deleted together with its logs is caught when --signatures names it', async () => {
  const a = signedArchive();
  rmSync(a.digests[3]);
  for (const log of a.logs.slice(6)) rmSync(log);
  const r = await verify(a);
  assert.equal(problems(r), [['digest-missing', keyOf(a.digests[3])], ['signature-unavailable', a.digests[2]]]);
});

test('an odd-named file in a CloudTrail log folder whose day digests cover is unlisted (an error), named', async () => {
  const a = signedArchive();
  const path = put(a.root, 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/extra-evidence.json.gz', readFileSync(a.logs[0]));
  const r = await verify(a);
  assert.equal(problems(r), [['log-unlisted', path]]);
  assert.is(r.findings[0].key, 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/extra-evidence.json.gz');
  assert.match(
    r.findings[0].message,
    /extra-evidence\.json\.gz is read as a log file by report, but it is listed in no digest and its name is not a CloudTrail log file name, although it is in the CloudTrail log folder of 111122223333\/us-east-1 for 2026-01-05/,
  );
  assert.equal([r.logs.unlisted, r.files.logs, r.files.ignored], [1, 9, 0]);
  assert.equal(r.logFiles.filter((l) => l.status === 'unlisted').map((l) => l.path), [path]);
});

test('odd-named files no digest could cover are "not covered" (a warning), named; sidecars beside them are not findings', async () => {
  const a = signedArchive();
  const uncoveredDay = put(a.root, 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/09/notes.json', trailFile([record()]));
  const loose = put(a.root, 'downloads/event-history.json', trailFile([record()]));
  put(a.root, 'public-keys.json', readFileSync(a.keysPath));
  put(a.root, 'signatures.json', readFileSync(a.signaturesPath));
  put(a.root, 'renamed-digest.json.gz', readFileSync(a.digests[0]));
  const r = await verify(a);
  assert.equal(problems(r), [['log-not-covered', loose], ['log-not-covered', uncoveredDay]].sort((x, y) => (x[1] < y[1] ? -1 : 1)));
  assert.is(r.errors, 0);
  assert.match(
    r.findings.find((f) => f.path === uncoveredDay)!.message,
    /in the CloudTrail log folder of 111122223333\/us-east-1 for 2026-01-09, but no digest of 111122223333\/us-east-1 covers that day: it cannot be verified/,
  );
  assert.match(
    r.findings.find((f) => f.path === loose)!.message,
    /not in an AWSLogs\/<account>\/CloudTrail\/<region>\/ folder either, so no digest can cover it/,
  );
  assert.equal([r.logs['not-covered'], r.files.ignored], [2, 3]);
});

test('an empty folder fails: no digest files found, nothing could be verified', async () => {
  const r = await verifyArchive([tempDir()]);
  assert.equal(r.findings.map((f) => [f.severity, f.kind, f.path, f.key]), [['error', 'no-digests', null, null]]);
  assert.match(r.findings[0].message, /^no digest files found: nothing could be verified/);
  assert.is(r.errors, 1);
});

test('a folder of log files without any digest fails: not covered is one line per account and region, each file in logFiles', async () => {
  const a = signedArchive({ hours: 3 });
  for (const d of a.digests) rmSync(d);
  const r = await verify(a);
  assert.equal(problems(r), [['no-digests', null], ['log-not-covered', 'AWSLogs/111122223333/CloudTrail/us-east-1/']]);
  const line = r.findings.find((f) => f.kind === 'log-not-covered')!;
  assert.is(line.key, 'AWSLogs/111122223333/CloudTrail/us-east-1/');
  assert.match(line.message, /^6 log files of 111122223333\/us-east-1, delivered 2026-01-05T09:30Z to 2026-01-05T11:55Z are listed in no digest/);
  assert.equal(r.logFiles.filter((l) => l.status === 'not-covered').map((l) => l.path).sort(), [...a.logs].sort());
  assert.equal([r.logs['not-covered'], r.errors, r.verdict], [6, 1, 'FAILED']);
});

test.run();
