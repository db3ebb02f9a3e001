/**
 * A document too large to be one JavaScript string (about 512 MiB of text) is a ledger line
 * "too large to parse as one document", on the main thread and on workers alike, in every
 * command; it ended the run with the decoder's throw.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gzipSync } from 'node:zlib';
import { decodeText, MAX_TEXT_CHARS } from '../../src/read/parse.ts';
import { scan } from '../../src/scan/scan.ts';
import { validateArchive } from '../../src/validate/job.ts';
import { verifyArchive } from '../../src/integrity/verify.ts';
import { put, tempDir } from '../_support/helpers.ts';

test('decodeText() gives the text up to the limit and a reason past it', () => {
  const bytes = new TextEncoder().encode('{"Records":[]}');
  assert.equal(decodeText(bytes, 14), { ok: true, text: '{"Records":[]}' });
  assert.equal(decodeText(bytes, 13), {
    ok: false,
    reason: 'too large to parse as one document: its 14 bytes decode to more than 13 characters, the longest string the JavaScript engine can hold',
  });
  // Three bytes of UTF-8 are one character: the limit is on characters, not bytes.
  assert.equal(decodeText(new TextEncoder().encode('€€'), 2), { ok: true, text: '€€' });
});

/**
 * A gzip of one MiB members (concatenated members are one document) that inflates to `{"Records":[`,
 * spaces and `]}`: 513 MiB of text, past the longest string, from about 530 KB of file.
 */
function overLongestString(): Uint8Array {
  const MiB = 1 << 20;
  const spaces = Buffer.alloc(MiB, 0x20);
  const middle = gzipSync(spaces, { level: 1 });
  const members = [gzipSync(Buffer.concat([Buffer.from('{"Records":['), spaces.subarray(12)]), { level: 1 })];
  for (let i = 0; i < 511; i++) members.push(middle);
  members.push(gzipSync(Buffer.concat([spaces.subarray(2), Buffer.from(']}')]), { level: 1 }));
  return Buffer.concat(members);
}

test('a gzip that inflates past the longest string is one ledger line in report (main thread), validate (a worker) and verify', async () => {
  assert.ok(513 * 2 ** 20 > MAX_TEXT_CHARS);
  const bytes = overLongestString();
  const reason = `too large to parse as one document: its ${
    513 * 2 ** 20
  } bytes decode to more than ${MAX_TEXT_CHARS} characters, the longest string the JavaScript engine can hold`;
  const root = tempDir();
  const path = put(root, 'big.json.gz', bytes);
  // Past the default cap (32 MiB), which refuses it sooner: the limit here is the string's.
  const maxFileBytes = 2 ** 30;
  // Each file inflates 513 MiB (a few seconds): one run on this thread, one on a worker.
  const r = await scan([root], { workers: 1, maxFileBytes });
  assert.equal([r.files.failed, r.rejects], [1, [{ path, index: null, stage: 'parse', reason }]]);
  const v = await validateArchive([root, put(tempDir(), 'ok.json', '{"Records":[]}')], { workers: 2, maxFileBytes });
  assert.equal(v.ledger, [{ path, index: null, stage: 'parse', reason }]);
  const digests = tempDir();
  const digest = put(
    digests,
    'AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/01/05/111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20260105T102030Z.json.gz',
    bytes,
  );
  const verified = await verifyArchive([digests], { maxFileBytes });
  assert.equal(verified.findings.filter((f) => f.kind === 'digest-unreadable').map((f) => f.message), [`digest ${digest} cannot be parsed: ${reason}`]);
});

test.run();
