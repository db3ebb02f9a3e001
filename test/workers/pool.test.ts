import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toLogFile } from '../../src/read/discover.ts';
import { runTask } from '../../src/workers/file-tasks.ts';
import type { FileOutcome } from '../../src/scan/file.ts';
import type { LogFile } from '../../src/types.ts';
import { WorkerPool } from '../../src/workers/pool.ts';
import { ec2Record, gz, put, record, tempDir, trailFile } from '../_support/helpers.ts';

const crashed = (file: LogFile, reason: string): FileOutcome => {
  throw new Error(`worker crashed on ${file.path}: ${reason}`);
};

test('WorkerPool runs report and validate jobs on worker threads with the same results as this thread', async () => {
  const root = tempDir();
  const files = [0, 1, 2, 3, 4, 5].map((i) => toLogFile(put(root, `f${i}.json.gz`, i === 5 ? 'broken' : gz(trailFile([ec2Record(), record({ eventID: `p${i}` })]))), 0));
  const scanPool = new WorkerPool('scan', 2, { sources: 'all' }, crashed);
  const checkPool = new WorkerPool('check', 2, {}, () => ({ checked: { error: 'crashed' }, ledger: [] }));
  try {
    for (const file of files) {
      assert.equal(await scanPool.run(file), await runTask('scan', file, { sources: 'all' }), file.path);
      assert.equal(await checkPool.run(file), await runTask('check', file, {}), file.path);
    }
    assert.ok(scanPool.ready && checkPool.ready, 'the workers announced themselves');
  } finally {
    await scanPool.close();
    await checkPool.close();
  }
});

test('a worker that dies fails only the file it was on: the files queued behind it go to another worker', async () => {
  const root = tempDir();
  const good = [0, 1, 2, 3, 4, 5].map((i) => toLogFile(put(root, `g${i}.json.gz`, gz(trailFile([record({ eventID: `q${i}` })]))), 0));
  // A job whose file is not a LogFile throws inside the worker's handler: an unhandled rejection kills the worker.
  const poison = null as unknown as LogFile;
  const failures: string[] = [];
  const pool = new WorkerPool('scan', 2, { sources: 'all' }, (file, reason) => {
    failures.push(reason);
    return { file, rows: [], fingerprints: [], rejects: [], counts: { seen: 0, support: 0, notSupport: 0, excluded: 0, rejected: 0 } };
  });
  try {
    while (!pool.ready) await new Promise((r) => setTimeout(r, 10));
    // Each worker holds two jobs: the poison one and the good file queued behind it on the same worker.
    const results = await Promise.all([good[0], poison, good[1], good[2], good[3], good[4], good[5]].map((f) => pool.run(f)));
    assert.equal(failures.length, 1, 'one file failed');
    assert.match(failures[0], /^worker failed on this file: /);
    assert.is(results[1].counts.seen, 0);
    for (const [i, f] of good.entries()) {
      const result = results[i < 1 ? 0 : i + 1];
      assert.is(result.file.path, f.path);
      assert.is(result.counts.support, 1, `${f.path} was read despite the crash`);
    }
  } finally {
    await pool.close();
  }
});

test.run();
