import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkArchive } from '../src/check.ts';
import { ec2Record, gz, put, record, tempDir, trailFile } from './helpers.ts';

test('checkArchive() validates every record and gives the same result with 1 and 2 worker threads', async () => {
  const root = tempDir();
  for (let i = 0; i < 20; i++) {
    const broken = ec2Record();
    delete broken.eventTime;
    put(root, `f${String(i).padStart(2, '0')}.json.gz`, gz(trailFile(i % 4 === 0 ? [record(), broken] : [record(), ec2Record()])));
  }
  put(root, 'zz-bad.json.gz', 'not gzip');
  const one = await checkArchive([root], { workers: 1 });
  assert.equal(one.records, { seen: 40, valid: 35, invalid: 5 });
  assert.equal([one.files.read, one.files.failed], [20, 1]);
  assert.equal(one.ledger.filter((r) => r.stage === 'validate').map((r) => [r.index, r.pointer]), Array(5).fill([1, '/eventTime']));
  assert.equal(await checkArchive([root], { workers: 2 }), one);
});

test.run();
