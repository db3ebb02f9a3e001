/** Files with an extension not on the list: read when their content is CloudTrail, skipped as `other` when not. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gzipSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { headMayBeCloudTrail, looksLikeCloudTrail } from '../../../src/read/shapes/sniff.ts';
import { scan } from '../../../src/scan/scan.ts';
import { validateArchive } from '../../../src/validate/job.ts';
import { ec2Record, put, record, tempDir, trailFile } from '../../_support/helpers.ts';

const enc = new TextEncoder();

test('headMayBeCloudTrail() opens gzip and text that starts as CloudTrail text can, in UTF-8 or UTF-16LE, and nothing else', () => {
  const csvHeader = enc.encode('Event ID,Event time,User name,Event name,Resource type\n');
  const exportLine = enc.encode('2026-01-05T10:15:00.000Z {"eventVersion":"1.08"}\n');
  for (const yes of [[0x1f, 0x8b, 8], enc.encode('  \n[{"a":1}]'), enc.encode('\ufeff{"Records":[]}'), [0xff, 0xfe, 0x20, 0, 0x7b, 0], csvHeader, exportLine]) {
    assert.ok(headMayBeCloudTrail(Uint8Array.from(yes)), String(yes));
  }
  for (const no of [enc.encode('# README'), Uint8Array.from([0x89, 0x50, 0x4e, 0x47]), enc.encode('PK\u0003\u0004'), enc.encode('   '), new Uint8Array(0)]) {
    assert.not.ok(headMayBeCloudTrail(no), String(no));
  }
});

test('looksLikeCloudTrail() wants a value of a known kind, an empty array, or broken JSON that names CloudTrail keys', () => {
  for (
    const yes of [
      JSON.stringify([record()]),
      '[]',
      trailFile([ec2Record()]),
      `${JSON.stringify({ a: 1 })}\n${JSON.stringify(ec2Record())}`,
      '{"Records":[{"eventVersion":',
    ]
  ) {
    assert.ok(looksLikeCloudTrail(yes), yes.slice(0, 40));
  }
  for (const no of ['{"name":"x","version":"1.0.0"}', '[1,2,3]', '{"a":1}\n{"b":2}', '{"a":', 'plain text', '"a string"']) {
    assert.not.ok(looksLikeCloudTrail(no), no);
  }
});

test('a folder: .json.cloudtrail and other unlisted names are read when CloudTrail, skipped when not, in every command alike', async () => {
  const root = tempDir();
  put(root, 'events/CreateCase.json.cloudtrail', JSON.stringify([record({ eventID: 'e1' })], null, 2));
  put(root, 'events/empty.json.cloudtrail', '[]');
  put(root, 'events/capture.out', gzipSync(trailFile([record({ eventID: 'e2' }), ec2Record()])));
  put(root, 'events/broken.cloudtrail', '{"Records":[{"eventVersion":"1.08",');
  put(root, 'README.md', '# Evidence\n');
  put(root, 'package.json.bak', '{"name":"x","version":"1.0.0"}');
  put(root, 'numbers.txt', '[1,2,3]');
  put(root, 'picture.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  put(root, 'report.docx', zipSync({ 'word/document.xml': strToU8('<w:document/>') }));
  put(root, 'bundle.zip', zipSync({ 'ResolveCase.json.cloudtrail': strToU8(JSON.stringify(record({ eventID: 'e3' }))), 'notes.txt': strToU8('notes') }));
  for (const workers of [1, 2]) {
    const result = await scan([root], { workers });
    assert.equal(result.files, { seen: 11, read: 4, skipped: { digest: 0, insight: 0, other: 6, outOfRange: 0, duplicate: 0 }, failed: 1 });
    assert.equal(result.rows.map((r) => r.eventID).sort(), ['e1', 'e2', 'e3']);
    assert.equal(result.records.notSupport, 1);
    assert.equal(result.rejects.map((r) => [r.path.slice(root.length + 1), r.stage]), [['events/broken.cloudtrail', 'parse']]);
  }
  const validated = await validateArchive([root], { workers: 1 });
  assert.equal(validated.files, { seen: 11, read: 4, skipped: { digest: 0, insight: 0, other: 6, outOfRange: 0, duplicate: 0 }, failed: 1 });
  assert.equal(validated.records, { seen: 4, valid: 4, invalid: 0 });
});

test.run();
