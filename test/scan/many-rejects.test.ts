/**
 * One file with more than ~125k rejected records or rows: every command's job completes with each
 * record in one place (a stack overflow from spreading such an array used to end the run).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { scan } from '../../src/scan/scan.ts';
import { validateArchive } from '../../src/validate/job.ts';
import { put, record, tempDir } from '../_support/helpers.ts';

const N = 130_000;

test(`a file of ${N.toLocaleString('en')} null records: each is a ledger line, in report and validate, with 1 and 2 workers`, async () => {
  const root = tempDir();
  put(root, 'nulls.json', JSON.stringify({ Records: Array(N).fill(null) }));
  for (const workers of [1, 2]) {
    const r = await scan([root], { workers });
    assert.equal([r.records.seen, r.records.rejected, r.rejects.length], [N, N, N]);
    assert.equal(r.rejects[N - 1], { path: `${root}/nulls.json`, index: N - 1, stage: 'validate', reason: 'record is not a JSON object', pointer: '' });
    const v = await validateArchive([root], { workers });
    assert.equal([v.records.seen, v.records.invalid, v.ledger.length], [N, N, N]);
  }
});

test(`${N.toLocaleString('en')} broken NDJSON lines after a good one: each broken line is a ledger line`, async () => {
  const root = tempDir();
  put(root, 'lines.ndjson', JSON.stringify(record()) + '\n' + '{\n'.repeat(N));
  const r = await scan([root], { workers: 1 });
  assert.equal([r.records.seen, r.records.support, r.records.rejected, r.rejects.length], [N + 1, 1, N, N]);
  assert.match(r.rejects[N - 1].reason, new RegExp(`^line ${N + 1}: invalid JSON`));
  const v = await validateArchive([root], { workers: 1 });
  assert.equal([v.records.seen, v.records.valid, v.ledger.length], [N + 1, 1, N]);
});

test.run();
