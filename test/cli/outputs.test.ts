/** Outputs settled before the run (cli/outputs.ts): formats from extensions, and paths that can be written and do not collide. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { CASES_EXTENSIONS, checkOutputs, chooseFormat, defaultReportFormat, EXPORT_EXTENSIONS } from '../../src/cli/outputs.ts';
import { RunError } from '../../src/errors.ts';
import { put, record, rejects, ROOT, tempDir, trailFile } from '../_support/helpers.ts';

const CLI = join(ROOT, 'dist/src/cli.js');
const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
const usage = (pattern: RegExp) => (e: unknown) => e instanceof RunError && e.exitCode === 2 && pattern.test(e.message);

test('chooseFormat(): --format, else the --out extension, else the default; a contradiction is refused', () => {
  assert.is(chooseFormat(undefined, 'x.parquet', EXPORT_EXTENSIONS, 'csv'), 'parquet');
  assert.is(chooseFormat(undefined, 'X.JSONL', EXPORT_EXTENSIONS, 'csv'), 'ndjson');
  assert.is(chooseFormat(undefined, 'x.feather', EXPORT_EXTENSIONS, 'csv'), 'arrow');
  assert.is(chooseFormat(undefined, 'x.gz', EXPORT_EXTENSIONS, 'csv'), 'csv', 'an extension that names no format');
  assert.is(chooseFormat(undefined, undefined, EXPORT_EXTENSIONS, 'csv'), 'csv');
  assert.is(chooseFormat('ndjson', 'rows.txt', EXPORT_EXTENSIONS, 'csv'), 'ndjson');
  assert.is(chooseFormat(undefined, 'cases.csv', CASES_EXTENSIONS, 'json'), 'csv');
  assert.is(chooseFormat(undefined, 'cases.md', CASES_EXTENSIONS, 'json'), 'md');
  assert.is(chooseFormat(undefined, 'cases.txt', CASES_EXTENSIONS, 'json'), 'table');
  assert.throws(
    () => chooseFormat('csv', 'x.parquet', EXPORT_EXTENSIONS, 'csv'),
    (e: unknown) =>
      e instanceof RunError && e.exitCode === 2 &&
      e.message === '--format csv contradicts --out x.parquet, whose extension says parquet (drop --format, or rename the file)',
  );
  assert.throws(() => chooseFormat('json', 'cases.csv', CASES_EXTENSIONS, 'json'), /contradicts/);
  assert.throws(
    () => chooseFormat(undefined, 'cases.parquet', CASES_EXTENSIONS, 'json'),
    (e: unknown) =>
      e instanceof RunError &&
      e.message === '--out cases.parquet names a .parquet file, which this command cannot write (it writes csv, json, md, table); give a matching extension',
  );
  assert.throws(() => chooseFormat('csv', 'rows.xlsx', EXPORT_EXTENSIONS, 'csv'), /names a \.xlsx file/);
  assert.throws(() => chooseFormat(undefined, 'rows.md', EXPORT_EXTENSIONS, 'csv'), /names a \.md file/);
});

test('report and cases files do not depend on the terminal: json with --out, a table only for a terminal stdout', () => {
  assert.is(defaultReportFormat('reports/', true), 'json');
  assert.is(defaultReportFormat('reports/', false), 'json');
  assert.is(defaultReportFormat(undefined, true), 'table');
  assert.is(defaultReportFormat(undefined, false), 'json');
});

test('export --out x.parquet writes Parquet and cases --out x.csv writes CSV; a contradicting --format is exit 2 before reading', () => {
  const dir = tempDir();
  assert.is(run(['export', 'samples', '--out', join(dir, 'x.parquet')]).status, 0);
  assert.is(readFileSync(join(dir, 'x.parquet')).subarray(0, 4).toString(), 'PAR1');
  assert.is(run(['cases', 'samples', '--out', join(dir, 'c.csv')]).status, 0);
  assert.match(readFileSync(join(dir, 'c.csv'), 'utf8'), /^caseId,account,/);
  const bad = run(['export', 'samples', '--format', 'csv', '--out', join(dir, 'y.parquet')]);
  assert.is(bad.status, 2);
  assert.match(bad.stderr, /--format csv contradicts --out .*y\.parquet/);
  assert.not.ok(existsSync(join(dir, 'y.parquet')));
});

test('checkOutputs() refuses a folder that takes no files (/proc) up front; it used to pass, then the write hung', async () => {
  await rejects(
    () => checkOutputs([{ flag: '--out', path: '/proc/nope/x.csv' }], []),
    usage(/^cannot write \/proc\/nope\/x\.csv: \/proc does not take new files/),
  );
  await rejects(
    () => checkOutputs([{ flag: '--out', path: '/proc/nope/reports', files: ['summary.json'] }], []),
    usage(/^cannot write \/proc\/nope\/reports: /),
  );
  const started = Date.now();
  const cli = run(['report', 'samples', '--out', '/proc/nope/reports']);
  assert.is(cli.status, 2);
  assert.ok(Date.now() - started < 30_000);
});

test("checkOutputs() refuses outputs that land on one file, a ledger among a report folder's files or in a dataset folder, and an input file", async () => {
  const dir = tempDir();
  await rejects(
    () => checkOutputs([{ flag: '--out', path: join(dir, 'a.json') }, { flag: '--rejects', path: join(dir, 'a.json') }], []),
    usage(/--out .*a\.json and --rejects .*a\.json are the same file: one would overwrite the other$/),
  );
  symlinkSync(join(dir, 'a.json'), join(dir, 'link.json'));
  await rejects(
    () => checkOutputs([{ flag: '--out', path: join(dir, 'a.json') }, { flag: '--rejects', path: join(dir, 'link.json') }], []),
    usage(/same file/),
  );
  const reports = { flag: '--out', path: join(dir, 'r'), files: ['events.json', 'summary.json'] };
  await rejects(
    () => checkOutputs([reports, { flag: '--rejects', path: join(dir, 'r', 'summary.json') }], []),
    usage(/is one of the files the run writes there$/),
  );
  await checkOutputs([reports, { flag: '--rejects', path: join(dir, 'r', 'rejects.ndjson') }], []);
  const dataset = { flag: '--out', path: join(dir, 'ds'), files: null };
  await rejects(() => checkOutputs([dataset, { flag: '--rejects', path: join(dir, 'ds', 'r.ndjson') }], []), usage(/inside the dataset folder/));
  await checkOutputs([{ flag: '--out', path: '/dev/null' }, { flag: '--rejects', path: '/dev/null' }], []);
  const input = tempDir();
  const log = put(input, 'logs/a.json', trailFile([record()]));
  await rejects(() => checkOutputs([{ flag: '--rejects', path: log }], [input]), usage(/it is a file the run reads/));
  await checkOutputs([{ flag: '--rejects', path: join(input, 'new.ndjson') }], [input]);
  put(input, 'logs/summary.json', '{}');
  await rejects(
    () => checkOutputs([{ flag: '--out', path: join(input, 'logs'), files: ['summary.json'] }], [input]),
    usage(/summary\.json \(--out\): it is a file the run reads/),
  );
  const cli = run(['cases', input, '--out', log]);
  assert.is(cli.status, 2);
  assert.equal(readdirSync(join(input, 'logs')), ['a.json', 'summary.json']);
  assert.is(JSON.parse(readFileSync(log, 'utf8')).Records.length, 1, 'the input is intact');
});

test.run();
