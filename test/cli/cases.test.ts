/** End-to-end: `cases` through the built CLI (dist/), on the case stories written as an AWSLogs archive. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CASE_COLUMNS } from '../../src/cases/case-row.ts';
import { CASE_A, CASE_B, EXPECTED_CASES, writeStoryArchive } from '../_support/case-stories.ts';
import { ROOT, tempDir } from '../_support/helpers.ts';

const CLI = join(ROOT, 'dist/src/cli.js');
const run = (args: string[]) => {
  const out = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
};

let archive: string | undefined;
const stories = () => {
  if (!archive) {
    archive = tempDir();
    writeStoryArchive(archive);
  }
  return archive;
};

test('cases --format json lists every case of the stories, every column, with counts that add up', () => {
  const { code, stdout, stderr } = run(['cases', stories(), '--format', 'json']);
  assert.is(code, 0, stderr);
  const doc = JSON.parse(stdout);
  assert.equal(doc.records, { seen: 16, support: 16, filteredOut: 0, notSupport: 0, excluded: 0, rejected: 0, duplicates: 0 });
  assert.equal(doc.cases, EXPECTED_CASES);
});

test('cases prints the same rows as the cases report of report', () => {
  const fromReport = JSON.parse(run(['report', stories(), '--format', 'json', '--report', 'cases']).stdout).reports.cases;
  assert.equal(fromReport, JSON.parse(run(['cases', stories(), '--format', 'json']).stdout).cases);
});

test('cases output is byte-identical from run to run in every format', () => {
  for (const format of ['table', 'csv', 'json', 'md']) {
    const first = run(['cases', stories(), '--format', format]);
    assert.is(first.code, 0, first.stderr);
    assert.is(run(['cases', stories(), '--format', format]).stdout, first.stdout, format);
  }
});

test('cases --format csv has a header of every column and one line per case; md and table show the accounting', () => {
  const csv = run(['cases', stories(), '--format', 'csv']).stdout.trim().split('\n');
  assert.is(csv[0], CASE_COLUMNS.join(','));
  assert.is(csv.length, 1 + EXPECTED_CASES.length);
  assert.ok(csv[1].startsWith(`${CASE_A},111122223333,true,resolved,2026-01-05T10:00:00Z,janedoe,IAMUser,true,`), csv[1]);
  const md = run(['cases', stories(), '--format', 'md']).stdout;
  assert.match(md, /^# AWS Support cases \(4\)\n/);
  assert.match(md, /records: 16 seen = 16 Support kept/);
  assert.is(md.split('\n').filter((l) => l.startsWith('| case-')).length, 4);
  const table = run(['cases', stories(), '--format', 'table']).stdout;
  assert.match(table, /Support cases \(4\)/);
  assert.match(table, /without-mfa multi-account errors/);
});

test('cases --out writes the table to a file; --since leaves a case created before the window marked so', () => {
  const out = join(tempDir(), 'sub', 'cases.json');
  assert.is(run(['cases', stories(), '--since', '2026-01-05T10:03:00Z', '--out', out]).code, 0);
  const cases = JSON.parse(readFileSync(out, 'utf8')).cases as { caseId: string; createdInWindow: boolean; status: string; openedBy: string | null }[];
  const byId = new Map(cases.map((c) => [c.caseId, c]));
  assert.equal([byId.get(CASE_A)!.createdInWindow, byId.get(CASE_A)!.status, byId.get(CASE_A)!.openedBy], [false, 'resolved', null]);
  assert.equal([byId.get(CASE_B)!.createdInWindow, byId.get(CASE_B)!.status, byId.get(CASE_B)!.openedBy], [true, 'open', 'SupportOps/jdoe']);
});

test('cases exits 2 on a bad format or a missing path', () => {
  assert.is(run(['cases', stories(), '--format', 'xml']).code, 2);
  const missing = run(['cases', '/no/such/dir']);
  assert.is(missing.code, 2);
  assert.match(missing.stderr, /cannot read input path/);
});

test.run();
