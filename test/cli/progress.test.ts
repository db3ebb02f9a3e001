import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { durationText, fitLine, progressLine, progressMeter, progressTotals, showProgress } from '../../src/cli/progress.ts';
import { toLogFile } from '../../src/read/discover.ts';
import { parseTimeBound } from '../../src/rows/filter.ts';
import { scan } from '../../src/scan/scan.ts';
import { gz, put, record, tempDir, trailFile } from '../_support/helpers.ts';

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
    meter.onFile(file.size);
  }
  meter.end();
  assert.equal(out.map((t) => t.replace('\r\u001b[2K', '').split('  ')[0]), ['1/4 files', '3/4 files', '4/4 files', '']);
});

test('progressMeter() cuts each line to the terminal width less one column, so it never wraps', () => {
  let clock = 0;
  let columns: number | undefined = 40;
  const out: string[] = [];
  const meter = progressMeter({ files: 3000, bytes: 3000 * MB }, (t) => out.push(t), () => clock, () => columns);
  const file = toLogFile('a.json.gz', MB);
  for (let i = 1; i <= 3000; i++) {
    clock = i;
    if (i === 2000) columns = 12; // the terminal was resized
    if (i === 2500) columns = undefined; // not known: the whole line
    meter.onFile(file.size);
  }
  meter.end();
  const lines = out.map((t) => t.replace('\r\u001b[2K', ''));
  assert.ok(out.every((t) => t.startsWith('\r\u001b[2K')));
  assert.is(lines[0], '100/3,000 files  100/3000 MB  1000.0 MB'); // 39 columns
  assert.ok(lines.slice(0, 19).every((l) => l.length === 39), 'a 40-column terminal');
  assert.ok(lines.slice(19, 24).every((l) => l.length === 11), 'resized to 12 columns');
  assert.is(lines.at(-2), '3,000/3,000 files  3000/3000 MB  1000.0 MB/s  ETA 0.0 s');
  assert.is(lines.at(-1), '', 'end() clears the line');
  assert.is(fitLine('abcdef', 4), 'abc');
  assert.is(fitLine('abc', 4), 'abc');
  assert.is(fitLine('abcd', 4), 'abc');
  assert.is(fitLine('abcd', 0), 'abcd', 'a width of 0 (unknown) leaves it whole');
});

test('progressMeter() end() clears a line drawn at time 0, once', () => {
  const out: string[] = [];
  const meter = progressMeter({ files: 1, bytes: 1 }, (t) => out.push(t), () => 0);
  meter.onFile(toLogFile('a.json', 1).size);
  meter.end();
  meter.end();
  assert.equal(out, ['\r\u001b[2K1/1 files  0/0 MB  0.0 MB/s  ETA …', '\r\u001b[2K']);
});

test('showProgress(): on a terminal stderr, not --quiet, and not while results stream to a terminal stdout', () => {
  const base = { quiet: false, stderrIsTTY: true, stdoutIsTTY: true, streamsToStdout: false };
  assert.ok(showProgress(base), 'report/cases to a terminal: printed after the line is cleared');
  assert.not.ok(showProgress({ ...base, streamsToStdout: true }), 'export rows on the same terminal');
  assert.ok(showProgress({ ...base, streamsToStdout: true, stdoutIsTTY: false }), 'export piped or redirected');
  assert.not.ok(showProgress({ ...base, quiet: true }));
  assert.not.ok(showProgress({ ...base, stderrIsTTY: false }));
});

test('progressTotals() counts every path the accounting sees, and the bytes of those scan reads (not of skipped files)', async () => {
  const root = tempDir();
  put(root, 'a.json', '12345');
  put(root, 'b.json.gz', '123');
  // Read too (its content decides whether it is a digest).
  put(root, 'AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/01/05/d.json.gz', '1234567');
  put(root, 'notes.txt', 'x');
  assert.equal(await progressTotals([root]), { files: 4, bytes: 16 });
  let done = 0;
  const result = await scan([root], { workers: 1, onFile: () => done++ });
  assert.is(result.files.seen, 4, 'the total the accounting says (it said 84 where the line said 83)');
  assert.is(done, 4);
});

test('the ETA never shows 60 seconds: whole minutes and seconds are rounded together', () => {
  assert.is(durationText(179.6), '3 min 0 s');
  assert.is(durationText(179.4), '2 min 59 s');
  assert.is(durationText(59.96), '1 min 0 s');
  assert.is(durationText(59.9), '59.9 s');
  assert.is(durationText(125), '2 min 5 s');
  for (let s = 60; s < 4000; s += 0.07) assert.not.match(durationText(s), / 60 s$/);
});

test('progressTotals() leaves out the files --since/--until prune by path date: the count reaches the total', async () => {
  const root = tempDir();
  for (const day of ['01', '02', '03', '04', '05']) {
    put(
      root,
      `AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/${day}/111122223333_CloudTrail_us-east-1_202601${day}T1200Z_abc.json.gz`,
      gz(trailFile([record()])),
    );
  }
  put(root, 'loose.json', trailFile([record()])); // no date in its path: always read
  const filter = { since: parseTimeBound('2026-01-03', 'since'), until: parseTimeBound('2026-01-04', 'until') };
  for (const pruneByPath of [true, false]) {
    let seen = 0;
    let bytes = 0;
    const result = await scan([root], { filter, pruneByPath, workers: 1, onFile: (b) => (seen++, bytes += b) });
    const totals = await progressTotals([root], { filter, pruneByPath });
    assert.equal(totals, { files: seen, bytes }, `pruneByPath ${pruneByPath}`);
    assert.is(totals.files, 6, 'every path, pruned or not, as the accounting counts them');
    assert.is(result.files.seen, 6);
    assert.is(result.files.skipped.outOfRange, pruneByPath ? 3 : 0);
  }
});

test.run();
