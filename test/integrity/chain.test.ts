/** Chains beyond the straight line: restarts, backfill chains apart, prefixes, gunzipped copies, several archives. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { loadPublicKeys, loadSignatures } from '../../src/integrity/load.ts';
import { verifyArchive } from '../../src/integrity/verify.ts';
import { put, tempDir } from '../_support/helpers.ts';
import { signedArchive } from '../_support/integrity-fixture.ts';

const verifyWith = async (roots: string[], keys: string, sigs: string) =>
  verifyArchive(roots, { publicKeys: await loadPublicKeys([keys]), signatures: await loadSignatures(sigs) });

test('a digest with null previous fields inside a chain is a legitimate restart (info), and the segment end needs its own signature', async () => {
  const a = signedArchive({ hours: 5, restartAt: [3] });
  const r = await verifyWith([a.root], a.keysPath, a.signaturesPath);
  assert.equal(r.findings.map((f) => [f.severity, f.kind, f.path]), [
    ['warning', 'signature-unavailable', a.digests[2]],
    ['info', 'chain-start', a.digests[0]],
    ['info', 'chain-restart', a.digests[3]],
  ]);
  assert.is(r.errors, 0);
  assert.is(r.chains[0].restarts, 1);
  assert.match(r.findings[2].message, /starts a new chain segment after .* no digests from 2026-01-05T12:20:30Z to 2026-01-05T12:20:30Z/);
});

test('backfill digests form their own chain, apart from the standard one', async () => {
  const std = signedArchive({ hours: 2 });
  const back = signedArchive({ hours: 2, backfill: true });
  const sigs = { ...JSON.parse(readFileSync(std.signaturesPath, 'utf8')), ...JSON.parse(readFileSync(back.signaturesPath, 'utf8')) };
  writeFileSync(std.signaturesPath, JSON.stringify(sigs));
  const r = await verifyWith([std.root, back.root], std.keysPath, std.signaturesPath);
  assert.equal(r.chains.map((c) => [c.backfill, c.digests, c.signaturesVerified]), [[false, 2, 2], [true, 2, 2]]);
  assert.is(r.errors + r.warnings, 0);
});

test('digests that record a trail S3 prefix map to local files under any folder, gunzipped copies included', async () => {
  const a = signedArchive({ s3Prefix: 'team/audit/' });
  // Gunzip one log file and one digest in place (…json.gz -> …json): the hashes are of the decompressed bytes.
  for (const path of [a.logs[2], a.digests[1]]) {
    writeFileSync(path.replace(/\.gz$/, ''), gunzipSync(readFileSync(path)));
    rmSync(path);
  }
  const r = await verifyWith([a.root], a.keysPath, a.signaturesPath);
  assert.equal(r.findings.filter((f) => f.severity !== 'info'), []);
  assert.is(r.logs.verified, 8);
  assert.is(r.digests.signaturesVerified, 4);
});

test('a gunzipped copy kept beside the original (digest and log file) is no fork and no unlisted file', async () => {
  const a = signedArchive();
  for (const path of [a.logs[2], a.digests[1]]) writeFileSync(path.replace(/\.gz$/, ''), gunzipSync(readFileSync(path)));
  const r = await verifyWith([a.root], a.keysPath, a.signaturesPath);
  assert.equal(r.findings.filter((f) => f.severity !== 'info'), []);
  assert.equal(r.findings.filter((f) => f.kind === 'digest-duplicate').map((f) => f.path), [a.digests[1].replace(/\.gz$/, '')]);
  assert.equal([r.logs.listed, r.logs.verified, r.logFiles.length], [8, 8, 9]);
});

test('digests copied out of their AWSLogs tree are matched by file name, and log files by name too', async () => {
  const a = signedArchive({ hours: 2 });
  const flat = tempDir();
  for (const path of [...a.digests, ...a.logs]) put(flat, path.slice(path.lastIndexOf('/') + 1), readFileSync(path));
  const r = await verifyWith([flat], a.keysPath, a.signaturesPath);
  assert.equal(r.findings.filter((f) => f.severity !== 'info'), []);
  assert.is(r.logs.verified, 4);
});

test('a digest listed twice in the chain by two successors is a fork (error)', async () => {
  const a = signedArchive({ hours: 3 });
  const copy = readFileSync(a.digests[2]);
  // The same digest content under another hour's name: it names the same previous digest.
  put(a.root, a.digests[2].slice(a.digests[2].indexOf('AWSLogs/')).replace(/\d{2}Z\.json\.gz$/, '59Z.json.gz'), copy);
  const r = await verifyWith([a.root], a.keysPath, a.signaturesPath);
  const kinds = r.findings.filter((f) => f.severity === 'error').map((f) => f.kind).sort();
  assert.ok(kinds.includes('chain-fork'), kinds.join());
  assert.ok(kinds.includes('digest-moved'), kinds.join());
});

test('an archive with no digests fails (nothing could be verified), reports every log file as not covered, and no chains', async () => {
  const a = signedArchive({ hours: 1 });
  for (const d of a.digests) rmSync(d);
  const r = await verifyArchive([a.root]);
  assert.equal(r.chains, []);
  assert.is(r.logs['not-covered'], 2);
  assert.is(r.errors, 1);
  assert.equal(r.findings.filter((f) => f.severity === 'error').map((f) => f.kind), ['no-digests']);
  assert.equal(r.coverage.map((c) => [c.logHours, c.digestHours, c.logHoursWithoutDigest]), [[1, 0, 1]]);
});

test.run();
