/**
 * End-to-end on ../shared/realdata: the built CLI reads every file, with no reject except the
 * ones explained here, and its counts per source folder match SOURCES.md.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REALDATA, ROOT, tempDir } from '../_support/helpers.ts';
import { haveRealdata, readSources } from '../_support/sources-md.ts';

const CLI = join(ROOT, 'dist/src/cli.js');
const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
const folderOf = (path: string) => relative(REALDATA, path).split('/')[0];

test('report --sources all reads every real file: no reject, 3658 records, the 14 Support examples, per-folder counts of SOURCES.md', () => {
  if (!haveRealdata()) return;
  const ledger = join(tempDir(), 'rejects.ndjson');
  const out = run(['report', REALDATA, '--sources', 'all', '--format', 'json', '--rejects', ledger, '--strict']);
  assert.is(out.status, 0, out.stderr);
  const doc = JSON.parse(out.stdout);
  // 143 files: the 142 of SOURCES.md plus SOURCES.md itself (skipped as "other"); the 2 digests
  // are skipped, one by its name (llm-guard) and one by its content (elastic's .log).
  assert.equal(doc.files, { seen: 143, read: 140, skipped: { digest: 2, insight: 0, other: 1, outOfRange: 0, duplicate: 0 }, failed: 0 });
  assert.equal(doc.records, { seen: 3658, support: 14, filteredOut: 3644, notSupport: 3644, notSelected: 0, excluded: 0, rejected: 0, duplicates: 0 });
  // `report` validates the Support records it keeps: all 14 pass, so the ledger is empty. The
  // records that fail the full schema are not Support records; `validate` lists them (below).
  assert.is(readFileSync(ledger, 'utf8'), '');
  const { folders } = readSources();
  const supportByFolder: Record<string, number> = {};
  for (const row of doc.reports.events) supportByFolder[folderOf(row.file)] = (supportByFolder[folderOf(row.file)] ?? 0) + 1;
  assert.equal(supportByFolder, Object.fromEntries(folders.filter((f) => f.support > 0).map((f) => [f.folder, f.support])));
  assert.equal(doc.reports.events.map((r: { inputShape: string }) => r.inputShape).sort(), [...Array(13).fill('bare-record'), 'trail-file']);
});

test("by default root's support-plan changes are visible; --sources api counts those 12 records as not selected, never not Support", () => {
  if (!haveRealdata()) return;
  const principals = (args: string[]) => JSON.parse(run(['report', REALDATA, '--format', 'json', '--report', 'principals', ...args]).stdout);
  const all = principals([]);
  assert.equal([all.records.support, all.records.notSupport, all.records.notSelected], [14, 3644, 0]);
  const root = all.reports.principals.filter((p: { principal: string }) => p.principal === 'root');
  assert.equal(root.map((p: { actions: string; categories: string }) => [p.actions, p.categories]), [[
    'DescribeSupportLevelSummary UpdateProbationAutoCancellation UpdateSupportLevel',
    'support-plans',
  ]]);
  const api = principals(['--sources', 'api']);
  assert.equal([api.records.support, api.records.notSupport, api.records.notSelected], [2, 3644, 12]);
  assert.equal(api.reports.principals.filter((p: { principal: string }) => p.principal === 'root'), []);
});

test('validate on the real files: records per folder match SOURCES.md, and every invalid record is an explained fixture quirk', () => {
  if (!haveRealdata()) return;
  const out = run(['validate', REALDATA, '--format', 'json']);
  const doc = JSON.parse(out.stdout);
  const { folders } = readSources();
  const byFolder: Record<string, { files: number; records: number }> = {};
  for (const f of doc.perFile) {
    const entry = (byFolder[folderOf(f.path)] ??= { files: 0, records: 0 });
    entry.files++;
    entry.records += f.records;
  }
  // Digests are skipped, not read: llm-guard's only file and one of elastic's eight.
  const digests: Record<string, number> = { 'llm-guard': 1, 'elastic-integrations': 1 };
  assert.equal(
    Object.fromEntries(Object.entries(byFolder).map(([k, v]) => [k, [v.files + (digests[k] ?? 0), v.records]])),
    Object.fromEntries(folders.filter((f) => f.files - (digests[f.folder] ?? 0) > 0).map((f) => [f.folder, [f.files, f.records]])),
  );
  assert.equal(doc.perFile.filter((f: { error: string | null }) => f.error !== null), []);
  assert.equal(doc.records, { seen: 3658, valid: 3549, invalid: 109 });

  const problems: { path: string; index: number; pointer: string; reason: string }[] = doc.problems;
  const where = (p: (typeof problems)[number]) => `${folderOf(p.path)}#${p.index} ${p.pointer}`;
  // Panther's rule-test fixtures carry Panther's normalised time "2022-09-15 13:45:24[.000000000]",
  // not CloudTrail's ISO-8601 "2022-09-15T13:45:24Z": 104 records.
  const pantherTime = /^\/eventTime: must be an ISO-8601 UTC timestamp like 2023-07-10T12:00:00Z, got "\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?"$/;
  const spaceTimes = problems.filter((p) => pantherTime.test(p.reason));
  assert.equal(spaceTimes.map((p) => p.index), [
    14,
    15,
    16,
    17,
    18,
    19,
    20,
    21,
    25,
    26,
    27,
    28,
    29,
    32,
    33,
    34,
    35,
    36,
    37,
    38,
    39,
    40,
    46,
    47,
    48,
    49,
    63,
    64,
    70,
    71,
    72,
    73,
    77,
    79,
    80,
    84,
    85,
    86,
    87,
    88,
    89,
    90,
    92,
    93,
    103,
    107,
    108,
    109,
    110,
    111,
    112,
    113,
    115,
    119,
    120,
    121,
    149,
    150,
    151,
    152,
    153,
    154,
    158,
    159,
    160,
    161,
    162,
    177,
    178,
    179,
    180,
    181,
    182,
    183,
    184,
    237,
    238,
    265,
    271,
    272,
    333,
    334,
    335,
    336,
    337,
    338,
    351,
    352,
    353,
    354,
    355,
    356,
    357,
    358,
    359,
    362,
    363,
    364,
    368,
    369,
    379,
    380,
    381,
    385,
  ]);
  assert.ok(spaceTimes.every((p) => folderOf(p.path) === 'panther-analysis'));
  // The other five, each a hand edit in a test fixture:
  assert.equal(problems.filter((p) => !pantherTime.test(p.reason)).map((p) => `${where(p)}: ${p.reason}`), [
    // cloud-custodian trimmed this Bedrock fixture to the fields its policy reads: no userIdentity.
    'cloud-custodian#0 /userIdentity: /userIdentity: required property is missing',
    // Panther rule authors: invokedBy set to null, resources set to null, eventTime "redacted", awsRegion removed.
    'panther-analysis#91 /userIdentity/invokedBy: /userIdentity/invokedBy: must be a string, got null',
    'panther-analysis#172 /resources: /resources: must be an array, got null',
    'panther-analysis#278 /eventTime: /eventTime: must be an ISO-8601 UTC timestamp like 2023-07-10T12:00:00Z, got "redacted"',
    'panther-analysis#382 /awsRegion: /awsRegion: required property is missing',
  ]);
});

test.run();
