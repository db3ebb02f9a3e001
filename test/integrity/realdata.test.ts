/**
 * The real digests in ../shared/realdata parse, their structure is checked, and verifying them
 * without their log files reports each listed file missing instead of crashing.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toDigest } from '../../src/integrity/digest.ts';
import { digestName } from '../../src/integrity/s3-keys.ts';
import { verifyArchive } from '../../src/integrity/verify.ts';
import { parseJsonText } from '../../src/read/parse.ts';
import { put, REALDATA, tempDir } from '../_support/helpers.ts';

const ELASTIC = join(REALDATA, 'elastic-integrations/test-cloudtrail-digest-json.log');
const LLM_GUARD_DIR = join(REALDATA, 'llm-guard');
const LLM_GUARD = join(LLM_GUARD_DIR, '327878933619_CloudTrail-Digest_ap-northeast-1_llm-guard-trail_us-west-2_20231015T230404Z.json');

const shapeOf = (path: string) => {
  const parsed = parseJsonText(readFileSync(path, 'utf8'));
  assert.ok(parsed.ok, path);
  return toDigest(parsed.ok ? parsed.document : null);
};

if (!existsSync(ELASTIC) || !existsSync(LLM_GUARD)) {
  console.warn(`integrity-realdata: skipped, ${REALDATA} is absent (the shared real-data folder is not checked out)`);
  test.skip('real digests (../shared/realdata absent)', () => {});
} else {
  test('the llm-guard digest (real, unredacted) parses with nothing odd and names its chain', () => {
    const shape = shapeOf(LLM_GUARD);
    assert.ok(shape.ok);
    if (!shape.ok) return;
    assert.equal(shape.odd, []);
    assert.is(shape.digest.logFiles.length, 5);
    assert.is(shape.digest.previousDigestHashValue, '8f953371d3e85eddb89b05ed6b9e680791055315c73e1025ab5dba7bb2aee189');
    assert.equal(digestName(shape.digest.digestS3Object), {
      account: '327878933619',
      region: 'ap-northeast-1',
      trail: 'llm-guard-trail',
      homeRegion: 'us-west-2',
      end: '2023-10-15T23:04:04Z',
      backfill: false,
    });
  });

  test('the elastic-integrations digest (one JSON document in a .log file) parses; its 63-character previous hash is reported', () => {
    const shape = shapeOf(ELASTIC);
    assert.ok(shape.ok);
    if (!shape.ok) return;
    assert.equal(shape.odd, ['previousDigestHashValue is not 64 hex characters (it has 63)']);
    assert.is(shape.digest.logFiles.length, 3);
    assert.is(digestName(shape.digest.digestS3Object)?.trail, 'leh-ct-test');
  });

  test('verifying the llm-guard digest where it lies reports its 5 log files missing, and crashes on nothing', async () => {
    const r = await verifyArchive([LLM_GUARD_DIR]);
    assert.equal(r.logs, { listed: 5, verified: 0, modified: 0, missing: 5, unreadable: 0, unlisted: 0, 'not-covered': 0 });
    assert.equal(r.findings.map((f) => f.kind), [
      'log-missing',
      'log-missing',
      'log-missing',
      'log-missing',
      'log-missing',
      'signatures-unchecked',
      'chain-before-input',
    ]);
    assert.match(
      r.findings[0].message,
      /^log file AWSLogs\/327878933619\/CloudTrail\/ap-northeast-1\/2023\/10\/15\/327878933619_CloudTrail_ap-northeast-1_20231015T2205Z_iRIoDMA9l9Q4kmFy\.json\.gz is missing/,
    );
    assert.equal(r.chains.map((c) => [c.account, c.region, c.trail, c.homeRegion, c.digests]), [[
      '327878933619',
      'ap-northeast-1',
      'llm-guard-trail',
      'us-west-2',
      1,
    ]]);
  });

  test('both real digests placed at their recorded keys verify as two chains, with missing logs and the odd hash named', async () => {
    const root = tempDir();
    for (const path of [ELASTIC, LLM_GUARD]) {
      const text = readFileSync(path, 'utf8');
      const recorded = JSON.parse(text).digestS3Object as string;
      put(root, recorded.replace(/\.gz$/, ''), text);
    }
    const r = await verifyArchive([root]);
    assert.is(r.chains.length, 2);
    assert.is(r.logs.missing, 8);
    assert.is(r.findings.filter((f) => f.kind === 'digest-moved').length, 0);
    const odd = r.findings.find((f) => f.kind === 'digest-odd-field');
    assert.match(
      odd?.message ?? '',
      /123456789123_CloudTrail-Digest_us-west-2_leh-ct-test_us-west-2_20200911T193649Z\.json: previousDigestHashValue is not 64 hex characters/,
    );
  });
}

test.run();
