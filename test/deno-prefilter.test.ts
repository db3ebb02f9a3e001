/**
 * The prefilter searches with Buffer#indexOf under Node and with WebAssembly SIMD under Deno
 * (scan/byte-search.ts): both must keep the same records, in files larger than the SIMD search's
 * window too, and with the escapes that could hide a source.
 */
import { denoCli } from './_support/deno.ts';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WINDOW } from '../src/scan/simd-search.ts';
import { ec2Record, put, record, ROOT, tempDir, trailFile } from './_support/helpers.ts';

/** A compact trail file over 1.5 windows long, with a Support record every 97 records; returns its Support count. */
function bigFile(root: string): number {
  const records: unknown[] = [];
  let [support, length] = [0, 0];
  for (let i = 0; length < 1.5 * WINDOW; i++) {
    const isSupport = i % 97 === 0;
    support += isSupport ? 1 : 0;
    records.push(
      isSupport ? record({ eventID: `s-${i}` }) : ec2Record({ eventID: `e-${i}`, userAgent: 'support.amazonaws.com', sourceIPAddress: `10.0.${i % 250}.1` }),
    );
    length += JSON.stringify(records[records.length - 1]).length + 1;
  }
  put(root, 'big/t.json.gz', gzipSync(trailFile(records)));
  return support;
}

/** Records whose source is spelled with escapes, or named under another key: 2 Support records of 4. */
function escapedFile(root: string): void {
  const plain = JSON.stringify(record({ eventID: 'x1' }));
  const records = [
    plain.replace('"eventSource":"support.amazonaws.com"', '"eventSource":"support\\u002eamazonaws.com"'),
    JSON.stringify(record({ eventID: 'x2' })).replace('"eventSource"', '"event\\u0053ource"'),
    JSON.stringify(ec2Record({ eventID: 'x3', userIdentity: { type: 'AWSService', invokedBy: 'support.amazonaws.com' } })),
    JSON.stringify(ec2Record({ eventID: 'x4', requestParameters: { 'odd"key': 'a\\b' } })),
  ];
  put(root, 'escaped/t.json', `{"Records":[${records.join(',')}]}`);
}

test('report keeps the same records under Node and Deno, with one worker and with two', () => {
  const root = tempDir();
  const support = bigFile(root) + 2;
  escapedFile(root);
  for (const workers of ['1', '2']) {
    const args = ['report', root, '--format', 'json', '--sources', 'all', '--workers', workers, '--report', 'actions'];
    const node = spawnSync(process.execPath, [join(ROOT, 'dist/src/cli.js'), ...args], { encoding: 'utf8' });
    assert.is(node.status, 0, node.stderr);
    assert.is(JSON.parse(node.stdout).records.support, support);
    const deno = denoCli(args, ['read', 'env']);
    if (deno.error || (deno.status !== 0 && /not found|ENOENT|Cannot find/.test(deno.stderr))) {
      console.log('  skipped: deno is not runnable here');
      return;
    }
    assert.is(deno.status, 0, deno.stderr);
    assert.is(deno.stdout, node.stdout, `--workers ${workers}`);
  }
});

test.run();
