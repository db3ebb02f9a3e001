/** Node (dist/) and Deno (src/ as it is) read every shape and archive to the same rows. */
import { denoCli } from './_support/deno.ts';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { lookupEvent, put, record, ROOT, tarOf, tempDir, trailFile } from './_support/helpers.ts';

function evidence(): string {
  const root = tempDir();
  const r = (id: string) => record({ eventID: id });
  put(
    root,
    'handover.zip',
    zipSync({ 'logs/t.json.gz': gzipSync(trailFile([r('z1')])), 'history/l.json': strToU8(JSON.stringify({ Events: [lookupEvent(r('z2'), 1)] })) }),
  );
  put(root, 'backup.tar.gz', gzipSync(tarOf([{ name: 'AWSLogs/t.json', data: trailFile([r('t1')]) }])));
  put(root, 'event_history.csv', 'Event ID,Event time,User name,Event name,Event source\nc1,2026-01-05T21:15:00+11:00,jane,CreateCase,support.amazonaws.com\n');
  put(root, 'cw/000000.gz', gzipSync(`2026-01-05T10:15:00.000Z ${JSON.stringify(r('w1'))}\n`));
  put(root, 'eb.json', JSON.stringify([{ version: '0', 'detail-type': 'AWS API Call via CloudTrail', detail: r('e1') }]));
  return root;
}

test('export --format ndjson prints the same rows under Node and Deno for every shape', () => {
  const root = evidence();
  const node = spawnSync(process.execPath, [join(ROOT, 'dist/src/cli.js'), 'export', root, '--format', 'ndjson'], { encoding: 'utf8' });
  assert.is(node.status, 0, node.stderr);
  const deno = denoCli(['export', root, '--format', 'ndjson'], ['read', 'env']);
  if (deno.error || (deno.status !== 0 && /not found|ENOENT|Cannot find/.test(deno.stderr))) {
    console.log('  skipped: deno is not runnable here');
    return;
  }
  assert.is(deno.status, 0, deno.stderr);
  assert.is(deno.stdout, node.stdout);
  const rows = node.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(rows.map((row) => [row.eventID, row.inputShape, row.archivePath, row.partial]).sort(), [
    ['c1', 'console-csv', null, true],
    ['e1', 'eventbridge', null, false],
    ['t1', 'trail-file', 'AWSLogs/t.json', false],
    ['w1', 'cloudwatch-export', null, false],
    ['z1', 'trail-file', 'logs/t.json.gz', false],
    ['z2', 'lookup-events', 'history/l.json', false],
  ]);
});

test.run();
