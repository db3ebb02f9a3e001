/** Every shape of evidence, built here from records: detected by content, read with the right indexes. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gzipSync } from 'node:zlib';
import { decodeBytes } from '../../../src/read/decode.ts';
import { toLogFile } from '../../../src/read/discover.ts';
import { recordsFromBytes } from '../../../src/read/log-file.ts';
import { ec2Record, lookupEvent, record, trailFile } from '../../_support/helpers.ts';

const enc = new TextEncoder();

/** Reads a text (or gzip bytes) as a file named `name`: [shape, index, eventID|null, partial] per record, plus rejects. */
function read(content: string | Uint8Array, name = 'evidence.json') {
  const raw = typeof content === 'string' ? enc.encode(content) : content;
  const decoded = decodeBytes(raw, { maxFileBytes: 1 << 20 });
  if (!decoded.ok) throw new Error(decoded.reason);
  const result = recordsFromBytes(toLogFile(name, raw.length), decoded.bytes, decoded.gzip);
  if (!result.ok && 'skipAs' in result) return { fileReject: undefined, records: [], rejects: [], skipAs: result.skipAs };
  if (!result.ok) return { fileReject: result.reject, records: [], rejects: [] };
  const records = result.batches.flatMap((b) =>
    b.records.map((r, i) => [b.shape, b.indexes === null ? i : b.indexes[i], (r as { eventID?: string }).eventID ?? null, b.partial] as const)
  );
  records.sort((a, b) => a[1] - b[1]);
  return { fileReject: undefined, records, rejects: result.rejects.map((r) => [r.index, r.stage, r.reason] as const), skipAs: undefined };
}

const a = record({ eventID: 'a' });
const b = ec2Record({ eventID: 'b' });
const c = record({ eventID: 'c', eventName: 'ResolveCase' });

test('a delivery file {"Records":[…]} is a trail-file batch that is the Records array itself', () => {
  const doc = { Records: [a, b] };
  const decoded = enc.encode(JSON.stringify(doc));
  const result = recordsFromBytes(toLogFile('x.json', decoded.length), decoded, false);
  assert.ok(result.ok && result.batches.length === 1 && result.batches[0].indexes === null);
  assert.equal(read(trailFile([a, b])).records, [['trail-file', 0, 'a', false], ['trail-file', 1, 'b', false]]);
  assert.equal(read(gzipSync(trailFile([a])), 'x.json.gz').records, [['trail-file', 0, 'a', false]]);
});

test('lookup-events: CLI v1 (epoch seconds) and v2 (ISO with offset) pages give the CloudTrailEvent records', () => {
  for (const cli of [1, 2] as const) {
    const page = JSON.stringify({ Events: [lookupEvent(a, cli), lookupEvent(b, cli)], NextToken: 'tok' }, null, 4);
    assert.equal(read(page).records, [['lookup-events', 0, 'a', false], ['lookup-events', 1, 'b', false]], `CLI v${cli}`);
  }
});

test('lookup-events output saved by Windows PowerShell (UTF-16LE with a BOM) reads the same', () => {
  const page = JSON.stringify({ Events: [lookupEvent(a, 2)] }, null, 4).replaceAll('\n', '\r\n');
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(page, 'utf16le')]);
  assert.equal(read(utf16).records, [['lookup-events', 0, 'a', false]]);
});

test('lookup-events: several pages concatenated, and one Event per line, keep a running index', () => {
  const pages = [{ Events: [lookupEvent(a)], NextToken: 't' }, { Events: [lookupEvent(b), lookupEvent(c)] }].map((p) => JSON.stringify(p, null, 2)).join('\n');
  assert.equal(read(pages).records.map((r) => r.slice(0, 3)), [['lookup-events', 0, 'a'], ['lookup-events', 1, 'b'], ['lookup-events', 2, 'c']]);
  const lines = [a, b, c].map((r) => JSON.stringify(lookupEvent(r))).join('\n') + '\n';
  assert.equal(read(lines).records.map((r) => r.slice(0, 3)), [['lookup-events', 0, 'a'], ['lookup-events', 1, 'b'], ['lookup-events', 2, 'c']]);
});

