import { createHash, createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type ArchiveOptions, generateArchive } from '../../bench/generate/mod.ts';

// The naming rules, written out here independently of the generator's own patterns.
const LOG_RE =
  /^AWSLogs\/(?:o-[a-z0-9]{10,32}\/)?(\d{12})\/CloudTrail\/([a-z0-9-]+)\/(\d{4})\/(\d{2})\/(\d{2})\/\1_CloudTrail_\2_\3\4\5T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz$/;
const DIGEST_RE =
  /^AWSLogs\/(?:o-[a-z0-9]{10,32}\/)?(\d{12})\/CloudTrail-Digest\/([a-z0-9-]+)\/(\d{4})\/(\d{2})\/(\d{2})\/\1_CloudTrail-Digest_\2_management-events_us-east-1_\3\4\5T\d{6}Z\.json\.gz$/;
const INSIGHT_RE =
  /^AWSLogs\/(?:o-[a-z0-9]{10,32}\/)?(\d{12})\/CloudTrail-Insight\/([a-z0-9-]+)\/\d{4}\/\d{2}\/\d{2}\/\1_CloudTrail-Insight_\2_\d{8}T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz$/;
const SUPPORT_RE = /^(support|supportapp|supportplans|trustedadvisor|support-console|supportauthz|support-subscription)\.amazonaws\.com$/;

const BASE: Omit<ArchiveOptions, 'out' | 'seed'> = {
  files: 8,
  recordsPerFile: 40,
  supportDensity: 0.05,
  accounts: ['111122223333', '444455556666'],
  orgId: 'o-a1b2c3d4e5',
  orgAccounts: ['111122223333'],
  start: '2026-03-01T00:00:00Z',
  spanHours: 3,
  digests: true,
  insightFiles: 1,
};

const dirs: string[] = [];
let first = '', twin = '', other = '';

async function make(seed: string, extra: Partial<ArchiveOptions> = {}): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'ct-gen-'));
  dirs.push(out);
  await generateArchive({ ...BASE, ...extra, seed, out });
  return out;
}

