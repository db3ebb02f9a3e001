/** End-to-end: the built CLI (dist/) as a user runs it, on fixtures made here and on samples/. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { ec2Record, gz, lookupEvent, put, record, ROOT, SAMPLES, tempDir, trailFile } from '../_support/helpers.ts';

const CLI = join(ROOT, 'dist/src/cli.js');

function run(args: string[], cwd = ROOT) {
  const out = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

function fixture() {
  const root = tempDir();
  const k = (stamp: string, u: string) =>
    `AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/111122223333_CloudTrail_us-east-1_20260105T${stamp}Z_${u}.json.gz`;
  put(
    root,
    k('1020', 'a'),
    gz(
      trailFile([
        record({ eventID: 'a1', userAgent: '=HYPERLINK("http://evil")' }),
        ec2Record(),
        record({ eventID: 'a2', eventName: 'ResolveCase', errorCode: 'AccessDenied', requestParameters: { caseId: 'c' }, responseElements: null }),
      ]),
    ),
  );
  put(root, k('1030', 'b'), 'not gzip');
  return root;
}

test('the bin runs through its shebang, with the Node flags that npm start and the benchmark use', () => {
  const shebang = readFileSync(join(ROOT, 'src/cli.ts'), 'utf8').split('\n', 1)[0];
  assert.is(shebang, '#!/usr/bin/env -S MALLOC_MMAP_THRESHOLD_=131072 node --max-semi-space-size=2 --heap-growing-percent=60');
  assert.is(readFileSync(CLI, 'utf8').split('\n', 1)[0], shebang, 'the build keeps it');
  const start = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start as string;
  assert.is(start, 'MALLOC_MMAP_THRESHOLD_=131072 node --max-semi-space-size=2 --heap-growing-percent=60 dist/src/cli.js report samples');
  const bin = spawnSync('/bin/sh', ['-c', `chmod +x "${CLI}" && "${CLI}" report samples --format json`], { cwd: ROOT, encoding: 'utf8' });
  assert.is(bin.status, 0, bin.stderr);
  assert.is(JSON.parse(bin.stdout).records.support, 89);
});

test('report --format json prints counts that add up and every report', () => {
  const { code, stdout, stderr } = run(['report', fixture(), '--format', 'json']);
  assert.is(code, 0, stderr);
  assert.is(stderr, '', 'no progress line when stderr is not a terminal');
  const doc = JSON.parse(stdout);
  assert.equal(doc.files, { seen: 2, read: 1, skipped: { digest: 0, insight: 0, other: 0, outOfRange: 0, duplicate: 0 }, failed: 1 });
  assert.equal(doc.records, { seen: 3, support: 2, filteredOut: 1, notSupport: 1, notSelected: 0, excluded: 0, rejected: 0, duplicates: 0 });
  assert.equal(Object.keys(doc.reports), [
    'actions',
    'principals',
    'credentials',
    'accounts',
    'days',
    'activity',
    'denied',
    'trustedAdvisor',
    'cases',
    'events',
  ]);
  assert.equal(doc.reports.actions.map((r: { eventName: string; count: number; errors: number }) => [r.eventName, r.count, r.errors]), [['CreateCase', 1, 0], [
    'ResolveCase',
    1,
    1,
  ]]);
  assert.equal(doc.reports.denied.map((r: { errorCode: string; principal: string; actions: string }) => [r.errorCode, r.principal, r.actions]), [[
    'AccessDenied',
    'janedoe',
    'ResolveCase',
  ]]);
});

test('report exits 1 with --strict when a file was rejected, 0 without', () => {
  const root = fixture();
  assert.is(run(['report', root, '--format', 'json']).code, 0);
  const strict = run(['report', root, '--format', 'json', '--strict']);
  assert.is(strict.code, 1);
  // Said on stderr, as --fail-on says its reasons: the failed file is the ledger's one line.
  assert.is(strict.stderr, 'cloudtrail-support: --strict: failed-files: 1; 1 line in the rejects ledger (--rejects FILE writes them)\n');
});

test('report exits 2 with a clear message on a missing path, a bad flag and a bad date', () => {
  const missing = run(['report', '/no/such/dir']);
  assert.is(missing.code, 2);
  assert.match(missing.stderr, /cannot read input path "\/no\/such\/dir"/);
  const badFlag = run(['report', fixture(), '--format', 'xml']);
  assert.is(badFlag.code, 2);
  assert.match(badFlag.stderr, /Invalid values/);
  const badDate = run(['report', fixture(), '--since', 'last week']);
  assert.is(badDate.code, 2);
  assert.match(badDate.stderr, /--since "last week" is not an ISO date/);
});

test('report fails fast with exit 2 when --out cannot be written, before reading input', () => {
  const root = fixture();
  const blocker = put(root, 'blocker', 'a file');
  const out = run(['report', root, '--out', join(blocker, 'reports')]);
  assert.is(out.code, 2);
  assert.match(out.stderr, /cannot write .*not a directory/);
  assert.is(out.stdout, '');
});

test('export and cases refuse an --out that is a folder before reading any input', () => {
  const folder = tempDir();
  for (
    const args of [['export', fixture(), '--format', 'csv', '--out', folder], ['cases', fixture(), '--out', folder], ['report', fixture(), '--rejects', folder]]
  ) {
    const out = run(args);
    assert.is(out.code, 2, args.join(' '));
    assert.is(out.stderr, `cloudtrail-support: cannot write ${folder}: it is a directory (give a file name)\n`);
  }
});

test('report --out writes one file per report plus summary.json and manifest.json, and --rejects the ledger', () => {
  const root = fixture();
  const outDir = join(tempDir(), 'reports');
  const ledger = join(outDir, '..', 'rejects.ndjson');
  const { code } = run(['report', root, '--format', 'csv', '--out', outDir, '--rejects', ledger]);
  assert.is(code, 0);
  assert.equal(readdirSync(outDir).sort(), [
    'accounts.csv',
    'actions.csv',
    'activity.csv',
    'cases.csv',
    'credentials.csv',
    'days.csv',
    'denied.csv',
    'events.csv',
    'findings.csv',
    'manifest.json',
    'principals.csv',
    'summary.json',
    'trustedAdvisor.csv',
  ]);
  const events = readFileSync(join(outDir, 'events.csv'), 'utf8');
  assert.ok(events.includes(`"'=HYPERLINK(""http://evil"")"`), 'formula neutralized in CSV');
  assert.is(JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8')).records.support, 2);
  const lines = readFileSync(ledger, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.is(lines.length, 1);
  assert.is(lines[0].stage, 'parse');
  assert.is(lines[0].index, null);
  assert.match(lines[0].path, /_b\.json\.gz$/);
});

test('report --format md and table print the accounting lines', () => {
  const md = run(['report', fixture(), '--format', 'md']).stdout;
  assert.match(
    md,
    /records: 3 seen = 2 Support kept \+ 1 filtered out \(1 not Support, 0 not selected by --sources, 0 excluded by filters\) \+ 0 rejected \+ 0 duplicates/,
  );
  const table = run(['report', fixture(), '--format', 'table']).stdout;
  assert.match(
    table,
    /^records: 3 seen = 2 Support kept \+ 1 filtered out \+ 0 rejected \+ 0 duplicates\n {2}filtered out = 1 not Support \+ 0 not selected by --sources \+ 0 excluded by filters$/m,
  );
  assert.not.match(table, /^Support events/m, 'the event list only when asked for');
  assert.match(run(['report', fixture(), '--format', 'table', '--report', 'events']).stdout, /^Support events \(2\)$/m);
});

test('--sources: all by default; api (or its old name, support) keeps support.amazonaws.com and counts the rest as not selected', () => {
  const counts = (args: string[]) => {
    const r = JSON.parse(run(['report', SAMPLES, '--format', 'json', '--report', 'days', ...args]).stdout).records;
    return [r.support, r.notSupport, r.notSelected];
  };
  assert.equal(counts([]), [89, 267, 0]);
  assert.equal(counts(['--sources', 'all']), [89, 267, 0]);
  assert.equal(counts(['--sources', 'api']), [65, 267, 24]);
  assert.equal(counts(['--sources', 'support']), [65, 267, 24]);
});

test('report --format csv is plain CSV for one report, and # name sections for several', () => {
  const root = fixture();
  const one = run(['report', root, '--format', 'csv', '--report', 'actions']).stdout;
  assert.is(
    one,
    'category,eventSource,eventName,count,errors,principals,firstSeen,lastSeen\ncase-management,support.amazonaws.com,CreateCase,1,0,1,2026-01-05T10:15:00Z,2026-01-05T10:15:00Z\ncase-management,support.amazonaws.com,ResolveCase,1,1,1,2026-01-05T10:15:00Z,2026-01-05T10:15:00Z\n',
  );
  const two = run(['report', root, '--format', 'csv', '--report', 'actions', '--report', 'days']).stdout;
  assert.ok(two.startsWith('# actions\ncategory,'));
  assert.match(two, /\n\n# days\nday,count,errors,principals,actions\n/);
});

test('export writes one row per Support record as CSV and NDJSON', () => {
  const root = fixture();
  const csv = run(['export', root, '--format', 'csv']).stdout.trim().split('\n');
  assert.is(csv.length, 3);
  assert.match(
    csv[0],
    /^eventTime,eventSource,eventName,category,account,region,identityType,principal,credentialClass,role,session,invokedBy,sourceIdentity,callerAccount,arn,/,
  );
  const file = join(tempDir(), 'rows.ndjson');
  assert.is(run(['export', root, '--format', 'ndjson', '--out', file]).code, 0);
  const rows = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(rows.map((r) => r.eventID), ['a1', 'a2']);
});

test('export --format json streams one valid JSON array; parquet and arrow need --out', () => {
  const root = fixture();
  const json = run(['export', root, '--format', 'json']);
  assert.is(json.code, 0, json.stderr);
  assert.equal(JSON.parse(json.stdout).map((r: { eventID: string }) => r.eventID), ['a1', 'a2']);
  assert.ok(typeof JSON.parse(json.stdout)[0].raw === 'string', 'raw is the record as JSON text');
  for (const format of ['parquet', 'arrow']) {
    const binary = run(['export', root, '--format', format]);
    assert.is(binary.code, 2);
    assert.match(binary.stderr, new RegExp(`--format ${format} needs --out FILE`));
  }
});

test('export names the shape and the archive entry of every row, in the last columns', () => {
  const root = tempDir();
  const page = JSON.stringify({ Events: [lookupEvent(record({ eventID: 'L1' }), 1)], NextToken: null }, null, 2);
  put(
    root,
    'case-evidence.zip',
    zipSync({ 'cloudtrail/lookup.json': strToU8(page), 'cloudtrail/trail.json': strToU8(trailFile([record({ eventID: 'T1' })])) }),
  );
  const csv = run(['export', root, '--format', 'csv']).stdout.trim().split('\n');
  // The export ends with `raw`, the record as quoted JSON text: drop it to read the columns before.
  assert.match(csv[0], /,eventID,requestID,file,index,inputShape,archivePath,partial,raw$/);
  assert.equal(csv.slice(1).map((l) => l.replace(/,"\{.*\}"$/, '').split(',').slice(-5).join(',').replace(root, '')), [
    '/case-evidence.zip,0,lookup-events,cloudtrail/lookup.json,false',
    '/case-evidence.zip,0,trail-file,cloudtrail/trail.json,false',
  ]);
});

test('validate checks every record, not only Support ones, and --strict fails on any problem', () => {
  const root = tempDir();
  const bad = ec2Record();
  delete bad.eventTime;
  put(root, 'x.json', trailFile([record(), bad]));
  const { code, stdout } = run(['validate', root, '--format', 'json', '--strict']);
  assert.is(code, 1);
  const doc = JSON.parse(stdout);
  assert.equal(doc.records, { seen: 2, valid: 1, invalid: 1 });
  assert.is(doc.problems[0].pointer, '/eventTime');
  assert.is(doc.problems[0].index, 1);
});

test('validate --strict fails on a warning, as report --strict does (trailing data after the gzip stream)', () => {
  const root = tempDir();
  put(root, 'tr.json.gz', Buffer.concat([gz(trailFile([record()])), Buffer.from('garbage!')]));
  for (const command of ['validate', 'report']) {
    assert.is(run([command, root, '--format', 'json']).code, 0, command);
    assert.is(run([command, root, '--format', 'json', '--strict']).code, 1, `${command} --strict`);
  }
});

test('validate names the archive entry of a bad record, in JSON and in the table', () => {
  const root = tempDir();
  const bad = ec2Record();
  delete bad.eventTime;
  put(root, 'evidence.zip', zipSync({ 'inner/logs.json': strToU8(trailFile([record(), bad])) }));
  const doc = JSON.parse(run(['validate', root, '--format', 'json']).stdout);
  assert.equal(doc.problems.map((p: { archivePath: string; index: number; pointer: string }) => [p.archivePath, p.index, p.pointer]), [[
    'inner/logs.json',
    1,
    '/eventTime',
  ]]);
  const table = run(['validate', root, '--format', 'table']).stdout;
  assert.match(table, /path\s+archivePath\s+index\s+stage/);
  assert.match(table, /evidence\.zip\s+inner\/logs\.json\s+1\s+validate/);
});

test('an export killed mid-run leaves the previous output whole, never a partial file', async () => {
  const root = tempDir();
  const many = Array.from({ length: 400 }, (_, i) => record({ eventID: `k${i}`, userAgent: 'x'.repeat(2000) }));
  for (let f = 0; f < 30; f++) put(root, `f${f}.json`, trailFile(many.map((r) => ({ ...r, eventID: `${r.eventID}-${f}` }))));
  const out = join(tempDir(), 'events.csv');
  put(out, '', 'OLD\n');
  for (const delay of [50, 150, 300, 600]) {
    const child = spawn(process.execPath, [CLI, 'export', root, '--format', 'csv', '--out', out]);
    await new Promise((resolve) => setTimeout(resolve, delay));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('close', resolve));
    const content = readFileSync(out, 'utf8');
    const complete = content.endsWith('\n') && content.split('\n').length === 30 * 400 + 2;
    assert.ok(content === 'OLD\n' || complete, `after ${delay} ms: ${content.length} bytes`);
  }
});

test('report and export print byte-identical output with 1, 2 and 4 workers and with the paths in any order', () => {
  const root = tempDir();
  for (let i = 0; i < 30; i++) {
    put(
      root,
      `d${i % 3}/f${i}.json.gz`,
      gz(trailFile([ec2Record(), record({ eventID: `o${i % 20}`, eventTime: `2026-01-05T10:${String(i).padStart(2, '0')}:00Z` })])),
    );
  }
  const dirs = [0, 1, 2].map((i) => join(root, `d${i}`));
  const first = run(['report', ...dirs, '--format', 'json', '--workers', '1']).stdout;
  assert.is(JSON.parse(first).records.duplicates, 10);
  for (const workers of ['2', '4']) {
    assert.is(run(['report', ...[...dirs].reverse(), '--format', 'json', '--workers', workers]).stdout, first, `${workers} workers`);
    assert.is(
      run(['report', dirs[2], dirs[0], dirs[1], '--format', 'csv', '--workers', workers]).stdout,
      run(['report', ...dirs, '--format', 'csv', '--workers', '1']).stdout,
    );
    assert.is(
      run(['export', dirs[1], dirs[2], dirs[0], '--format', 'ndjson', '--workers', workers]).stdout,
      run(['export', ...dirs, '--format', 'ndjson', '--workers', '1']).stdout,
      `export, ${workers} workers`,
    );
  }
});

test('a reader that closes the pipe early (| head) ends the run with exit 141, quietly, for printed and streamed output', async () => {
  const root = tempDir();
  for (let f = 0; f < 4; f++) {
    put(
      root,
      `f${f}.json`,
      trailFile(Array.from({ length: 500 }, (_, i) => record({ eventID: `p${f}-${i}`, userAgent: 'x'.repeat(500) }))),
    );
  }
  for (const args of [['report', root, '--format', 'json', '--report', 'events'], ['export', root, '--format', 'csv'], ['export', root, '--format', 'json']]) {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Take the first chunk (the output is MBs, far more than a pipe holds), then hang up.
    await new Promise((resolve) => child.stdout.once('data', resolve));
    child.stdout.destroy();
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.is(code, 141, `${args.join(' ')}: ${stderr}`);
    assert.is(stderr, '', args.join(' '));
  }
});

test('a failed write to standard output is exit 2 with a message, not a silent exit 0 or a stack trace', () => {
  const root = fixture();
  const target = join(tempDir(), 'readonly.out');
  put(target, '', '');
  for (
    const args of [['report', root, '--format', 'json'], ['export', root, '--format', 'csv'], ['validate', root, '--format', 'json'], [
      'cases',
      root,
      '--format',
      'json',
    ]]
  ) {
    // A file opened read-only as stdout: every write fails (EBADF), as on a full disk (ENOSPC).
    const fd = openSync(target, 'r');
    const out = spawnSync(process.execPath, [CLI, ...args], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
    closeSync(fd);
    assert.is(out.status, 2, `${args[0]}: ${out.stderr}`);
    assert.match(out.stderr, /^cloudtrail-support: cannot write to standard output: EBADF/, args[0]);
    assert.not.match(out.stderr, /internal error| {4}at /, `${args[0]}: no stack trace`);
  }
});

test('a closed stderr does not change the exit code: notes and progress have nowhere to go, the run goes on', async () => {
  const child = spawn(process.execPath, [CLI, 'report', join(ROOT, 'samples'), '--format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr.destroy(); // samples/ has digests, so the run writes a note to stderr at the end
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  const code = await new Promise((resolve) => child.on('close', resolve));
  assert.is(code, 0);
  assert.is(JSON.parse(stdout).records.support, 89);
});

test('--max-file-bytes and --workers take only sensible values: sizes with units, whole worker counts; anything else is exit 2', () => {
  const root = fixture();
  for (
    const [flag, value] of [
      ['--max-file-bytes', 'abc'],
      ['--max-file-bytes', '0'],
      ['--max-file-bytes', '-1'],
      ['--max-file-bytes', '1X'],
      ['--workers', 'abc'],
      ['--workers', '0'],
      ['--workers', '1.5'],
      ['--workers', '257'],
      ['--workers', '0x2'],
      ['--workers', '1e2'],
    ]
  ) {
    const out = run(['report', root, '--format', 'json', flag, value]);
    assert.is(out.code, 2, `${flag} ${value}`);
    assert.match(out.stderr, new RegExp(`^cloudtrail-support: ${flag} must be`), `${flag} ${value}`);
  }
  // A unit is understood; the cap then rejects the one gzip file (~1.5 kB of JSON) over 1 KiB.
  const ledger = join(tempDir(), 'rejects.ndjson');
  assert.is(run(['report', root, '--format', 'json', '--max-file-bytes', '1K', '--rejects', ledger]).code, 0);
  assert.match(readFileSync(ledger, 'utf8'), /exceeds the cap of 1024 bytes/);
  assert.is(JSON.parse(run(['report', root, '--format', 'json', '--max-file-bytes', '2GiB', '--workers', '3']).stdout).records.support, 2);
  assert.is(run(['verify', root, '--format', 'json', '--max-file-bytes', 'lots']).code, 2, 'verify too');
});

test('--help lists the commands with examples', () => {
  const { code, stdout } = run(['--help']);
  assert.is(code, 0);
  for (const word of ['report', 'cases', 'export', 'validate', 'Examples:']) assert.ok(stdout.includes(word), word);
});

test('empty input (an empty folder, a window that matches no file) is said on stderr and fails --strict in report, cases, export and validate', () => {
  const empty = tempDir();
  for (const command of ['report', 'cases', 'export', 'validate']) {
    const strict = run([command, empty, '--strict']);
    assert.is(strict.code, 1, `${command}: ${strict.stderr}`);
    assert.is(
      strict.stderr,
      `cloudtrail-support: warning: no CloudTrail record read from ${empty} (files: 0 seen = 0 read + 0 failed + skipped (0 digest, 0 insight, 0 other, 0 outside --since/--until))\n` +
        'cloudtrail-support: --strict: empty: 1\n',
      command,
    );
    const lax = run([command, empty]);
    assert.is(lax.code, 0, command);
    assert.match(lax.stderr, /warning: no CloudTrail record read/, command);
  }
  const outside = run(['report', fixture(), '--report', 'actions', '--since', '2030-01-01', '--strict', '--format', 'json']);
  assert.is(outside.code, 1, outside.stderr);
  assert.match(outside.stderr, /no CloudTrail record read from .*2 outside --since\/--until/);
  // With the cases report no file is skipped for its date: cases and novelty are built from every record.
  const withCases = JSON.parse(run(['report', fixture(), '--since', '2030-01-01', '--format', 'json']).stdout);
  assert.equal([withCases.files.skipped.outOfRange, withCases.records.seen, withCases.records.support, withCases.records.excluded], [0, 3, 0, 2]);
});

test('--since at or after --until is a usage error (exit 2): the window would be empty', () => {
  for (const [since, until] of [['2026-01-06', '2026-01-05'], ['2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z']]) {
    const out = run(['report', fixture(), '--since', since, '--until', until]);
    assert.is(out.code, 2);
    assert.is(out.stderr, `cloudtrail-support: --since "${since}" is not before --until "${until}": the window is empty\n`);
  }
  assert.is(run(['report', fixture(), '--since', '2026-01-05', '--until', '2026-01-05', '--format', 'json']).code, 0, 'a bare date as both bounds is that day');
});

test('failed files are named: failedFiles [{path, archivePath, stage, reason}] in the JSON of report, cases, validate and summary.json; the first five in the terminal, with the count', () => {
  const root = fixture();
  for (let i = 0; i < 5; i++) put(root, `more/bad${i}.json`, '{"Records": [');
  put(root, 'in.zip', zipSync({ 'logs/broken.json': strToU8('[}'), 'logs/good.json': strToU8(trailFile([record()])) }));
  const report = JSON.parse(run(['report', root, '--format', 'json']).stdout);
  assert.is(report.files.failed, 7);
  assert.is(report.failedFiles.length, 7);
  assert.equal(report.failedFiles.slice(0, 2), [
    {
      path: join(root, 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/111122223333_CloudTrail_us-east-1_20260105T1030Z_b.json.gz'),
      archivePath: null,
      stage: 'parse',
      reason: "invalid JSON: Unexpected token 'o' (named .gz but not gzip: no 1f 8b magic bytes)",
    },
    { path: join(root, 'in.zip'), archivePath: 'logs/broken.json', stage: 'parse', reason: "invalid JSON: Unexpected token '}'" },
  ]);
  assert.equal(report.failedFiles[2], {
    path: join(root, 'more/bad0.json'),
    archivePath: null,
    stage: 'parse',
    reason: 'invalid JSON: Unexpected end of JSON input',
  });
  assert.equal(JSON.parse(run(['cases', root, '--format', 'json']).stdout).failedFiles, report.failedFiles);
  const validate = JSON.parse(run(['validate', root, '--format', 'json']).stdout);
  assert.equal(validate.failedFiles, report.failedFiles);
  assert.is(validate.files.failed, validate.failedFiles.length);
  const outDir = join(tempDir(), 'reports');
  run(['report', root, '--format', 'csv', '--out', outDir]);
  assert.equal(JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8')).failedFiles, report.failedFiles);
  const table = run(['report', root, '--format', 'table', '--report', 'days']).stdout.split('\n');
  // The accounting lines first, then the failed files by name.
  const head = table.indexOf('failed files (7):');
  assert.match(table[head - 2], /^records: /);
  assert.match(table[head - 1], /^ {2}filtered out = /);
  assert.is(table[head + 2], `  ${join(root, 'in.zip')}!/logs/broken.json: parse: invalid JSON: Unexpected token '}'`);
  assert.is(table[head + 6], '  … and 2 more: use --rejects FILE or --format json for all of them');
  assert.ok(run(['cases', root, '--format', 'md']).stdout.includes('\n- failed files (7):\n  - '), 'Markdown too');
});

test.run();
