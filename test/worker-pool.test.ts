import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toLogFile } from '../src/discover.ts';
import { runTask } from '../src/file-tasks.ts';
import type { FileOutcome } from '../src/scan-file.ts';
import type { LogFile } from '../src/types.ts';
import { WorkerPool } from '../src/worker-pool.ts';
import { ec2Record, gz, put, record, tempDir, trailFile } from './helpers.ts';

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

test.run();
