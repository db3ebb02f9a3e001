import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { progressLine, progressMeter, progressTotals } from '../src/progress.ts';
import { toLogFile } from '../src/discover.ts';
import { put, tempDir } from './helpers.ts';

const MB = 1024 * 1024;

test('progressLine() shows files, MB, MB/s and the ETA', () => {
  assert.is(progressLine({ files: 500, bytes: 50 * MB }, { files: 2000, bytes: 200 * MB }, 2), '500/2,000 files  50/200 MB  25.0 MB/s  ETA 6.0 s');
  assert.is(progressLine({ files: 1, bytes: MB }, { files: 9000, bytes: 9000 * MB }, 1), '1/9,000 files  1/9000 MB  1.0 MB/s  ETA 149 min 59 s');
  assert.is(progressLine({ files: 0, bytes: 0 }, { files: 3, bytes: 3 }, 0), '0/3 files  0/0 MB  0.0 MB/s  ETA …');
});

test('progressMeter() redraws at most ten times a second, always at the end, and clears its line', () => {
  let clock = 0;
  const out: string[] = [];
  const meter = progressMeter({ files: 4, bytes: 4 * MB }, (t) => out.push(t), () => clock);
  const file = { ...toLogFile('a.json.gz', MB) };
  for (const at of [150, 180, 300, 310]) {
    clock = at;
    meter.onFile(file);
  }
  meter.end();
  assert.equal(out.map((t) => t.replace('\r\u001b[2K', '').split('  ')[0]), ['1/4 files', '3/4 files', '4/4 files', '']);
});

test('progressTotals() counts the log files and their bytes, not digests or other files', async () => {
  const root = tempDir();
  put(root, 'a.json', '12345');
  put(root, 'b.json.gz', '123');
  put(root, 'AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/01/05/d.json.gz', '1234567');
  put(root, 'notes.txt', 'x');
  assert.equal(await progressTotals([root]), { files: 2, bytes: 8 });
});

test.run();
