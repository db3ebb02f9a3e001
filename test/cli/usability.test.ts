/** The small things a user meets first: --help, typos, --quiet, list flags, the validate table. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { helpWidth, wrapHelp } from '../../src/cli/help-wrap.ts';
import { commandLike } from '../../src/cli/suggest.ts';
import { reasonCell } from '../../src/render/validate.ts';
import { put, record, ROOT, tempDir, trailFile } from '../_support/helpers.ts';

const CLI = join(ROOT, 'dist/src/cli.js');
const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
const words = (text: string) => text.split(/\s+/).filter(Boolean);

test('--help wraps by words: the CLI prints no cut word and no line over its width; wrapHelp keeps every word at every width', () => {
  for (const args of [['--help'], ['report', '--help'], ['export', '--help'], ['cases', '--help'], ['validate', '--help'], ['verify', '--help']]) {
    const help = run(args).stdout;
    assert.ok(help.includes('Options:'));
    assert.ok(help.split('\n').every((line) => line.length <= 100), args.join(' '));
  }
  assert.ok(words(run(['export', '--help']).stdout).includes('rejected'), 'it printed "rejecte" / "d"');
  assert.match(run(['export', '--help']).stdout, /\n {24}\S/, 'continuation lines sit under the description column');
  const rows = [
    'Who did what with AWS Support, when, from where: read offline from CloudTrail archives.',
    `      --strict          Exit 1 when the rejects ledger has any line (failed file, rejected record, duplicate, warning)  [boolean] [default: false]`,
    `  cloudtrail-support cases [paths..]     One row per support case: opened, discussed, read and resolved by whom, with findings`,
    `      --report          Only these reports  [array] [choices: "actions", "principals", "credentials", "accounts", "days", "denied", "trustedAdvisor"]`,
  ];
  for (let width = 40; width <= 120; width++) {
    for (const row of rows) {
      const wrapped = wrapHelp(row, width);
      assert.equal(words(wrapped), words(row), `width ${width}: the same words, none cut`);
      for (const line of wrapped.split('\n')) {
        assert.ok(line.length <= width || !line.trim().includes(' ') || /^\s*\[[^\]]*\]$/.test(line), `width ${width}: ${line}`);
      }
    }
  }
  assert.is(helpWidth(undefined), 100);
  assert.is(helpWidth(30), 60);
  assert.is(helpWidth(500), 110);
});

test('a word that wraps goes under its description column', () => {
  const line = `      --strict          ${'word '.repeat(30).trim()}  [boolean] [default: false]`;
  const lines = wrapHelp(line, 60).split('\n');
  assert.ok(lines.length > 2);
  assert.ok(lines.slice(1).every((l) => l.startsWith(' '.repeat(24)) && l[24] !== ' '), lines.join('\n'));
  assert.ok(lines.some((l) => l.includes('[default: false]')), 'a short [hint] stays whole');
});

test('a first argument that is a typo of a command says so and suggests the command; a missing path says "no such file or folder"', () => {
  assert.is(commandLike('repot'), 'report');
  assert.is(commandLike('VERIFI'), 'verify');
  assert.is(commandLike('samples'), undefined);
  const typo = run(['repot', 'samples']);
  assert.is(typo.status, 2);
  assert.is(typo.stderr, 'cloudtrail-support: "repot" is not a command, and no such file or folder: did you mean: cloudtrail-support report samples\n');
  const missing = run(['report', 'no-such-dir']);
  assert.is(missing.stderr, 'cloudtrail-support: cannot read input path "no-such-dir": no such file or folder\n');
});

test('--quiet silences the note: line and the wrote line; without it the note is there', () => {
  assert.match(run(['report', 'samples', '--format', 'json']).stderr, /^note: 54 digest files found/);
  assert.is(run(['report', 'samples', '--format', 'json', '--quiet']).stderr, '');
  assert.is(run(['report', 'samples', '--quiet', '--format', 'csv', '--out', join(tempDir(), 'r')]).stderr, '');
});

test('--report takes commas, as --partition-by does, and repeats; an unknown name is exit 2 naming the valid ones', () => {
  const doc = (args: string[]) => JSON.parse(run(['report', 'samples', '--format', 'json', ...args]).stdout);
  assert.equal(Object.keys(doc(['--report', 'principals,events']).reports), ['principals', 'events']);
  assert.equal(Object.keys(doc(['--report', 'days', '--report', 'events']).reports), ['days', 'events']);
  const bad = run(['report', 'samples', '--report', 'principals,evnts']);
  assert.is(bad.status, 2);
  assert.match(bad.stderr, /--report "evnts" is not one of findings, actions, principals, credentials/);
  assert.is(doc(['--account', '444455556666,111122223333']).records.seen, 356);
});

test("validate's table keeps the offending value when it cuts a reason: the middle goes, not the `got …` end", () => {
  const reason = '/userIdentity/type: must be one of Root, IAMUser, AssumedRole, Role, FederatedUser, AWSAccount, AWSService, got "Wizard"';
  const cell = reasonCell(reason, '/userIdentity/type');
  assert.is(cell, 'must be one of Root, IAMUser, Ass…, got "Wizard"');
  assert.is(cell.length, 48);
  assert.is(reasonCell('record is not a JSON object', ''), 'record is not a JSON object');
  const root = tempDir();
  put(root, 'a.json', trailFile([record({ userIdentity: { type: 'Wizard' } })]));
  const table = run(['validate', root, '--format', 'table']).stdout;
  assert.ok(table.includes('got "Wizard"'), table);
});

test.run();
