import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gzipSync } from 'node:zlib';
import { validateArchive } from '../../src/validate/job.ts';
import { scan } from '../../src/scan/scan.ts';
import { accountingHolds } from '../../src/reports/job.ts';
import { strToU8, zipSync } from 'fflate';
import { ec2Record, gz, lookupEvent, put, record, tempDir, trailFile } from '../_support/helpers.ts';

const key = (account: string, region: string, day: string, stamp: string, unique: string) =>
  `AWSLogs/${account}/CloudTrail/${region}/2026/01/${day}/${account}_CloudTrail_${region}_202601${day}T${stamp}Z_${unique}.json.gz`;

/** An archive with one of each bad input beside good files; returns the root and what it holds. */
function archiveWithBadInput() {
  const root = tempDir();
  const good = [
    record({ eventID: 'e1' }),
    ec2Record(),
    record({ eventID: 'e2', eventName: 'ResolveCase', requestParameters: { caseId: 'c1' }, responseElements: null }),
  ];
  put(root, key('111122223333', 'us-east-1', '05', '1020', 'good1'), gz(trailFile(good)));
  const missingName = record({ eventID: 'e3' });
  delete missingName.eventName;
  put(root, key('111122223333', 'us-east-1', '05', '1025', 'badrec'), gz(trailFile([ec2Record(), missingName, record({ eventID: 'e4' })])));
  const full = gz(trailFile([record()]));
  put(root, key('111122223333', 'us-east-1', '05', '1030', 'trunc'), full.subarray(0, full.length - 20));
  put(root, key('111122223333', 'us-east-1', '05', '1035', 'notgz'), 'this is not gzip, nor JSON');
  put(root, key('111122223333', 'us-east-1', '05', '1040', 'badjson'), gz('{"Records": [ {"eventVersion": '));
  put(root, key('111122223333', 'us-east-1', '05', '1045', 'norecs'), gz('{"records": []}'));
  put(root, key('111122223333', 'us-east-1', '05', '1050', 'empty'), '');
  put(root, key('111122223333', 'us-east-1', '05', '1055', 'bomb'), gzipSync(Buffer.alloc(4 * 1024 * 1024, 32)));
  put(
    root,
    'AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/01/05/111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20260105T110000Z.json.gz',
    gz(JSON.stringify({ digestStartTime: '2026-01-05T10:00:00Z', digestEndTime: '2026-01-05T11:00:00Z', logFiles: [] })),
  );
  put(root, 'AWSLogs/README.txt', 'stray');
  return root;
}

test('scan() puts every record in exactly one place and lists every bad file and record in the ledger', async () => {
  const root = archiveWithBadInput();
  const result = await scan([root], { maxFileBytes: 1024 * 1024 });
  assert.equal(result.files, { seen: 10, read: 2, skipped: { digest: 1, insight: 0, other: 1, outOfRange: 0, duplicate: 0 }, failed: 6 });
  assert.equal(result.records, { seen: 6, support: 3, filteredOut: 2, notSupport: 2, notSelected: 0, excluded: 0, rejected: 1, duplicates: 0 });
  assert.ok(accountingHolds(result.records));
  assert.equal(result.rows.map((r) => r.eventID), ['e1', 'e2', 'e4']);
  const ledger = result.rejects.map((r) => [r.path.slice(r.path.lastIndexOf('_') + 1), r.index, r.stage, r.pointer ?? null]);
  assert.equal(ledger, [
    ['badrec.json.gz', 1, 'validate', '/eventName'],
    ['trunc.json.gz', null, 'decode', null],
    ['notgz.json.gz', null, 'parse', null],
    ['badjson.json.gz', null, 'parse', null],
    ['norecs.json.gz', null, 'validate', '/Records'],
    ['empty.json.gz', null, 'decode', null],
    ['bomb.json.gz', null, 'decode', null],
  ]);
  const reasons = Object.fromEntries(result.rejects.map((r) => [r.path.slice(r.path.lastIndexOf('_') + 1), r.reason]));
  assert.match(reasons['trunc.json.gz'], /^truncated gzip/);
  assert.match(reasons['notgz.json.gz'], /named \.gz but not gzip/);
  assert.match(reasons['badjson.json.gz'], /^invalid JSON/);
  assert.match(reasons['norecs.json.gz'], /^not a CloudTrail log file/);
  assert.is(reasons['empty.json.gz'], 'empty file (0 bytes)');
  assert.match(reasons['bomb.json.gz'], /exceeds the cap of 1048576 bytes/);
  assert.match(reasons['badrec.json.gz'], /required/);
});

