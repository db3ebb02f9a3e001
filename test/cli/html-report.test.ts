/**
 * `report --format html` at the command line: which runs write it, the usage errors, byte-identical
 * pages whatever the worker count, and Vega loaded on this path only.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { cli } from '../_support/duck.ts';
import { exportFixture } from '../_support/export-fixture.ts';
import { ROOT, SAMPLES, tempDir } from '../_support/helpers.ts';
import { withoutRunFacts } from '../_support/html-page.ts';

const CLI = join(ROOT, 'dist/src/cli.js');

/** The module URLs a CLI run resolved on its main thread. */
function modulesLoaded(args: string[]): string[] {
  const trace = join(tempDir('cts-trace-'), 'modules.txt');
  const run = spawnSync(process.execPath, ['--import', join(ROOT, 'test/_support/trace-imports.mjs'), CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC', CTS_TRACE_IMPORTS: trace },
  });
  assert.is(run.status, 0, run.stderr);
  return readFileSync(trace, 'utf8').split('\n').filter(Boolean);
}

const vega = (urls: string[]) => urls.filter((u) => /\/node_modules\/vega/.test(u));

test('only the HTML path loads Vega: report json, md --out, cases and export do not', () => {
  const out = tempDir();
  assert.ok(vega(modulesLoaded(['report', SAMPLES, '--out', join(out, 'r.html'), '--quiet'])).length > 0, 'the HTML report loads vega (the trace sees it)');
  for (
    const args of [
      ['report', SAMPLES, '--format', 'json'],
      ['report', SAMPLES, '--format', 'md', '--out', join(out, 'md'), '--quiet'],
      ['cases', SAMPLES, '--format', 'csv'],
      ['export', SAMPLES, '--format', 'ndjson'],
    ]
  ) {
    assert.equal(vega(modulesLoaded(args)), [], args.join(' '));
  }
});

test('--out x.html implies html, --format html needs an .html file, and --report or a contradicting --format is refused', () => {
  const { root } = exportFixture();
  const out = tempDir();
  const page = join(out, 'evidence.HTML');
  const ok = cli(['report', root, '--out', page]);
  assert.is(ok.code, 0, ok.stderr);
  assert.match(readFileSync(page, 'utf8'), /^<!DOCTYPE html>\n/);
  assert.match(ok.stderr, /wrote .*evidence\.HTML\n/);
  const refused = (args: string[], message: RegExp) => {
    const run = cli(['report', root, ...args]);
    assert.is(run.code, 2, args.join(' '));
    assert.match(run.stderr, message);
  };
  refused(['--format', 'html', '--out', join(out, 'folder')], /--format html writes one file: give --out a name ending in \.html/);
  refused(['--format', 'json', '--out', join(out, 'x.html')], /--format json contradicts --out .*x\.html, whose extension says html/);
  refused(['--format', 'html', '--report', 'days'], /--format html shows every report: drop --report/);
  assert.not.ok(existsSync(join(out, 'x.html')) || existsSync(join(out, 'folder')), 'nothing written');
});

test('--format html without --out writes the page to stdout; the same page whatever the worker count', () => {
  const { root } = exportFixture();
  const one = cli(['report', root, '--format', 'html', '--workers', '1']);
  const two = cli(['report', root, '--format', 'html', '--workers', '2']);
  assert.is(one.code, 0, one.stderr);
  assert.match(one.stdout, /<\/html>\n$/);
  assert.is(withoutRunFacts(one.stdout), withoutRunFacts(two.stdout));
  assert.match(one.stdout, /<th>command line<\/th><td><code>(cloudtrail-support )?report .* --format html --workers 1<\/code>/);
});

test('--public-keys verifies the inputs too: the page shows the verdict, and an integrity error fails the run as verify does', () => {
  const keys = ['--public-keys', join(SAMPLES, 'public-keys.json'), '--signatures', join(SAMPLES, 'signatures.json')];
  const out = tempDir();
  const good = cli(['report', 'samples', '--out', join(out, 'good.html'), ...keys]);
  assert.is(good.code, 0, good.stderr);
  const page = readFileSync(join(out, 'good.html'), 'utf8');
  const verdict = 'VERIFIED: hashes, chains and every digest signature checked \\(0 errors, 0 warnings\\)';
  assert.match(page, new RegExp(`<h2>Integrity</h2>\n<p class="">integrity: ${verdict}</p>`));
  assert.match(page, new RegExp(`Integrity: ${verdict} \\(see Integrity\\)`));
  assert.not.match(good.stderr, /digest files found/, 'no advice to run verify: it ran');
  // One log file edited after delivery: its hash no longer matches its digest.
  const copy = join(tempDir(), 'samples');
  cpSync(SAMPLES, copy, { recursive: true });
  const log = readdirSync(copy, { recursive: true, encoding: 'utf8' }).find((p) => p.includes('/CloudTrail/') && p.endsWith('.json.gz'))!;
  const text = gunzipSync(readFileSync(join(copy, log))).toString('utf8');
  writeFileSync(join(copy, log), gzipSync(Buffer.from(text.replace('{', '{ '))));
  const bad = cli(['report', copy, '--out', join(out, 'bad.html'), ...keys]);
  assert.is(bad.code, 1, bad.stderr);
  assert.match(readFileSync(join(out, 'bad.html'), 'utf8'), /<p class="warn">integrity: FAILED\b[^<]*\(\d+ errors/);
  const usage = (args: string[], message: RegExp) => {
    const run = cli(['report', 'samples', ...args]);
    assert.is(run.code, 2);
    assert.match(run.stderr, message);
  };
  usage(['--format', 'json', ...keys], /--public-keys with report is for the HTML report/);
  usage(['--out', join(out, 'x.html'), '--signatures', join(SAMPLES, 'signatures.json')], /--signatures needs --public-keys/);
});

test.run();
