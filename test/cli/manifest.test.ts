/** End-to-end: the provenance manifest of report/cases/export/validate, and `verify --manifest` (chain of custody). */
import { denoCli } from '../_support/deno.ts';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { put, ROOT, SAMPLES, tempDir } from '../_support/helpers.ts';
import { filesUnder, tarOfFolder, zipOf } from '../_support/archive-of.ts';

const CLI = join(ROOT, 'dist/src/cli.js');
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function run(args: string[], cwd = ROOT) {
  const out = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

interface Input {
  path: string;
  entry?: string;
  bytes: number | null;
  sha256: string | null;
  kind: string;
  outcome: string;
  reason?: string;
}

/** A copy of samples/ with a zip and a tar.gz of one account beside it. */
function evidence(): string {
  const root = tempDir();
  cpSync(SAMPLES, root, { recursive: true });
  const account = join(SAMPLES, 'AWSLogs/444455556666');
  put(root, 'extra/account.zip', zipOf(account));
  put(root, 'extra/account.tar.gz', gzipSync(tarOfFolder(account)));
  return root;
}

test("report --out DIR writes DIR/manifest.json: every input's SHA-256 equals node:crypto's, zip and tar entries too", () => {
  const root = evidence();
  const out = join(tempDir(), 'report');
  const { code, stderr } = run(['report', root, '--out', out, '--quiet']);
  assert.is(code, 0, stderr);
  const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  assert.equal([m.manifestVersion, m.tool.name, m.command, m.paths, m.cwd], [1, 'cloudtrail-support', 'report', [root], ROOT.replace(/\/$/, '')]);
  assert.is(m.tool.version, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  assert.equal([m.runtime.name, m.runtime.version], ['node', process.versions.node]);
  assert.equal(m.argv, ['report', root, '--out', out, '--quiet']);
  assert.equal([m.options['max-file-bytes'], m.options.sources, m.options.prefilter], [33554432, 'all', true]);
  assert.ok(Date.parse(m.startedAt) <= Date.parse(m.finishedAt));
  assert.is(m.rules.length, readdirSync(join(ROOT, 'rules')).filter((f) => /\.ya?ml$/.test(f)).length, 'each built-in rule file (hashes: tested below)');
  assert.ok(m.outputs.includes(join(out, 'summary.json')));
  const inputs: Input[] = m.inputs;
  // One line per file the accounting counts, plus one per archive (its container).
  assert.is(inputs.filter((i) => i.kind !== 'archive').length, m.counts.files.seen);
  const expected = new Map<string, string>();
  for (const [rel, bytes] of filesUnder(root)) expected.set(join(root, rel), sha(bytes));
  const account = filesUnder(join(SAMPLES, 'AWSLogs/444455556666'));
  for (const [name, bytes] of account) {
    expected.set(`${join(root, 'extra/account.zip')}!/${name}`, sha(bytes));
    expected.set(`${join(root, 'extra/account.tar.gz')}!/${name}`, sha(bytes));
  }
  let hashed = 0;
  for (const input of inputs) {
    const key = input.entry === undefined ? input.path : `${input.path}!/${input.entry}`;
    if (input.sha256 === null) {
      assert.match(input.reason ?? '', /not hashed/, key);
      continue;
    }
    assert.is(input.sha256, expected.get(key), key);
    hashed++;
  }
  const entries = inputs.filter((i) => i.entry !== undefined);
  assert.is(entries.length, 2 * account.length);
  assert.ok(entries.every((i) => i.sha256 !== null), 'every entry of these archives is hashed, digests included');
  assert.is(hashed, expected.size - inputs.filter((i) => i.sha256 === null).length);
  assert.equal(inputs.filter((i) => i.sha256 === null).map((i) => i.path), [join(root, 'AWSLogs/README.txt')]);
});

test('the manifest is the same whatever the worker count (times, argv and options aside)', () => {
  const root = evidence();
  const inputsOf = (workers: string) => {
    const manifest = join(tempDir(), 'm.json');
    assert.is(run(['cases', root, '--workers', workers, '--manifest', manifest, '--quiet']).code, 0);
    const m = JSON.parse(readFileSync(manifest, 'utf8'));
    return JSON.stringify([m.inputs, m.counts]);
  };
  assert.is(inputsOf('1'), inputsOf('3'));
});

test('Deno writes the same manifest inputs and counts as Node, and names itself as the runtime', () => {
  const root = evidence();
  const dir = tempDir();
  assert.is(run(['validate', root, '--manifest', join(dir, 'node.json'), '--quiet']).code, 0);
  const deno = denoCli(['validate', root, '--manifest', join(dir, 'deno.json'), '--quiet']);
  assert.is(deno.status, 0, deno.stderr);
  const [node, other] = ['node', 'deno'].map((name) => JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')));
  assert.equal([node.runtime.name, other.runtime.name], ['node', 'deno']);
  assert.equal(other.inputs, node.inputs);
  assert.equal(other.counts, node.counts);
});

test('export, validate and cases write a manifest with --manifest FILE; a file export prunes by --since is listed unhashed', () => {
  const root = evidence();
  const dir = tempDir();
  for (const [command, extra] of [['export', ['--out', join(dir, 'x.csv'), '--since', '2027-01-01']], ['validate', []], ['cases', []]] as const) {
    const manifest = join(dir, `${command}.json`);
    const { code, stderr } = run([command, root, ...extra, '--manifest', manifest, '--quiet']);
    assert.ok(code === 0 || code === 1, stderr);
    const m = JSON.parse(readFileSync(manifest, 'utf8'));
    assert.is(m.command, command);
    assert.ok(m.inputs.length > 80, command);
    // cases reads every file whatever the window (a case's facts need all of them), so export shows the pruning.
    if (command === 'export') {
      const pruned = m.inputs.filter((i: Input) => i.reason?.startsWith('its path date is outside --since/--until'));
      assert.ok(pruned.length > 0 && pruned.every((i: Input) => i.sha256 === null && i.outcome === 'skipped'));
    }
  }
});

test('verify --manifest: unchanged files pass; a changed, a deleted and an added file (and zip entry) are named, exit 1', () => {
  const root = evidence();
  const out = join(tempDir(), 'report');
  assert.is(run(['report', root, '--out', out, '--quiet']).code, 0);
  const manifest = join(out, 'manifest.json');
  const clean = run(['verify', '--manifest', manifest, '--format', 'json']);
  assert.is(clean.code, 0, clean.stdout);
  const ok = JSON.parse(clean.stdout);
  assert.equal([ok.verdict, ok.files.changed, ok.files.missing, ok.files.new, ok.files.unhashed], ['UNCHANGED', 0, 0, 0, 1]);
  const logs = filesUnder(root).map(([rel]) => join(root, rel)).filter((p) => p.includes('/CloudTrail/') && p.endsWith('.json.gz'));
  appendFileSync(logs[0], 'x');
  rmSync(logs[1]);
  writeFileSync(join(root, 'added.json'), '{"Records":[]}');
  const zip = join(root, 'extra/account.zip');
  const other = join(tempDir(), 'o');
  cpSync(join(SAMPLES, 'AWSLogs/444455556666'), other, { recursive: true });
  put(other, 'late.json', '{"Records":[]}');
  writeFileSync(zip, zipOf(other));
  const changed = run(['verify', '--manifest', manifest, '--format', 'json']);
  assert.is(changed.code, 1);
  const r = JSON.parse(changed.stdout);
  assert.is(r.verdict, 'CHANGED');
  const found = r.findings.map((f: { kind: string; path: string; entry: string | null }) => [f.kind, f.path, f.entry]);
  for (
    const want of [['input-changed', logs[0], null], ['input-missing', logs[1], null], ['input-new', join(root, 'added.json'), null], [
      'input-changed',
      zip,
      null,
    ], ['input-new', zip, 'late.json']]
  ) {
    assert.ok(found.some((f: unknown[]) => JSON.stringify(f) === JSON.stringify(want)), `${want}: ${JSON.stringify(found)}`);
  }
  const table = run(['verify', '--manifest', manifest, '--format', 'table']);
  assert.match(table.stdout, /^custody: CHANGED since the report run of /);
});

test('verify --manifest exits 2 on a malformed or foreign manifest, naming what is wrong', () => {
  const dir = tempDir();
  const cases: [string, RegExp][] = [
    ['not json', /--manifest file .*bad\.json/],
    ['[]', /not a JSON object/],
    ['{"manifestVersion":2}', /not a cloudtrail-support manifest \(manifestVersion is 2, expected 1\)/],
    [
      '{"manifestVersion":1,"paths":["a"],"cwd":"/","inputs":[{"path":"a","bytes":1,"sha256":"zz","kind":"log","outcome":"read"}]}',
      /inputs\[0\] has a sha256 that is neither 64 hex digits nor null/,
    ],
    [
      '{"manifestVersion":1,"paths":["a"],"cwd":"/","inputs":[{"path":"a","bytes":1,"sha256":null,"kind":"log","outcome":"lost"}]}',
      /inputs\[0\] has an outcome that is not read, skipped or failed/,
    ],
    ['{"manifestVersion":1,"paths":"a","cwd":"/","inputs":[]}', /paths is not a list of strings/],
  ];
  for (const [text, message] of cases) {
    const path = put(dir, 'bad.json', text);
    const { code, stderr } = run(['verify', '--manifest', path]);
    assert.is(code, 2, text);
    assert.match(stderr, message);
  }
});

test('--manifest is checked like any output: it may not overwrite an input', () => {
  const root = evidence();
  const { code, stderr } = run(['validate', root, '--manifest', join(root, 'public-keys.json')]);
  assert.is(code, 2);
  assert.match(stderr, /cannot write .*public-keys\.json \(--manifest\): it is a file the run reads/);
});

test("the manifest names each rule file the run used with its SHA-256: the built-in ones and the user's", () => {
  const rules = tempDir();
  const mine = put(
    rules,
    'mine.yml',
    [
      'title: Mine',
      'id: 0b9c2e5e-5c1e-4a53-9f0e-3c1a7e7d2a11',
      'status: test',
      'logsource:',
      '  product: aws',
      '  service: cloudtrail',
      'detection:',
      '  sel:',
      '    eventName: CreateCase',
      '  condition: sel',
      'level: low',
      '',
    ].join('\n'),
  );
  const out = join(tempDir(), 'out');
  const { code, stderr } = run(['report', SAMPLES, '--format', 'json', '--out', out, '--rules', mine, '--quiet']);
  assert.is(code, 0, stderr);
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { rules: { id: string; sha256: string; path: string }[] };
  const builtinDir = join(ROOT, 'rules');
  const builtin = readdirSync(builtinDir).filter((f) => /\.ya?ml$/.test(f)).sort();
  assert.is(manifest.rules.length, builtin.length + 1, 'one entry per rule file; the stateful checks are code');
  for (const file of builtin) {
    const entry = manifest.rules.find((r) => r.path === `builtin:${file}`);
    assert.ok(entry, file);
    assert.is(entry!.sha256, sha(readFileSync(join(builtinDir, file))));
  }
  const user = manifest.rules.find((r) => r.id === '0b9c2e5e-5c1e-4a53-9f0e-3c1a7e7d2a11');
  assert.equal(user, { id: '0b9c2e5e-5c1e-4a53-9f0e-3c1a7e7d2a11', sha256: sha(readFileSync(mine)), path: mine });
});

test.run();