test('lookup-events: an outer field that disagrees with CloudTrailEvent rejects that Event, with the reason', () => {
  const edited = { ...lookupEvent(b), EventName: 'TerminateInstances' };
  const late = { ...lookupEvent(c, 1), EventTime: Date.parse(c.eventTime as string) / 1000 + 3600 };
  const readOnly = { ...lookupEvent(a), ReadOnly: 'true' };
  const { records, rejects } = read(JSON.stringify({ Events: [lookupEvent(a), edited, late, readOnly] }));
  assert.equal(records.map((r) => r[1]), [0]);
  assert.equal(rejects, [
    [1, 'validate', 'lookup-events EventName "TerminateInstances" does not match CloudTrailEvent eventName "DescribeInstances"'],
    [2, 'validate', `lookup-events EventTime ${late.EventTime} does not match CloudTrailEvent eventTime "2026-01-05T10:15:00Z"`],
    [3, 'validate', 'lookup-events ReadOnly "true" does not match CloudTrailEvent readOnly false'],
  ]);
});

test('lookup-events: CloudTrailEvent that is not JSON is rejected; an Event without it becomes a partial record', () => {
  const { records, rejects } = read(
    JSON.stringify({ Events: [{ ...lookupEvent(a), CloudTrailEvent: '{"eventVersion":' }, { ...lookupEvent(c, 1), CloudTrailEvent: undefined }] }),
  );
  assert.equal(records, [['lookup-events', 1, 'c', true]]);
  assert.is(rejects[0][0], 0);
  assert.match(rejects[0][2], /^lookup-events CloudTrailEvent is not valid JSON/);
});

test('EventBridge envelopes: alone, in an array, one per line; other detail-types are rejected', () => {
  const env = (r: unknown, type = 'AWS API Call via CloudTrail') => ({
    version: '0',
    id: 'x',
    'detail-type': type,
    source: 'aws.support',
    account: '111122223333',
    time: '2026-01-05T10:15:00Z',
    region: 'us-east-1',
    resources: [],
    detail: r,
  });
  assert.equal(read(JSON.stringify(env(a), null, 2)).records, [['eventbridge', 0, 'a', false]]);
  const array = read(
    JSON.stringify([env(a), env(b, 'AWS Console Sign In via CloudTrail'), { ...env(c), 'detail-type': 'EC2 Instance State-change Notification' }]),
  );
  assert.equal(array.records, [['eventbridge', 0, 'a', false], ['eventbridge', 1, 'b', false]]);
  assert.equal(array.rejects, [[
    2,
    'validate',
    'EventBridge event of detail-type "EC2 Instance State-change Notification" is not a CloudTrail event (expected "… via CloudTrail")',
  ]]);
  assert.equal(read([env(a), env(b)].map((e) => JSON.stringify(e)).join('\n')).records.map((r) => r[0]), ['eventbridge', 'eventbridge']);
});

test('an EventBridge "via CloudTrail" envelope whose detail is not an object is rejected at /detail, saying so', () => {
  const lines = [null, 'text', [a], 7].map((detail) =>
    JSON.stringify({ version: '0', 'detail-type': 'AWS API Call via CloudTrail', source: 'aws.support', detail })
  );
  const bytes = enc.encode(lines.join('\n'));
  const result = recordsFromBytes(toLogFile('events.json', bytes.length), bytes, false);
  assert.ok(result.ok);
  assert.equal(
    result.rejects.map((r) => [r.index, r.stage, r.pointer, r.reason]),
    ['null', 'string', 'array', 'number'].map((type, i) => [
      i,
      'validate',
      '/detail',
      `EventBridge event of detail-type "AWS API Call via CloudTrail": detail is ${type}, not an object (the CloudTrail record)`,
    ]),
  );
});