/** Relative path -> bytes of every file under `dir`. */
function tree(dir: string): Map<string, Buffer> {
  const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
  return new Map(walk(dir).sort().map((p) => [relative(dir, p), readFileSync(p)]));
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const gunzipJson = (b: Buffer) => JSON.parse(gunzipSync(b).toString('utf8'));

test.before(async () => {
  first = await make('alpha');
  twin = await make('alpha');
  other = await make('beta');
});

test.after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test('generateArchive() writes byte-identical trees for the same seed', () => {
  const a = tree(first), b = tree(twin);
  assert.equal([...a.keys()], [...b.keys()]);
  for (const [path, bytes] of a) assert.ok(bytes.equals(b.get(path)!), `${path} differs between runs`);
});

test('generateArchive() writes different files for a different seed', () => {
  const a = tree(first), c = tree(other);
  const logs = (t: Map<string, Buffer>) => [...t.keys()].filter((p) => LOG_RE.test(p));
  assert.not.equal(logs(a), logs(c));
});

test('every file path follows the AWS naming rules, with the organization prefix only where asked', () => {
  const paths = [...tree(first).keys()];
  const logs = paths.filter((p) => p.includes('/CloudTrail/'));
  const digests = paths.filter((p) => p.includes('/CloudTrail-Digest/'));
  const insights = paths.filter((p) => p.includes('/CloudTrail-Insight/'));
  assert.is(logs.length, 8);
  assert.is(insights.length, 1);
  for (const p of logs) assert.match(p, LOG_RE);
  for (const p of digests) assert.match(p, DIGEST_RE);
  for (const p of insights) assert.match(p, INSIGHT_RE);
  for (const p of [...logs, ...digests]) assert.is(p.startsWith('AWSLogs/o-a1b2c3d4e5/'), p.includes('/111122223333/'), p);
  assert.equal(paths.filter((p) => !p.startsWith('AWSLogs/')).sort(), ['public-keys.json', 'signatures.json']);
});

test('every log file gunzips to {"Records":[…]} with the requested count, sorted by eventTime', () => {
  for (const [path, bytes] of tree(first)) {
    if (!LOG_RE.test(path)) continue;
    const doc = gunzipJson(bytes);
    assert.equal(Object.keys(doc), ['Records']);
    assert.is(doc.Records.length, 40, path);
    const times = doc.Records.map((r: { eventTime: string }) => r.eventTime);
    assert.equal(times, [...times].sort(), `${path} is not sorted by eventTime`);
    for (const t of times) assert.match(t, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const account = path.match(LOG_RE)![1];
    for (const r of doc.Records) assert.is(r.recipientAccountId, account);
  }
});

test('a records-per-file range is honoured', async () => {
  const out = await make('range', { files: 5, recordsPerFile: [3, 9], digests: false, insightFiles: 0 });
  for (const [path, bytes] of tree(out)) {
    const n = gunzipJson(bytes).Records.length;
    assert.ok(n >= 3 && n <= 9, `${path} has ${n} records`);
  }
});

test('Support events make up exactly the requested share of records', () => {
  let records = 0, support = 0;
  for (const [path, bytes] of tree(first)) {
    if (!LOG_RE.test(path)) continue;
    for (const r of gunzipJson(bytes).Records) {
      records++;
      if (SUPPORT_RE.test(r.eventSource)) support++;
    }
  }
  assert.is(records, 320);
  assert.is(support, Math.round(320 * 0.05));
});

test("sources: 'support' keeps Support events to support.amazonaws.com", async () => {
  const out = await make('only-api', { sources: 'support', supportDensity: 0.5, digests: false, insightFiles: 0 });
  const sources = new Set<string>();
  for (const [, bytes] of tree(out)) for (const r of gunzipJson(bytes).Records) if (SUPPORT_RE.test(r.eventSource)) sources.add(r.eventSource);
  assert.equal([...sources], ['support.amazonaws.com']);
});

test('mfaAuthenticated is written as the string CloudTrail uses, never a boolean', () => {
  for (const [path, bytes] of tree(first)) {
    if (!LOG_RE.test(path)) continue;
    for (const r of gunzipJson(bytes).Records) {
      const mfa = r.userIdentity?.sessionContext?.attributes?.mfaAuthenticated;
      if (mfa !== undefined) assert.ok(mfa === 'true' || mfa === 'false', `${path}: ${JSON.stringify(mfa)}`);
    }
  }
});

/** Digest documents by key, with their decompressed bytes. */
// deno-lint-ignore no-explicit-any
function digestsOf(dir: string): Map<string, { doc: any; raw: Buffer }> {
  // deno-lint-ignore no-explicit-any
  const out = new Map<string, { doc: any; raw: Buffer }>();
  for (const [path, bytes] of tree(dir)) {
    if (!DIGEST_RE.test(path)) continue;
    const raw = gunzipSync(bytes);
    out.set(path, { doc: JSON.parse(raw.toString('utf8')), raw });
  }
  return out;
}

test('digests list every log file once, with the SHA-256 of its decompressed bytes', () => {
  const files = tree(first);
  const listed: string[] = [];
  for (const { doc } of digestsOf(first).values()) {
    for (const f of doc.logFiles) {
      assert.is(f.hashAlgorithm, 'SHA-256');
      assert.is(f.hashValue, sha256(gunzipSync(files.get(f.s3Object)!)), f.s3Object);
      listed.push(f.s3Object);
    }
  }
  assert.equal(listed.sort(), [...files.keys()].filter((p) => LOG_RE.test(p)).sort());
});

test('each digest chain links to the previous digest by object, hash and signature', () => {
  const digests = digestsOf(first);
  const signatures = JSON.parse(readFileSync(join(first, 'signatures.json'), 'utf8'));
  let starts = 0;
  for (const [key, { doc }] of digests) {
    assert.is(doc.digestS3Object, key);
    if (doc.previousDigestS3Object === null) {
      starts++;
      assert.is(doc.previousDigestHashValue, null);
      assert.is(doc.previousDigestSignature, null);
      continue;
    }
    const prev = digests.get(doc.previousDigestS3Object);
    assert.ok(prev, `${key} points at a missing digest`);
    assert.is(doc.previousDigestHashValue, sha256(prev!.raw));
    assert.is(doc.previousDigestHashAlgorithm, 'SHA-256');
    assert.is(doc.previousDigestSignature, signatures[doc.previousDigestS3Object]);
  }
  assert.is(starts, 2 * 3, 'one chain per account and region');
});

test('every digest signature verifies against public-keys.json', () => {
  const { PublicKeyList } = JSON.parse(readFileSync(join(first, 'public-keys.json'), 'utf8'));
  const der = Buffer.from(PublicKeyList[0].Value, 'base64');
  assert.is(PublicKeyList[0].Fingerprint, createHash('md5').update(der).digest('hex'));
  const key = createPublicKey({ key: der, format: 'der', type: 'pkcs1' });
  const signatures = JSON.parse(readFileSync(join(first, 'signatures.json'), 'utf8'));
  const digests = digestsOf(first);
  assert.is(Object.keys(signatures).length, digests.size);
  for (const [path, { doc, raw }] of digests) {
    assert.is(doc.digestPublicKeyFingerprint, PublicKeyList[0].Fingerprint);
    assert.is(doc.digestSignatureAlgorithm, 'SHA256withRSA');
    const signed = `${doc.digestEndTime}\n${doc.digestS3Bucket}/${doc.digestS3Object}\n${sha256(raw)}\n${doc.previousDigestSignature ?? 'null'}`;
    assert.ok(verify('sha256', Buffer.from(signed), key, Buffer.from(signatures[path], 'hex')), `${path} signature does not verify`);
  }
});

test('generateArchive() names the bad value when an option is invalid', async () => {
  try {
    await generateArchive({ ...BASE, seed: 1, out: join(tmpdir(), 'never-written'), accounts: ['12345'] });
    assert.unreachable('should have thrown');
  } catch (err) {
    assert.match((err as Error).message, /account "12345"/);
  }
});

test.run();
