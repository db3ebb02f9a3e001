/** Whole files byte-identical to one read before them are counted once: the copies are `duplicate` files with a ledger line. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { DuplicateFiles } from '../../src/read/file-counts.ts';
import { contentDigest } from '../../src/read/decode.ts';
import { filesLine } from '../../src/render/report.ts';
import { scan } from '../../src/scan/scan.ts';
import { validateArchive } from '../../src/validate/job.ts';
import { ec2Record, gz, put, record, tempDir, trailFile } from '../_support/helpers.ts';

test('contentDigest() is the first 16 bytes of the SHA-256, and DuplicateFiles names that hash on every later copy', () => {
  const bytes = new TextEncoder().encode('{"Records":[]}');
  const digest = contentDigest(bytes);
  assert.is(digest.length, 16);
  const hex = createHash('sha256').update(bytes).digest('hex').slice(0, 32);
  const files = new DuplicateFiles();
  assert.is(files.check('a.json', digest), undefined);
  assert.is(files.check('b.json', contentDigest(new TextEncoder().encode('[]'))), undefined);
  assert.equal(files.check('c.json', digest), {
    path: 'c.json',
    index: null,
    stage: 'dedupe',
    reason: `duplicate file: byte-identical to a file read before it (SHA-256 ${hex}…); its records are counted there, not again`,
  });
  assert.is(files.check('d.json', undefined), undefined, 'no digest: a file not read');
});

test('a byte-identical copy of a file is a duplicate file, its records not counted again; copies of empty files are not', async () => {
  const root = tempDir();
  const support = record({ eventID: 's1' });
  const bytes = gz(trailFile([support, ec2Record()]));
  put(root, 'a/111122223333_CloudTrail_us-east-1_20260105T1015Z_x.json.gz', bytes);
  put(root, 'b/copy.json.gz', bytes); // same bytes, another name
  put(root, 'c/pretty.json', JSON.stringify({ Records: [support] }, null, 2)); // same event, other bytes: a record duplicate
  put(root, 'd/empty1.json', '[]');
  put(root, 'd/empty2.json', '[]');
  for (const workers of [1, 2]) {
    const result = await scan([root], { workers });
    assert.equal(result.files, { seen: 5, read: 4, skipped: { digest: 0, insight: 0, other: 0, outOfRange: 0, duplicate: 1 }, failed: 0 });
    assert.equal(result.records, { seen: 3, support: 1, filteredOut: 1, notSupport: 1, notSelected: 0, excluded: 0, rejected: 0, duplicates: 1 });
    assert.equal(result.rejects.map((r) => [r.path.slice(root.length + 1), r.index, r.stage]), [['b/copy.json.gz', null, 'dedupe'], [
      'c/pretty.json',
      0,
      'dedupe',
    ]]);
    assert.match(result.rejects[0].reason, /^duplicate file: byte-identical to a file read before it \(SHA-256 [0-9a-f]{32}…\)/);
    assert.match(filesLine(result.files), /outside --since\/--until, 1 duplicate\)$/);
  }
  const validated = await validateArchive([root], { workers: 1 });
  assert.equal(validated.files.skipped.duplicate, 1);
  assert.equal(validated.records, { seen: 3, valid: 3, invalid: 0 });
  assert.equal(validated.ledger.map((r) => r.path.slice(root.length + 1)), ['b/copy.json.gz']);
});

test.run();