test('scan() counts a repeated eventID once and says whether the payloads are identical', async () => {
  const root = tempDir();
  const a = record({ eventID: 'same' });
  put(root, key('111122223333', 'us-east-1', '05', '1020', 'a'), gz(trailFile([a])));
  // Not byte-identical (a byte-identical copy is a duplicate file, read/file-counts.test.ts): the same record, other bytes.
  put(root, 'copy/' + key('111122223333', 'us-east-1', '05', '1020', 'a'), gz(`${trailFile([a])}\n`));
  put(root, key('111122223333', 'us-east-1', '05', '1021', 'b'), gz(trailFile([{ ...a, sourceIPAddress: '203.0.113.9' }])));
  const result = await scan([root]);
  assert.equal(result.records, { seen: 3, support: 1, filteredOut: 0, notSupport: 0, notSelected: 0, excluded: 0, rejected: 0, duplicates: 2 });
  const reasons = result.rejects.map((r) => `${r.stage}: ${r.reason.replace(/ \S+#0$/, '')}`);
  assert.equal(reasons, ['dedupe: duplicate eventID same: DIFFERENT payload from', 'dedupe: duplicate eventID same: identical to']);
});

test('scan() applies filters, counts what they drop, and prunes files by path date', async () => {
  const root = tempDir();
  put(
    root,
    key('111122223333', 'us-east-1', '05', '1020', 'a'),
    gz(trailFile([record({ eventTime: '2026-01-05T10:15:00Z' }), record({ eventTime: '2026-01-05T10:16:00Z', recipientAccountId: '444455556666' })])),
  );
  put(root, key('111122223333', 'us-east-1', '07', '1020', 'b'), gz(trailFile([record({ eventTime: '2026-01-07T10:15:00Z' })])));
  const since = Date.parse('2026-01-06T00:00:00Z');
  const pruned = await scan([root], { filter: { since } });
  assert.is(pruned.files.skipped.outOfRange, 1);
  assert.equal(pruned.records, { seen: 1, support: 1, filteredOut: 0, notSupport: 0, notSelected: 0, excluded: 0, rejected: 0, duplicates: 0 });
  const unpruned = await scan([root], { filter: { since }, pruneByPath: false });
  assert.equal(unpruned.records, { seen: 3, support: 1, filteredOut: 2, notSupport: 0, notSelected: 0, excluded: 2, rejected: 0, duplicates: 0 });
  assert.equal(unpruned.rows.map((r) => r.eventTime), pruned.rows.map((r) => r.eventTime));
  const byAccount = await scan([root], { filter: { accounts: ['444455556666'] } });
  assert.equal(byAccount.rows.map((r) => r.account), ['444455556666']);
  assert.is(byAccount.records.excluded, 2);
});

test('scan() keeps every Support source by default; sources "api" keeps support.amazonaws.com and counts the rest not selected', async () => {
  const root = tempDir();
  const ta = record({
    eventSource: 'trustedadvisor.amazonaws.com',
    eventName: 'RefreshCheck',
    requestParameters: { checkId: 'R365s2Qddf' },
    responseElements: null,
  });
  put(root, 'events.json', trailFile([ta, record()]));
  assert.is((await scan([root])).rows.length, 2);
  assert.is((await scan([root], { sources: 'all' })).rows.length, 2);
  const api = await scan([root], { sources: 'api' });
  assert.equal([api.rows.length, api.records.notSelected, api.records.notSupport], [1, 1, 0]);
  assert.equal((await scan([root], { sources: 'api', prefilter: false })).records, api.records);
});

test('scan() gives the same rows whatever order the paths are given in', async () => {
  const root = tempDir();
  put(root, 'x/a.json', trailFile([record({ eventID: 'x1' })]));
  put(root, 'y/b.json', trailFile([record({ eventID: 'y1' })]));
  const one = await scan([`${root}/y`, `${root}/x`]);
  const two = await scan([`${root}/x`, `${root}/y`]);
  assert.equal(one, two);
});

