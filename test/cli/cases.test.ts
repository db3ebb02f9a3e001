/** End-to-end: `cases` through the built CLI (dist/), on the case stories written as an AWSLogs archive. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CASE_COLUMNS } from '../../src/cases/case-row.ts';
import { CASE_A, EXPECTED_CASES, writeStoryArchive } from '../_support/case-stories.ts';
import { gz, put, record, ROOT, tempDir, trailFile } from '../_support/helpers.ts';

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
  assert.equal(doc.records, { seen: 16, support: 16, filteredOut: 0, notSupport: 0, notSelected: 0, excluded: 0, rejected: 0, duplicates: 0 });
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
  assert.match(table, /mfa-not-recorded multi-account errors/);
});

type Shown = { caseId: string; createdInWindow: boolean; status: string; openedBy: string | null; newSourceIPs: string; flags: string[] };

test('cases --out writes the table to a file; --since chooses the cases shown, not their facts: the opener and the new-IP baseline stay', () => {
  const out = join(tempDir(), 'sub', 'cases.json');
  // From 12:00 on: case A (jdoe's reply from a new IP, root's resolve), case C's last calls, case D's failed read.
  assert.is(run(['cases', stories(), '--since', '2026-01-05T12:00:00Z', '--out', out]).code, 0);
  const doc = JSON.parse(readFileSync(out, 'utf8'));
  const cases = doc.cases as Shown[];
  assert.equal(cases, [EXPECTED_CASES[0], EXPECTED_CASES[2], EXPECTED_CASES[3]], 'every fact as without the filter');
  const a = cases[0];
  assert.equal([a.createdInWindow, a.status, a.openedBy], [true, 'resolved', 'janedoe']);
  // jdoe's history starts at 09:30, before the window: the reply from 203.0.113.99 is still new.
  assert.equal([a.newSourceIPs, a.flags], ['SupportOps/jdoe from 203.0.113.99', ['resolved-by-root', 'new-source-ip']]);
  assert.equal([doc.records.support, doc.records.excluded], [6, 10]);
});

test('cases --principal root shows the cases root touched, with their real opener (the archive holds the CreateCase)', () => {
  const { code, stdout, stderr } = run(['cases', stories(), '--principal', 'root', '--format', 'json']);
  assert.is(code, 0, stderr);
  const cases = JSON.parse(stdout).cases as Shown[];
  assert.equal(cases.map((c) => [c.caseId, c.createdInWindow, c.openedBy, c.status]), [[CASE_A, true, 'janedoe', 'resolved']]);
});

test('cases exits 2 on a bad format or a missing path', () => {
  assert.is(run(['cases', stories(), '--format', 'xml']).code, 2);
  const missing = run(['cases', '/no/such/dir']);
  assert.is(missing.code, 2);
  assert.match(missing.stderr, /cannot read input path/);
});

/** An archive of `count` cases, each opened and resolved (two files, so the merged state grows file by file). */
function manyCases(count: number): string {
  const root = tempDir();
  for (const [half, from] of [['a', 0], ['b', Math.ceil(count / 2)]] as const) {
    const records = [];
    for (let c = from; c < Math.min(count, from + Math.ceil(count / 2)); c++) {
      const caseId = `case-111122223333-muen-2026-${String(c).padStart(16, '0')}`;
      records.push(
        record({ eventID: `c${c}`, eventTime: `2026-01-05T10:${String(c % 60).padStart(2, '0')}:00Z`, responseElements: { caseId } }),
        record({ eventID: `r${c}`, eventTime: '2026-01-06T10:00:00Z', eventName: 'ResolveCase', requestParameters: { caseId }, responseElements: null }),
      );
    }
    put(root, `AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/111122223333_CloudTrail_us-east-1_20260105T1000Z_${half}.json.gz`, gz(trailFile(records)));
  }
  return root;
}

test('case lines past the 8,192 held in memory go to disk under TMPDIR, come out the same in every format, and leave nothing there', () => {
  const archive = manyCases(9000);
  const temp = tempDir();
  const runIn = (tmp: string, args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, TZ: 'UTC', TMPDIR: tmp } });
  const json = runIn(temp, ['cases', archive, '--format', 'json']);
  assert.is(json.status, 0, json.stderr);
  const cases = JSON.parse(json.stdout).cases;
  assert.is(cases.length, 9000);
  assert.equal(cases.slice(0, 2).map((c: { caseId: string }) => c.caseId), [
    'case-111122223333-muen-2026-0000000000000000',
    'case-111122223333-muen-2026-0000000000000060',
  ]);
  assert.ok(cases.every((c: { status: string }) => c.status === 'resolved'));
  const csv = runIn(temp, ['cases', archive, '--format', 'csv']);
  assert.is(csv.stdout.trimEnd().split('\n').length, 9001, 'a header and a line per case');
  assert.equal(readdirSync(temp), [], 'no temp file left');
  const missing = join(temp, 'no-such-folder');
  const failed = runIn(missing, ['cases', archive, '--format', 'json']);
  assert.is(failed.status, 2);
  assert.match(failed.stderr, `cannot keep the case state on disk in ${missing}: ENOENT`);
  assert.match(failed.stderr, '(TMPDIR chooses the folder)');
});

test.run();
