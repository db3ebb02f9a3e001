/** buildManifest() (pure) and the manifest index verify --manifest compares by. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildManifest, reportCounts } from '../../src/integrity/manifest.ts';
import { inputIndex } from '../../src/integrity/manifest-json.ts';

const run = {
  tool: { name: 'cloudtrail-support', version: '9.9.9' },
  runtime: { name: 'node', version: '20.0.0' },
  command: 'report',
  argv: ['report', 'AWSLogs', '--out', 'r'],
  cwd: '/work',
  paths: ['AWSLogs'],
  startedAt: new Date(Date.UTC(2026, 0, 5, 9, 0, 0)),
  finishedAt: '2026-01-05T09:00:03+01:00',
  options: { workers: 2, sources: 'support', since: undefined, 'max-file-bytes': 1024 },
};
const file = { path: 'AWSLogs/a.json.gz', bytes: 10, sha256: 'a'.repeat(64), kind: 'log', outcome: 'read' as const };

test('buildManifest() gives UTC times, sorted options without undefined ones, and the inputs as given', () => {
  const m = buildManifest(run, { counts: reportCounts({ files: { seen: 1 }, records: { seen: 3 } }), inputs: [file] });
  assert.equal([m.manifestVersion, m.startedAt, m.finishedAt], [1, '2026-01-05T09:00:00.000Z', '2026-01-05T08:00:03.000Z']);
  assert.equal(Object.keys(m.options), ['max-file-bytes', 'sources', 'workers']);
  assert.equal([m.rules, m.outputs, m.inputs, m.counts], [[], [], [file], { files: { seen: 1 }, records: { seen: 3 } }]);
});

test('buildManifest() refuses a result without inputs: a manifest that names no file vouches for nothing', () => {
  assert.throws(() => buildManifest(run, { counts: {} }), /run the job with inputs: true/);
});

test("inputIndex() keys files by path (an archive's own line first) and entries by archive and name", () => {
  const archive = { path: 'x.zip', bytes: 5, sha256: 'b'.repeat(64), kind: 'archive', outcome: 'read' as const };
  const entry = { ...file, path: 'x.zip', entry: 'AWSLogs/a.json.gz' };
  const cut = { path: 'x.zip', bytes: null, sha256: null, kind: 'other', outcome: 'failed' as const, reason: 'corrupt zip: truncated' };
  const index = inputIndex([file, archive, entry, cut]);
  assert.equal([...index.files.keys()], ['AWSLogs/a.json.gz', 'x.zip']);
  assert.is(index.files.get('x.zip'), archive);
  assert.is(index.entries.get('x.zip')!.get('AWSLogs/a.json.gz'), entry);
});

test.run();
