/**
 * Bad input, one test each: the run completes, the ledger names the file (or record) and the
 * reason, and every record read is accounted for exactly once.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { accountingHolds } from '../../src/reports/job.ts';
import { scan } from '../../src/scan/scan.ts';
import { scanFile } from '../../src/scan/file.ts';
import { toLogFile } from '../../src/read/discover.ts';
import { ec2Record, gz, put, record, tempDir, trailFile } from '../_support/helpers.ts';

/** Scans one file (both with and without the prefilter, which must agree) and returns the result. */
async function scanOne(name: string, data: string | Uint8Array, options = {}) {
  const root = tempDir();
  put(root, name, data);
  const fast = await scan([root], { workers: 1, ...options });
  const full = await scan([root], { workers: 1, prefilter: false, ...options });
  assert.equal(fast, full, 'prefilter on and off agree');
  assert.ok(accountingHolds(fast.records), 'seen = kept + filtered out + rejected + duplicates');
  return { ...fast, ledger: fast.rejects.map((r) => ({ stage: r.stage, index: r.index, reason: r.reason, warning: r.warning ?? false })) };
}

const two = trailFile([record({ eventID: 'k1' }), ec2Record()]);

test('a .gz file that is plain JSON and a .json file that is gzip are both read by content', async () => {
  assert.is((await scanOne('plain.json.gz', two)).records.support, 1);
  assert.is((await scanOne('packed.json', gz(two))).records.support, 1);
});

test('concatenated gzip members are read as one document', async () => {
  const text = two;
  const r = await scanOne('multi.json.gz', Buffer.concat([gzipSync(text.slice(0, 20)), gzipSync(text.slice(20))]));
  assert.equal([r.records.seen, r.records.support, r.ledger.length], [2, 1, 0]);
});

test('trailing garbage after the gzip stream: records kept, a warning in the ledger', async () => {
  const r = await scanOne('garbage.json.gz', Buffer.concat([gzipSync(two), Buffer.from('GARBAGE!')]));
  assert.equal([r.files.read, r.files.failed, r.records.support], [1, 0, 1]);
  assert.equal(r.ledger, [{
    stage: 'decode',
    index: null,
    reason: '8 bytes of trailing data after the gzip stream were ignored (the complete gzip members before them were read)',
    warning: true,
  }]);
});

test('a zero-byte file and a gzip of zero bytes are failed files with their reason', async () => {
  assert.equal((await scanOne('zero.json.gz', '')).ledger, [{ stage: 'decode', index: null, reason: 'empty file (0 bytes)', warning: false }]);
  assert.equal((await scanOne('empty.json.gz', gzipSync(Buffer.alloc(0)))).ledger, [{
    stage: 'parse',
    index: null,
    reason: 'empty document (no JSON value)',
    warning: false,
  }]);
});

test('a gzip bomb stops at the cap with low memory', async () => {
  const bomb = gzipSync(Buffer.alloc(256 * 1024 * 1024, 0x20));
  const before = process.memoryUsage().rss;
  const r = await scanOne('bomb.json.gz', bomb, { maxFileBytes: 8 * 1024 * 1024 });
  assert.is(r.files.failed, 1);
  assert.match(r.ledger[0].reason, /exceeds the cap of 8388608 bytes/);
  assert.ok(process.memoryUsage().rss - before < 128 * 1024 * 1024, 'a 256 MiB bomb is not inflated');
});

test('invalid UTF-8 inside a string: the record is kept with U+FFFD, and the ledger warns', async () => {
  const text = two.replace('aws-cli/2.15.0', 'aws-cli/\u0001');
  const bytes = Buffer.from(text);
  bytes[bytes.indexOf(1)] = 0xff;
  const r = await scanOne('bad-utf8.json', bytes);
  assert.is(r.records.support, 1);
  assert.is(r.rows[0].userAgent, 'aws-cli/\ufffd');
  assert.equal(r.ledger, [{ stage: 'parse', index: null, reason: 'invalid UTF-8 bytes were replaced by U+FFFD', warning: true }]);
});

