import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toLogFile } from '../../src/read/discover.ts';
import { SCAN_JOB } from '../../src/scan/scan.ts';
import type { FileOutcome } from '../../src/scan/outcome.ts';
import type { LogFile } from '../../src/types.ts';
import { VALIDATE_JOB } from '../../src/validate/job.ts';
import { DEFAULT_MAX_FILE_BYTES } from '../../src/read/decode.ts';
import { workerLimits, WorkerPool } from '../../src/workers/pool.ts';
import { ec2Record, gz, put, record, tempDir, trailFile } from '../_support/helpers.ts';

const LIMITS = workerLimits(DEFAULT_MAX_FILE_BYTES);

test('WorkerPool runs the report and validate jobs on worker threads with the same results as this thread', async () => {
  const root = tempDir();
  const files = [0, 1, 2, 3, 4, 5].map((i) =>
    toLogFile(put(root, `f${i}.json.gz`, i === 5 ? 'broken' : gz(trailFile([ec2Record(), record({ eventID: `p${i}` })]))), 0)
  );
  const scanPool = new WorkerPool(SCAN_JOB, 2, { sources: 'all' }, LIMITS);
  const checkPool = new WorkerPool(VALIDATE_JOB, 2, {}, LIMITS);
  try {
    for (const file of files) {
      assert.equal(await scanPool.run(file), await SCAN_JOB.run(file, { sources: 'all' }), file.path);
      assert.equal(await checkPool.run(file), await VALIDATE_JOB.run(file, {}), file.path);
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
  const job = {
    ...SCAN_JOB,
    crashed: (_file: LogFile, reason: string): FileOutcome => {
      failures.push(reason);
      return { rows: [], fingerprints: [], rejects: [], counts: { seen: 0, support: 0, notSupport: 0, notSelected: 0, excluded: 0, rejected: 0 } };
    },
  };
  const pool = new WorkerPool(job, 2, { sources: 'all' }, LIMITS);
  try {
    while (!pool.ready) await new Promise((r) => setTimeout(r, 10));
    // Each worker holds two jobs: the poison one and the good file queued behind it on the same worker.
    const results = await Promise.all([good[0], poison, good[1], good[2], good[3], good[4], good[5]].map((f) => pool.run(f)));
    assert.equal(failures.length, 1, 'one file failed');
    assert.match(failures[0], /^worker failed on this file: /);
    assert.is(results[1].counts.seen, 0);
    for (const [i, f] of good.entries()) {
      const result = results[i < 1 ? 0 : i + 1];
      assert.is(result.rows[0].file, f.path);
      assert.is(result.counts.support, 1, `${f.path} was read despite the crash`);
    }
  } finally {
    await pool.close();
  }
});

test('workerLimits: at least 1 GB of old generation, 32 bytes per byte of the largest file allowed past that', () => {
  assert.equal(workerLimits(DEFAULT_MAX_FILE_BYTES), { youngGenerationMb: 4, oldGenerationMb: 1024 });
  assert.equal(workerLimits(2 * 1024 ** 3), { youngGenerationMb: 4, oldGenerationMb: 65536 });
  assert.equal(workerLimits(100 * 1024 ** 2 + 1), { youngGenerationMb: 4, oldGenerationMb: 3201 });
});

test('a worker that outgrows its old-generation cap fails only its input, with the reason, and the pool goes on', async () => {
  const failures: string[] = [];
  const job = {
    module: new URL('../_support/hungry-job.ts', import.meta.url),
    run: (megabytes: number) => megabytes,
    crashed: (_megabytes: number, reason: string) => {
      failures.push(reason);
      return -1;
    },
  };
  const pool = new WorkerPool(job, 1, {}, { youngGenerationMb: 4, oldGenerationMb: 32 });
  try {
    while (!pool.ready) await new Promise((r) => setTimeout(r, 10));
    assert.is(await pool.run(2), 2, '2 MB live fits under the 32 MB cap');
    assert.is(await pool.run(128), -1, '128 MB live does not');
    assert.equal(failures.length, 1);
    assert.match(failures[0], /^worker failed on this file: .*memory limit/);
    assert.is(await pool.run(3), 3, 'a new worker takes the next input');
  } finally {
    await pool.close();
  }
});

test.run();