test('CloudWatch Logs: filter-log-events output and the gzip export lines both give the message records', () => {
  const events = [a, b].map((r, i) => ({
    logStreamName: '111122223333_CloudTrail_us-east-1',
    timestamp: 1767608100000 + i,
    message: JSON.stringify(r),
    ingestionTime: 1767608160000,
    eventId: `${i}`,
  }));
  assert.equal(read(JSON.stringify({ events, searchedLogStreams: [] }, null, 4)).records, [['cloudwatch', 0, 'a', false], ['cloudwatch', 1, 'b', false]]);
  const exported = [a, b, c].map((r) => `2026-01-05T10:15:00.123Z ${JSON.stringify(r)}`).join('\n') + '\n';
  assert.equal(read(gzipSync(exported), '000000.gz').records.map((r) => r.slice(0, 3)), [['cloudwatch-export', 0, 'a'], ['cloudwatch-export', 1, 'b'], [
    'cloudwatch-export',
    2,
    'c',
  ]]);
  const broken = read('2026-01-05T10:15:00.123Z ' + JSON.stringify(a) + '\n2026-01-05T10:16:00.000Z {"eventVersion":\n');
  assert.equal(broken.records.map((r) => r[1]), [0]);
  assert.match(broken.rejects[0][2], /^line 2: CloudWatch Logs message is not a JSON record/);
});

test('NDJSON keeps every good line when one is broken, and names the bad line', () => {
  const { records, rejects } = read(`${JSON.stringify(a)}\n\n{"eventVersion": "1.08",\n${JSON.stringify(b)}\n`);
  assert.equal(records, [['ndjson', 0, 'a', false], ['ndjson', 2, 'b', false]]);
  assert.equal(rejects.map((r) => [r[0], r[1]]), [[1, 'parse']]);
  assert.match(rejects[0][2], /^line 3: invalid JSON/);
});

test('a bare JSON array of records, a single pretty-printed record, and a one-line record', () => {
  assert.equal(read(JSON.stringify([a, b], null, 2)).records.map((r) => r[0]), ['json-array', 'json-array']);
  assert.equal(read(JSON.stringify(a, null, 2)).records, [['bare-record', 0, 'a', false]]);
  assert.equal(read(JSON.stringify(a)).records, [['ndjson', 0, 'a', false]]);
  assert.equal(read('[]').records, []);
});

test('a digest is recognised by its content and skipped, whatever its name', () => {
  const digest = { awsAccountId: '111122223333', digestStartTime: '2026-01-05T10:00:00Z', digestEndTime: '2026-01-05T11:00:00Z', logFiles: [] };
  const result = read(JSON.stringify(digest), 'test-digest.log');
  assert.is(result.skipAs, 'digest');
  assert.equal(result.records, []);
});

