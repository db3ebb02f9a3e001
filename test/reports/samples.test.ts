/**
 * End-to-end over samples/ and a generated 200-file archive: the CLI's counts must equal counts
 * made here independently (node:zlib + JSON.parse, and jq when installed), and Deno must print
 * the same JSON as Node.
 */
import { denoCli } from '../_support/deno.ts';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { generateArchive } from '../../bench/generate/mod.ts';
import { ROOT, SAMPLES, tempDir } from '../_support/helpers.ts';

const CLI = join(ROOT, 'dist/src/cli.js');
const cliJson = (args: string[]) => JSON.parse(execFileSync(process.execPath, [CLI, ...args, '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 }));

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

/** The AWS Support event sources, written out here rather than taken from the tool (the default `--sources all`). */
const SUPPORT_SOURCES = [
  'support.amazonaws.com',
  'supportapp.amazonaws.com',
  'supportplans.amazonaws.com',
  'trustedadvisor.amazonaws.com',
  'support-console.amazonaws.com',
  'supportauthz.amazonaws.com',
  'support-subscription.amazonaws.com',
];

/** Counts made without the tool: every log file under a CloudTrail/ folder, gunzipped and parsed. */
function independentCounts(root: string) {
  const logs = listFiles(root).filter((p) => p.includes('/CloudTrail/') && p.endsWith('.json.gz'));
  const byAction = new Map<string, number>();
  const ids = new Set<string>();
  let seen = 0;
  let duplicates = 0;
  for (const path of logs) {
    for (const r of JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')).Records) {
      seen++;
      if (!SUPPORT_SOURCES.includes(r.eventSource)) continue;
      if (ids.has(r.eventID)) {
        duplicates++;
        continue;
      }
      ids.add(r.eventID);
      byAction.set(r.eventName, (byAction.get(r.eventName) ?? 0) + 1);
    }
  }
  const support = [...byAction.values()].reduce((a, b) => a + b, 0);
  return { logs: logs.length, seen, support, duplicates, byAction };
}

function jqSupportCount(root: string): number | undefined {
  if (spawnSync('jq', ['--version']).status !== 0) return undefined;
  const logs = listFiles(root).filter((p) => p.includes('/CloudTrail/') && p.endsWith('.json.gz'));
  const text = logs.map((p) => gunzipSync(readFileSync(p)).toString('utf8')).join('\n');
  const sources = SUPPORT_SOURCES.map((s) => JSON.stringify(s)).join(', ');
  const out = execFileSync('jq', ['-n', `[inputs | .Records[] | select(.eventSource | IN(${sources}))] | length`], {
    input: text,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return Number(out.trim());
}

// deno-lint-ignore no-explicit-any
function assertMatches(doc: any, expected: ReturnType<typeof independentCounts>) {
  assert.is(doc.files.read, expected.logs);
  assert.is(doc.records.seen, expected.seen);
  assert.is(doc.records.support, expected.support);
  assert.is(doc.records.duplicates, expected.duplicates);
  assert.is(doc.records.rejected, 0);
  assert.is(doc.records.seen, doc.records.support + doc.records.filteredOut + doc.records.rejected + doc.records.duplicates);
  assert.is(doc.records.filteredOut, doc.records.notSupport + doc.records.notSelected + doc.records.excluded);
  const actions = Object.fromEntries(doc.reports.actions.map((r: { eventName: string; count: number }) => [r.eventName, r.count]));
  assert.equal(actions, Object.fromEntries(expected.byAction));
}

test('report on samples/ matches counts made independently, and jq', () => {
  const doc = cliJson(['report', SAMPLES]);
  const expected = independentCounts(SAMPLES);
  assertMatches(doc, expected);
  assert.equal(doc.files.skipped, { digest: 54, insight: 1, other: 3, outOfRange: 0, duplicate: 0 });
  assert.equal([doc.records.support, doc.records.notSelected], [89, 0]);
  const api = cliJson(['report', SAMPLES, '--sources', 'api', '--report', 'days']).records;
  assert.equal([api.support, api.notSupport, api.notSelected], [65, 267, 24], '24 of the 89 Support-family records are of the other sources');
  const jq = jqSupportCount(SAMPLES);
  if (jq === undefined) console.log('  jq not installed: jq cross-check skipped');
  else assert.is(doc.records.support, jq);
});

test('report on a generated 200-file archive matches independent counts and jq, with and without prefilter', async () => {
  const root = tempDir();
  await generateArchive({
    seed: 'e2e-200',
    out: root,
    files: 200,
    recordsPerFile: [20, 60],
    supportDensity: 0.02,
    accounts: ['111122223333', '444455556666'],
    sources: 'all',
  });
  const expected = independentCounts(root);
  assert.ok(expected.logs === 200 && expected.support > 0);
  const doc = cliJson(['report', root]);
  assertMatches(doc, expected);
  assert.equal(cliJson(['report', root, '--no-prefilter', '--workers', '1']), doc);
  const jq = jqSupportCount(root);
  if (jq !== undefined) assert.is(doc.records.support + doc.records.duplicates, jq);
});

test('Deno runs the same sources and prints the same JSON as Node on samples/', () => {
  const node = execFileSync(process.execPath, [CLI, 'report', 'samples', '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
  const deno = denoCli(['report', 'samples', '--format', 'json']);
  assert.is(deno.status, 0, deno.stderr);
  assert.is(deno.stdout, node);
});

test.run();