test('scan() streams kept rows file by file with keepRows false, and the counts stay the same', async () => {
  const root = tempDir();
  put(root, 'a.json', trailFile([record({ eventID: 's1' }), ec2Record(), record({ eventID: 's2' })]));
  put(root, 'b.json', trailFile([record({ eventID: 's1' }), record({ eventID: 's3' })]));
  const batches: string[][] = [];
  const streamed = await scan([root], { keepRows: false, onRows: (rows) => void batches.push(rows.map((r) => r.eventID ?? '')) });
  assert.equal(batches, [['s1', 's2'], ['s3']]);
  assert.equal(streamed.rows, []);
  assert.equal(streamed.records, (await scan([root])).records);
});

test('scan() reads the same event once when an Event history export sits beside the trail files, and the ledger says so', async () => {
  const root = tempDir();
  const a = record({ eventID: 'same-a' });
  const b = record({ eventID: 'only-b' });
  put(root, key('111122223333', 'us-east-1', '05', '1020', 'a'), gz(trailFile([a])));
  put(root, 'zz-history/lookup-events.json', JSON.stringify({ Events: [lookupEvent(a, 1), lookupEvent(b, 2)] }, null, 2));
  put(
    root,
    'zz-history/event_history.csv',
    `Event ID,Event time,User name,Event name,AWS region,Event source\nsame-a,${a.eventTime},janedoe,CreateCase,us-east-1,support.amazonaws.com\n`,
  );
  const result = await scan([root]);
  assert.equal(result.records, { seen: 4, support: 2, filteredOut: 0, notSupport: 0, notSelected: 0, excluded: 0, rejected: 0, duplicates: 2 });
  assert.equal(result.rows.map((r) => [r.eventID, r.inputShape, r.index]), [['same-a', 'trail-file', 0], ['only-b', 'lookup-events', 1]]);
  const ledger = result.rejects.map((r) => `${r.path.slice(root.length + 1)}#${r.index}: ${r.reason.replace(root + '/', '')}`);
  assert.equal(ledger, [
    `zz-history/event_history.csv#0: duplicate eventID same-a: the same event (one side partial) as ${
      key('111122223333', 'us-east-1', '05', '1020', 'a')
    }#0 (read as trail-file there, as console-csv here)`,
    `zz-history/lookup-events.json#0: duplicate eventID same-a: identical to ${
      key('111122223333', 'us-east-1', '05', '1020', 'a')
    }#0 (read as trail-file there, as lookup-events here)`,
  ]);
});

test('scan() counts a zip as its entries, and names the entry of each row and each reject', async () => {
  // (the prefilter reads the compact entry too: same result with and without it, checked below)
  const root = tempDir();
  const bad = record({ eventID: 'bad' });
  delete bad.eventTime;
  put(
    root,
    'handover.zip',
    zipSync({
      'logs/a.json': strToU8(trailFile([record({ eventID: 'z1' }), ec2Record(), bad])),
      'logs/digest.json': strToU8(JSON.stringify({ digestStartTime: '2026-01-05T10:00:00Z', logFiles: [] })),
      'logs/broken.json': strToU8('{"Records": ['),
      'notes.txt': strToU8('hello'),
    }),
  );
  const result = await scan([root]);
  assert.equal(result.files, { seen: 4, read: 1, skipped: { digest: 1, insight: 0, other: 1, outOfRange: 0, duplicate: 0 }, failed: 1 });
  assert.equal(result.records, { seen: 3, support: 1, filteredOut: 1, notSupport: 1, notSelected: 0, excluded: 0, rejected: 1, duplicates: 0 });
  assert.equal(result.rows.map((r) => [r.archivePath, r.index, r.eventID]), [['logs/a.json', 0, 'z1']]);
  assert.equal(await scan([root], { prefilter: false }), result);
  // In archive order: the ledger follows the entries as they were read.
  assert.equal(result.rejects.map((r) => [r.archivePath, r.index, r.stage, r.pointer ?? null]), [['logs/a.json', 2, 'validate', '/eventTime'], [
    'logs/broken.json',
    null,
    'parse',
    null,
  ]]);
});