test('text that is no known shape is rejected whole, with a reason that says what it is', () => {
  assert.equal(read('{"records": []}').fileReject?.pointer, '/Records');
  assert.match(
    read('{"records": []}').fileReject?.reason ?? '',
    /^not a CloudTrail log file: \/Records: required property is missing \(and no other known shape: keys "records"\)/,
  );
  assert.match(
    read('{"Records": {}}').fileReject?.reason ?? '',
    /^not a CloudTrail log file: \/Records: must be an array, got an object \(and no other/,
    'present, of the wrong kind',
  );
  assert.match(read('{"Records": "x"}').fileReject?.reason ?? '', /\/Records: must be an array, got a string/);
  assert.match(read('hello, world').fileReject?.reason ?? '', /^invalid JSON/);
  assert.match(read('{"Records": [ {"eventVersion": ').fileReject?.reason ?? '', /^invalid JSON/);
  assert.equal(read('42').fileReject, {
    path: 'evidence.json',
    index: null,
    stage: 'validate',
    reason: 'not a CloudTrail log file: a JSON number, not an object or array',
    pointer: '',
  });
});

test('a record with the keys of another shape is never hidden: a value matching two shapes is a ledger line', () => {
  const digestKeys = { digestStartTime: '2026-01-05T10:00:00Z', logFiles: [] };
  const strayDigest = { ...a, ...digestKeys };
  const strayLookup = { ...c, EventId: 'c', EventName: 'ResolveCase' };
  const ambiguous = [[1, 'validate'], [2, 'validate']];
  // NDJSON lines and the elements of a JSON array: the record before them is kept, each of them is a rejected record.
  for (const text of [[b, strayDigest, strayLookup].map((v) => JSON.stringify(v)).join('\n'), JSON.stringify([b, strayDigest, strayLookup])]) {
    const result = read(text);
    assert.equal(result.records.map((r) => r[1]), [0]);
    assert.equal(result.rejects.map((r) => [r[0], r[1]]), ambiguous);
    assert.match(result.rejects[0][2], /^ambiguous shape: it has the keys of a digest \("digestStartTime", "logFiles"\) and of a CloudTrail record/);
    assert.match(result.rejects[1][2], /^ambiguous shape: it has the keys of a lookup-events Event .* and of a CloudTrail record/);
  }
  // A whole document: a lookup-events page with digest keys is not skipped as a digest, nor read as a page.
  const page = read(JSON.stringify({ Events: [lookupEvent(a)], ...digestKeys }));
  assert.is(page.skipAs, undefined);
  assert.is(page.fileReject?.stage, 'validate');
  assert.match(
    page.fileReject?.reason ?? '',
    /^not read: ambiguous shape: it has the keys of a digest \("digestStartTime", "logFiles"\) and of a lookup-events page \("Events"\)/,
  );
  // A lone record with digest keys, spread over lines, is not skipped as a digest either.
  assert.match(read(JSON.stringify(strayDigest, null, 2)).fileReject?.reason ?? '', /ambiguous shape/);
});

test('every pair of shapes is ambiguous: a record with the keys of any other shape is a ledger line, never read as that shape', () => {
  const strays: [Record<string, unknown>, RegExp][] = [
    [{ Records: [] }, /a delivery file/],
    [{ digestStartTime: '2026-01-05T10:00:00Z', logFiles: [] }, /a digest/],
    [{ Events: [] }, /a lookup-events page/],
    [{ EventId: 'x', CloudTrailEvent: '{}' }, /a lookup-events Event/],
    [{ 'detail-type': 'AWS API Call via CloudTrail', detail: {} }, /an EventBridge envelope/],
    [{ 'detail-type': 'EC2 Instance State-change Notification', detail: {} }, /an EventBridge envelope/],
    [{ events: [] }, /a CloudWatch Logs page/],
  ];
  for (const [keys, named] of strays) {
    const result = read([JSON.stringify(b), JSON.stringify({ ...a, ...keys })].join('\n'));
    assert.equal(result.records.map((r) => r[1]), [0], JSON.stringify(keys));
    assert.equal(result.rejects.map((r) => [r[0], r[1]]), [[1, 'validate']], JSON.stringify(keys));
    assert.match(result.rejects[0][2], named);
    assert.match(result.rejects[0][2], /and of a CloudTrail record/);
  }
});

test('a digest among records and a record among lookup-events Events take their place in the ledger', () => {
  const digest = { awsAccountId: '111122223333', digestStartTime: '2026-01-05T10:00:00Z', logFiles: [] };
  const inArray = read(JSON.stringify([a, digest]));
  assert.equal(inArray.records.map((r) => r[1]), [0]);
  assert.equal(inArray.rejects, [[1, 'validate', 'a CloudTrail digest (digestStartTime, logFiles), not an event record']]);
  const page = read(JSON.stringify({ Events: [lookupEvent(a), c] }));
  assert.equal(page.records.map((r) => [r[0], r[1], r[2]]), [['lookup-events', 0, 'a']]);
  assert.equal(page.rejects.map((r) => [r[0], r[1]]), [[1, 'validate']]);
  assert.match(page.rejects[0][2], /^lookup-events page element is not an Event: it has the keys of a CloudTrail record/);
});

test.run();
