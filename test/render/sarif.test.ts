import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { FindingsResult } from '../../src/findings/run-rules.ts';
import { coverageNotifications, findingMessage, SARIF_LOCATIONS, toSarif, uriOf } from '../../src/render/sarif.ts';

const rule = {
  id: 'r1',
  title: 'T',
  description: '',
  level: 'medium' as const,
  references: ['see the wiki', 'https://example.com/doc'],
  tags: [],
  author: null,
  file: 'x.yml',
};
const finding = {
  ruleId: 'r1',
  title: 'T',
  level: 'medium' as const,
  principal: 'alice',
  account: '111122223333',
  caseIds: ['case-1'],
  eventIDs: ['e1', 'e2'],
  firstSeen: '2026-01-01T00:00:00Z',
  lastSeen: '2026-01-02T00:00:00Z',
  count: 2,
  fingerprint: 'f'.repeat(32),
  files: Array.from({ length: 12 }, (_, i) => `logs/my file #${i}.json`),
};
const result: FindingsResult = {
  findings: [finding],
  rules: [rule],
  refused: [{ file: 'bad.yml', reason: 'no id' }],
  scope: { extraSources: [], recordsForRules: 0 },
};

test('uriOf(): relative paths stay relative, percent-encoded per segment; absolute ones become file: URIs', () => {
  assert.is(uriOf('logs/my file #1.json'), 'logs/my%20file%20%231.json');
  assert.is(uriOf('/srv/AWSLogs/a b.json.gz'), 'file:///srv/AWSLogs/a%20b.json.gz');
});

test('toSarif(): the first reference that is a URL is the helpUri, locations are capped, levels map to SARIF levels', () => {
  const log = toSarif(result, '1.2.3');
  const run = log.runs[0];
  assert.is(run.tool.driver.rules![0].helpUri, 'https://example.com/doc');
  assert.is(run.tool.driver.rules![0].defaultConfiguration!.level, 'warning');
  const r = run.results![0];
  assert.is(r.level, 'warning');
  assert.is(r.locations!.length, SARIF_LOCATIONS);
  assert.is(r.properties!.fileCount, 12);
  assert.equal(r.partialFingerprints, { 'cloudtrailSupport/v1': 'f'.repeat(32) });
  assert.is(run.invocations![0].toolConfigurationNotifications![0].message.text, 'rule bad.yml refused: no id');
  assert.is(findingMessage(finding), 'T: alice in account 111122223333, 2 events from 2026-01-01T00:00:00Z to 2026-01-02T00:00:00Z; cases: case-1');
});

test('coverageNotifications(): files not read are an error, rejected records and an empty run warnings; a full read has none', () => {
  assert.equal(coverageNotifications({ files: { failed: 0 }, records: { seen: 10, rejected: 0 } }), []);
  assert.equal(coverageNotifications({ files: { failed: 2 }, records: { seen: 10, rejected: 1 } }), [
    { level: 'error', message: { text: '2 input files could not be read: the findings do not cover their records (the rejects ledger names them)' } },
    {
      level: 'warning',
      message: { text: '1 record was rejected (unreadable, or not valid CloudTrail records): the findings do not cover them (the rejects ledger names them)' },
    },
  ]);
  assert.equal(coverageNotifications({ files: { failed: 1 }, records: { seen: 0, rejected: 0 } }).map((n) => n.message.text), [
    '1 input file could not be read: the findings do not cover their records (the rejects ledger names them)',
    'no CloudTrail record was read: the absence of results says nothing about the archive',
  ]);
  // In the log only when there is one: a log of a full read is the same bytes as before.
  assert.not.ok('toolExecutionNotifications' in toSarif(result, '1.2.3', { files: { failed: 0 }, records: { seen: 1, rejected: 0 } }).runs[0].invocations![0]);
  assert.is(
    toSarif(result, '1.2.3', { files: { failed: 0 }, records: { seen: 5, rejected: 3 } }).runs[0].invocations![0].toolExecutionNotifications!.length,
    1,
  );
});

test.run();
