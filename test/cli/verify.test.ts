/** End-to-end: `cloudtrail-support verify` from the built CLI (dist/), and the same under Deno. */
import { denoCli } from '../_support/deno.ts';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { put, ROOT, tempDir } from '../_support/helpers.ts';
import { signedArchive } from '../_support/integrity-fixture.ts';

const CLI = join(ROOT, 'dist/src/cli.js');

function run(args: string[]) {
  const out = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

const verifyArgs = (
  a: ReturnType<typeof signedArchive>,
  ...more: string[]
) => ['verify', a.root, '--public-keys', a.keysPath, '--signatures', a.signaturesPath, ...more];

test('verify exits 0 and prints VERIFIED on an untouched archive', () => {
  const a = signedArchive();
  const { code, stdout, stderr } = run(verifyArgs(a, '--format', 'table'));
  assert.is(code, 0, stderr);
  assert.match(stdout, /^integrity: VERIFIED: hashes, chains and every digest signature checked \(0 errors, 0 warnings\)/);
  assert.match(stdout, /log files: 8 listed = 8 verified \+ 0 modified \+ 0 missing/);
});

test('verify exits 1 on a tampered log file and names it in every format', () => {
  const a = signedArchive();
  const body = gunzipSync(readFileSync(a.logs[1]));
  body[30] ^= 1;
  writeFileSync(a.logs[1], gzipSync(body));
  const table = run(verifyArgs(a, '--format', 'table'));
  assert.is(table.code, 1);
  assert.match(table.stdout, /^integrity: FAILED: 1 integrity error \(1 errors, 0 warnings\)/);
  assert.ok(table.stdout.includes(`ERROR   log-modified           ${a.logs[1]} was modified`), table.stdout);
  const json = JSON.parse(run(verifyArgs(a, '--format', 'json')).stdout);
  assert.equal(json.findings.filter((f: { severity: string }) => f.severity === 'error').map((f: { kind: string; path: string }) => [f.kind, f.path]), [[
    'log-modified',
    a.logs[1],
  ]]);
  const md = run(verifyArgs(a, '--format', 'md'));
  assert.is(md.code, 1);
  assert.match(md.stdout, /^# CloudTrail integrity verification\n\n\*\*integrity: FAILED/);
  assert.match(md.stdout, /\| error \| log-modified \| .*was modified/);
});

test('verify without keys is NOT VERIFIED (exit 1) and says what to fetch; --no-signatures accepts it (exit 0), still NOT VERIFIED', () => {
  const a = signedArchive();
  const plain = run(['verify', a.root, '--format', 'table']);
  assert.is(plain.code, 1);
  assert.match(plain.stdout, /^integrity: NOT VERIFIED: hashes and chain consistent, signatures not checked \(0 errors, 1 warnings\)/);
  assert.ok(plain.stdout.includes('aws cloudtrail list-public-keys --region us-east-1 --start-time 2026-01-05T00:00:00Z --end-time 2026-01-06T00:00:00Z'));
  assert.ok(plain.stdout.includes(`cloudtrail-support verify ${a.root} --public-keys keys-us-east-1.json --signatures signatures.json`), plain.stdout);
  assert.match(plain.stdout, /WARNING +signatures-unchecked +4 digest signatures were not checked: no --public-keys given/);
  assert.match(plain.stdout, /Not checked\n {2}- digest signatures \(4\): no --public-keys given/);
  const accepted = run(['verify', a.root, '--format', 'table', '--no-signatures']);
  assert.is(accepted.code, 0);
  assert.match(accepted.stdout, /^integrity: NOT VERIFIED \(accepted with --no-signatures\): hashes and chain consistent, signatures not checked/);
  assert.not.ok(accepted.stdout.includes('list-public-keys --region'), 'no advice once accepted');
  const json = JSON.parse(run(['verify', a.root, '--format', 'json', '--no-signatures']).stdout);
  assert.equal([json.verdict, json.acceptedUnsigned], ['NOT VERIFIED', true]);
  assert.is(run(['verify', a.root, '--format', 'json', '--strict', '--no-signatures']).code, 1);
});

test('verify exits 1 when a digest was deleted, naming its key', () => {
  const a = signedArchive();
  rmSync(a.digests[2]);
  const { code, stdout } = run(verifyArgs(a, '--format', 'json'));
  assert.is(code, 1);
  const missing = JSON.parse(stdout).findings.filter((f: { kind: string }) => f.kind === 'digest-missing');
  assert.equal(missing.map((f: { key: string }) => f.key), [a.digests[2].slice(a.digests[2].indexOf('AWSLogs/'))]);
});

test('every tamper case exits 1 from the CLI and names the file', () => {
  const cases: [string, (a: ReturnType<typeof signedArchive>) => string][] = [
    [
      'log byte',
      (a) => (writeFileSync(a.logs[0], gzipSync(Buffer.from(gunzipSync(readFileSync(a.logs[0])).toString().replace('CreateCase', 'CreateCasf')))), a.logs[0]),
    ],
    ['deleted log', (a) => (rmSync(a.logs[4]), a.logs[4].slice(a.logs[4].indexOf('AWSLogs/')))],
    [
      'added log',
      (a) =>
        put(
          a.root,
          'AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/111122223333_CloudTrail_us-east-1_20260105T1100Z_addedAddedAdded0.json.gz',
          readFileSync(a.logs[0]),
        ),
    ],
    [
      'modified digest',
      (
        a,
      ) => (writeFileSync(a.digests[1], gzipSync(Buffer.from(gunzipSync(readFileSync(a.digests[1])).toString().replace('"logFiles":[', '"logFiles":[ ')))),
        a.digests[1]),
    ],
    ['deleted digest', (a) => (rmSync(a.digests[2]), a.digests[2].slice(a.digests[2].indexOf('AWSLogs/')))],
    ['moved digest', (a) => {
      const to = put(a.root, a.digests[1].slice(a.digests[1].indexOf('AWSLogs/')).replace('/2026/01/05/', '/2026/01/07/'), readFileSync(a.digests[1]));
      rmSync(a.digests[1]);
      return to;
    }],
    [
      'bad signature',
      (a) => (writeFileSync(
        a.signaturesPath,
        readFileSync(a.signaturesPath, 'utf8').replace(/"([0-9a-f])/, (_, c) => `"${c === '0' ? '1' : '0'}`),
      ),
        a.digests[3]),
    ],
  ];
  for (const [name, tamper] of cases) {
    const a = signedArchive();
    const named = tamper(a);
    const { code, stdout } = run(verifyArgs(a, '--format', 'table'));
    assert.is(code, 1, name);
    assert.ok(stdout.split('\n').some((l) => l.startsWith('  ERROR') && l.includes(named)), `${name}: ${named}\n${stdout}`);
  }
});

test('verify exits 2 on a bad --public-keys or --signatures file and on a missing path, before reading the archive', () => {
  const a = signedArchive({ hours: 1 });
  const junk = put(a.root, '../junk.json', '{"PublicKeyList": 3}');
  const badKeys = run(['verify', a.root, '--public-keys', junk]);
  assert.is(badKeys.code, 2);
  assert.match(badKeys.stderr, /junk\.json: not a list-public-keys document \(no PublicKeyList array\)/);
  assert.is(badKeys.stdout, '');
  const badSigs = run(['verify', a.root, '--signatures', join(a.root, 'nope.json')]);
  assert.is(badSigs.code, 2);
  assert.match(badSigs.stderr, /cannot read --signatures file ".*nope\.json"/);
  assert.is(run(['verify', '/no/such/dir']).code, 2);
});

test('report notes on stderr that digests are present and suggests verify', () => {
  const a = signedArchive({ hours: 1 });
  const { code, stderr } = run(['report', a.root, '--format', 'json']);
  assert.is(code, 0);
  assert.match(stderr, /note: 1 digest files found; check the archive's integrity with: cloudtrail-support verify /);
});

test('verify samples/ with the committed keys and signatures verifies clean: every log file and every digest signature', () => {
  const { code, stdout, stderr } = run([
    'verify',
    'samples/',
    '--public-keys',
    'samples/public-keys.json',
    '--signatures',
    'samples/signatures.json',
    '--format',
    'json',
  ]);
  assert.is(code, 0, stderr);
  const r = JSON.parse(stdout);
  assert.is(r.errors + r.warnings, 0, JSON.stringify(r.findings.slice(0, 3)));
  assert.ok(r.logs.listed > 0 && r.logs.verified === r.logs.listed && r.logs.unlisted === 0 && r.logs['not-covered'] === 0);
  assert.ok(r.digests.seen > 0 && r.digests.signaturesVerified === r.digests.seen);
  assert.ok(r.chains.every((c: { missingDigests: number; restarts: number }) => c.missingDigests === 0 && c.restarts === 0));
});

test('verify samples/ without --signatures names the newest digest of each chain: NOT VERIFIED (exit 1) unless --no-signatures', () => {
  const loose = run(['verify', 'samples/', '--public-keys', 'samples/public-keys.json', '--format', 'json']);
  assert.is(loose.code, 1);
  const r = JSON.parse(loose.stdout);
  assert.is(r.verdict, 'NOT VERIFIED');
  assert.match(r.summary, /^hashes and chain consistent, \d+ of 54 digest signatures not checked$/);
  const unavailable = r.findings.filter((f: { kind: string }) => f.kind === 'signature-unavailable');
  assert.is(unavailable.length, r.chains.length);
  assert.is(r.warnings, r.chains.length);
  assert.is(run(['verify', 'samples/', '--public-keys', 'samples/public-keys.json', '--no-signatures']).code, 0);
  assert.is(run(['verify', 'samples/', '--public-keys', 'samples/public-keys.json', '--no-signatures', '--strict']).code, 1);
});

test('Deno prints the same verify JSON as Node', () => {
  const a = signedArchive({ hours: 2 });
  rmSync(a.logs[0]);
  const node = run(verifyArgs(a, '--format', 'json'));
  const deno = denoCli(verifyArgs(a, '--format', 'json'), ['read', 'env']);
  assert.is(deno.status, 1, deno.stderr);
  assert.is(deno.stdout, node.stdout);
});

test('an odd-named extra log file in a covered CloudTrail folder fails verify (exit 1, named) while report reads it', () => {
  const a = signedArchive();
  // Not byte-identical to a log (a copy is counted as a duplicate file by report): the same records, one more newline.
  const extraBytes = gzipSync(Buffer.concat([gunzipSync(readFileSync(a.logs[0])), Buffer.from('\n')]));
  const extra = put(a.root, 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/extra-evidence.json.gz', extraBytes);
  for (const strict of [[], ['--strict']]) {
    const { code, stdout } = run(verifyArgs(a, '--format', 'table', ...strict));
    assert.is(code, 1, stdout);
    assert.match(stdout, /^integrity: FAILED: 1 integrity error \(1 errors, 0 warnings\)/);
    assert.ok(stdout.includes(`ERROR   log-unlisted           ${extra} is read as a log file by report`), stdout);
  }
  const reported = run(['report', a.root, '--format', 'json']);
  assert.is(reported.code, 0, reported.stderr);
  assert.is(JSON.parse(reported.stdout).files.read, 9);
});

test('a file with an extension not on the list is held to the digests when report reads it (CloudTrail content), ignored when not', () => {
  const a = signedArchive();
  const folder = 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05';
  const extra = put(a.root, `${folder}/extra-evidence.json.cloudtrail`, gunzipSync(readFileSync(a.logs[0])));
  put(a.root, `${folder}/notes.txt`, 'downloaded by the auditor\n');
  const { code, stdout } = run(verifyArgs(a, '--format', 'table'));
  assert.is(code, 1, stdout);
  assert.match(stdout, /^integrity: FAILED: 1 integrity error \(1 errors, 0 warnings\)/);
  assert.ok(stdout.includes(`ERROR   log-unlisted           ${extra} is read as a log file by report`), stdout);
  assert.not.ok(stdout.includes('notes.txt'), stdout);
});

test('verify fails (exit 1, not VERIFIED) on an empty folder and on a folder with logs but no digest', () => {
  const a = signedArchive({ hours: 1 });
  for (const d of a.digests) rmSync(d);
  for (const root of [tempDir(), a.root]) {
    const { code, stdout } = run(['verify', root, '--format', 'table']);
    assert.is(code, 1, stdout);
    assert.match(stdout, /^integrity: FAILED: 1 integrity error \(1 errors, \d+ warnings\)/);
    assert.match(stdout, /ERROR +no-digests +no digest files found: nothing could be verified/);
  }
});

test('verify without paths is a usage error whose hint names verify', () => {
  const { code, stderr } = run(['verify']);
  assert.is(code, 2);
  assert.match(stderr, /no input paths given \(try: cloudtrail-support verify \.\/AWSLogs\)/);
});

test.run();