test('a UTF-8 byte order mark is ignored', async () => {
  assert.equal((await scanOne('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(two)]))).records.support, 1);
});

test('valid JSON that is not a delivery file is a failed file with a pointer', async () => {
  for (const [text, pointer] of [['42', ''], ['{"records":[]}', '/Records'], ['{"Records":{}}', '/Records']]) {
    const r = await scanOne('odd.json', text);
    assert.is(r.files.failed, 1, text);
    assert.is(r.rejects[0].pointer, pointer, text);
    assert.match(r.rejects[0].reason, /^not a CloudTrail log file/);
  }
});

test('a Support record nested 100,000 levels deep is rejected, not a crash', async () => {
  const deep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
  const text = two.replace('"requestParameters":{', `"requestParameters":{"deep":${deep},`);
  const r = await scanOne('deep.json', text);
  assert.equal([r.records.seen, r.records.rejected, r.records.notSupport], [2, 1, 1]);
  assert.equal(r.ledger, [{
    stage: 'validate',
    index: 0,
    reason: 'record is nested more than 1,000 levels deep (the limit every thread can process)',
    warning: false,
  }]);
});

test('a 200 MB string inside one record is read under a raised cap, and refused at the default cap (32 MiB)', async () => {
  const huge = gz(trailFile([record({ userAgent: 'u'.repeat(200_000_000) })]));
  const r = await scanOne('huge.json.gz', huge, { maxFileBytes: 256 * 1024 * 1024 });
  assert.is(r.records.support, 1);
  assert.is(r.rows[0].userAgent?.length, 200_000_000);
  const capped = await scanOne('huge.json.gz', huge);
  assert.equal(capped.ledger, [{
    stage: 'decode',
    index: null,
    reason: 'decompressed size exceeds the cap of 33554432 bytes (--max-file-bytes); gzip bomb or oversized file',
    warning: false,
  }]);
});

test('a file whose name is not valid UTF-8 is read by its bytes and shown escaped', async () => {
  const root = tempDir();
  writeFileSync(Buffer.concat([Buffer.from(`${root}/odd-`), Buffer.from([0xff, 0xfe]), Buffer.from('.json')]), two);
  const r = await scan([root], { workers: 1 });
  assert.is(r.records.support, 1);
  assert.is(r.rows[0].file, `${root}/odd-\\xff\\xfe.json`);
});

test('a path too long for the file system is a discover reject', async () => {
  const root = tempDir();
  const cwd = process.cwd();
  const segment = 'd'.repeat(250);
  try {
    process.chdir(root);
    for (let i = 0; i < 18; i++) {
      mkdirSync(segment);
      process.chdir(segment);
    }
    writeFileSync('x.json', two);
  } finally {
    process.chdir(cwd);
  }
  const r = await scan([root], { workers: 1 });
  assert.equal(r.rejects.map((x) => [x.stage, x.reason]), [['discover', 'path too long for the file system']]);
});

test('a file that disappears between discovery and read is a read reject', async () => {
  const root = tempDir();
  const path = put(root, 'gone.json', two);
  const file = toLogFile(path, 10);
  rmSync(path);
  const outcome = await scanFile(file, {});
  assert.equal(outcome.reject, { path, index: null, stage: 'read', reason: 'file disappeared between discovery and read' });
});

test('each required field missing, or of the wrong type, rejects the Support record with its pointer', async () => {
  const fields: [string, unknown][] = [['eventVersion', 1.08], ['eventTime', 'not a date'], ['eventSource', 7], ['eventName', null], ['awsRegion', [
    'us-east-1',
  ]], ['userIdentity', 'root']];
  for (const [field, wrong] of fields) {
    const missing = record();
    delete missing[field];
    for (const rec of [missing, record({ [field]: wrong })]) {
      const r = await scanOne('x.json', trailFile([rec]), { sources: 'all' });
      // a record without a usable eventSource cannot be a Support record: it is filtered out
      if (field === 'eventSource') assert.equal([r.records.notSupport, r.records.rejected], [1, 0], field);
      else assert.equal([r.records.rejected, r.rejects[0]?.pointer], [1, `/${field}`], `${field}: ${JSON.stringify(rec[field])}`);
    }
  }
});

test.run();