test('scan() warns per archive entry (trailing gzip garbage, invalid UTF-8), never about the archive bytes themselves', async () => {
  const root = tempDir();
  const latin = Buffer.from(trailFile([record({ eventID: 'u1', userAgent: 'caf\u00e9' })]).replace('caf\u00e9', 'caf\u0000'));
  latin[latin.indexOf(0)] = 0xe9; // a lone Latin-1 byte: not UTF-8
  put(root, 'pack.zip', zipSync({ 'a.json': latin, 'b.json.gz': Buffer.concat([gz(trailFile([record({ eventID: 'g1' })])), Buffer.from('junk')]) }));
  const result = await scan([root], { sources: 'all' });
  assert.equal(result.files, { seen: 2, read: 2, skipped: { digest: 0, insight: 0, other: 0, outOfRange: 0, duplicate: 0 }, failed: 0 });
  assert.equal(result.rows.map((r) => r.eventID), ['u1', 'g1']);
  assert.equal(result.rejects.map((r) => [r.archivePath, r.stage, r.warning ?? false, r.reason.slice(0, 30)]), [
    ['a.json', 'parse', true, 'invalid UTF-8 bytes were repla'],
    ['b.json.gz', 'decode', true, '4 bytes of trailing data after'],
  ]);
});

test('scan() gives the same result with 1, 2 and 4 worker threads and any path order', async () => {
  const root = tempDir();
  for (let i = 0; i < 24; i++) {
    const recs = [ec2Record(), record({ eventID: `w${i}` }), record({ eventID: `w${(i * 7) % 24}` })];
    put(root, `p${i % 3}/` + key('111122223333', 'us-east-1', '05', String(1000 + i), `f${i}`), gz(trailFile(recs)));
  }
  put(root, 'p1/bad.json.gz', 'broken');
  const paths = [0, 1, 2].map((i) => `${root}/p${i}`);
  const one = await scan(paths, { workers: 1 });
  assert.is(one.records.duplicates, 24);
  for (const workers of [2, 4]) assert.equal(await scan([...paths].reverse(), { workers }), one, `${workers} workers`);
});

test('files named as digests or Insights files are skipped only when their content agrees; a renamed log is read, with a warning', async () => {
  const root = tempDir();
  const insight = {
    eventVersion: '1.08',
    eventTime: '2026-01-05T10:00:00Z',
    awsRegion: 'us-east-1',
    eventID: 'i1',
    eventType: 'AwsCloudTrailInsight',
    recipientAccountId: '111122223333',
    sharedEventID: 's1',
    insightDetails: { state: 'Start', eventSource: 'support.amazonaws.com', eventName: 'DescribeCases', insightType: 'ApiCallRateInsight' },
    eventCategory: 'Insight',
  };
  put(
    root,
    'AWSLogs/111122223333/CloudTrail-Insight/us-east-1/2026/01/05/111122223333_CloudTrail-Insight_us-east-1_20260105T1000Z_a.json.gz',
    gz(trailFile([insight, { ...insight, eventID: 'i2' }])),
  );
  put(
    root,
    'AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/01/05/111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20260105T101500Z.json.gz',
    gz(JSON.stringify({ awsAccountId: '111122223333', digestStartTime: '2026-01-05T09:15:00Z', digestEndTime: '2026-01-05T10:15:00Z', logFiles: [] })),
  );
  // Logs with Support events, named so that a name-only rule would skip them unread.
  put(root, 'dl/support_cloudtrail-insight_notes.json.gz', gz(trailFile([record({ eventID: 'hidden-1' })])));
  put(root, 'dl/111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20260105T101500Z.json.gz', gz(trailFile([record({ eventID: 'hidden-2' }), ec2Record()])));
  for (const prefilter of [true, false]) {
    const result = await scan([root], { prefilter });
    assert.equal(result.files.skipped, { digest: 1, insight: 1, other: 0, outOfRange: 0, duplicate: 0 });
    assert.equal(result.rows.map((r) => r.eventID).sort(), ['hidden-1', 'hidden-2']);
    assert.equal(result.records, { seen: 3, support: 2, filteredOut: 1, notSupport: 1, notSelected: 0, excluded: 0, rejected: 0, duplicates: 0 });
    assert.equal(result.rejects.map((r) => [r.path.slice(root.length + 1), r.warning, r.reason]), [
      [
        'dl/111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20260105T101500Z.json.gz',
        true,
        'named like a CloudTrail digest file, but its content is not one: read as a log file',
      ],
      ['dl/support_cloudtrail-insight_notes.json.gz', true, 'named like a CloudTrail Insights file, but its content is not one: read as a log file'],
    ]);
  }
  const checked = await validateArchive([root], { workers: 1 });
  assert.equal([checked.files.skipped.digest, checked.files.skipped.insight, checked.records.seen], [1, 1, 3]);
  assert.is(checked.ledger.filter((r) => r.warning && r.reason.startsWith('named like')).length, 2, 'validate reads them too');
});

test.run();
