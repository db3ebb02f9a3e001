import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chooseAnchors, containsAny, escapeHits, eventSourceHits, NeedleSet, sourceNeedles } from '../../src/scan/prefilter.ts';
import { ALL_SUPPORT_SOURCES } from '../../src/rows/support-row.ts';
import { scan } from '../../src/scan/scan.ts';
import { compactRecordScan } from '../../src/scan/compact-form.ts';
import { startsTable, WINDOW } from '../../src/scan/value-ends.ts';
import { ec2Record, put, REALDATA, record, tempDir, trailFile } from '../_support/helpers.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

test('containsAny() finds a quoted event source anywhere in the bytes', () => {
  const needles = sourceNeedles(['support.amazonaws.com']);
  assert.is(containsAny(bytes(trailFile([ec2Record(), record()])), needles), true);
  assert.is(containsAny(bytes(trailFile([ec2Record()])), needles), false);
  assert.is(containsAny(bytes('{"userAgent":"support.amazonaws.com.evil"}'), needles), false, 'quotes are part of the needle');
});

test('eventSourceHits() keeps only needles that are the value of an eventSource key', () => {
  const needles = sourceNeedles(['support.amazonaws.com']);
  const text = trailFile([
    ec2Record({ userIdentity: { type: 'AWSService', invokedBy: 'support.amazonaws.com' } }),
    ec2Record({
      requestParameters: { lookupAttributes: [{ attributeKey: 'EventSource', attributeValue: 'support.amazonaws.com' }], list: ['support.amazonaws.com'] },
    }),
    record(),
  ]);
  const hits = eventSourceHits(bytes(text), needles);
  assert.is(hits.length, 1);
  assert.is(text.slice(hits[0] - 14, hits[0]), '"eventSource":');
  assert.equal(eventSourceHits(bytes('{"eventSource" : "support.amazonaws.com"}'), needles), [17], 'whitespace allowed');
  assert.is(eventSourceHits(bytes('{"event\\u0053ource":"support.amazonaws.com"}'), needles).length, 1, 'an escaped key may spell eventSource');
});

async function sameCountsBothWays(paths: string[], sources: 'support' | 'all' = 'support') {
  const fast = await scan(paths, { sources });
  const full = await scan(paths, { sources, prefilter: false });
  assert.equal(fast.records, full.records);
  assert.equal(fast.files, full.files);
  assert.equal(fast.rows, full.rows);
  assert.equal(fast.rejects, full.rejects);
  return fast;
}

test('scan() gives identical results with and without the prefilter on a mixed archive', async () => {
  const root = tempDir();
  put(root, 'a.json', trailFile([ec2Record(), ec2Record()]));
  put(root, 'b.json', trailFile([ec2Record(), record()]));
  put(root, 'c.json', JSON.stringify({ Records: [ec2Record()] }, null, 1));
  put(root, 'd.json', trailFile([ec2Record({ eventSource: 'trustedadvisor.amazonaws.com' })]));
  put(root, 'e.json', trailFile([ec2Record({ userIdentity: { type: 'AWSService', invokedBy: 'support.amazonaws.com' } }), record(), ec2Record()]));
  put(root, 'f.json', trailFile([ec2Record(), 'not an object', record({ eventName: 42 })]));
  const result = await sameCountsBothWays([root]);
  assert.is(result.records.seen, 12);
  assert.is(result.records.support, 2);
  assert.is(result.records.rejected, 2, 'the non-object record and the bad Support record, either way');
  assert.is((await sameCountsBothWays([root], 'all')).records.support, 3);
});

test('escapeHits() finds escapes that could spell a source: in an eventSource value or a key, not in other values or array elements', () => {
  const at = (text: string, piece: string) => text.indexOf(piece) + piece.indexOf('\\');
  const value = '{"eventSource":"support\\u002eamazonaws.com"}';
  assert.equal(escapeHits(bytes(value)), [at(value, 'support\\u002e')]);
  const key = '{"event\\u0053ource":"\\u0073upport.amazonaws.com"}';
  assert.equal(escapeHits(bytes(key)), [key.indexOf('\\'), key.lastIndexOf('\\')], 'an escaped key, and the value after it');
  assert.equal(
    escapeHits(bytes('{"userAgent":"a\\"b\\\\","eventSource":"ec2.amazonaws.com","list":["x\\ny"]}')),
    [],
    'a quote and a backslash escaped in another value; an array element',
  );
  const after = '{"userAgent":"q\\\\","eventSource":"supp\\u006frt.amazonaws.com"}';
  assert.equal(escapeHits(bytes(after)), [after.lastIndexOf('\\')], 'an escaped backslash ends its string; the next escape is in eventSource');
  const long = `{"requestParameters":{"doc":"${'a\\n'.repeat(50000)}"},"eventSource":"support\\u002eamazonaws.com"}`;
  assert.equal(escapeHits(bytes(long)), [long.lastIndexOf('\\')], 'a long string full of escapes');
});

test('scan() finds an event source hidden by JSON escapes with the prefilter, as the full parse does', async () => {
  const root = tempDir();
  const text = trailFile([
    ec2Record(),
    record({ eventID: 'v' }),
    ec2Record({ userAgent: 'support.amazonaws.com' }),
    record({ eventID: 'k' }),
    record({ eventID: 'plain' }),
  ]);
  const escaped = text
    .replace('"eventSource":"support.amazonaws.com"', '"eventSource":"support\\u002eamazonaws.com"')
    .replace('"userAgent":"support.amazonaws.com"', '"userAgent":"support\\u002eamazonaws.com"');
  assert.is(escaped.split('\\u002e').length, 3, 'one escaped source, one escaped decoy');
  put(root, 'a.json', escaped);
  const result = await sameCountsBothWays([root]);
  assert.is(result.records.support, 3);
  // An escaped key and value in one record.
  const both = trailFile([ec2Record(), record({ eventID: 'kv' })]).replace(
    '"eventSource":"support.amazonaws.com"',
    '"event\\u0053ource":"\\u0073upport.amazonaws.com"',
  );
  assert.ok(both.includes('u0053ource'));
  put(root, 'b.json', both);
  assert.is((await sameCountsBothWays([root])).records.support, 4);
});

test('scan() gives identical results with and without the prefilter on the real archives', async () => {
  if (!existsSync(REALDATA)) {
    console.log('  skipped: ../shared/realdata is absent (a fresh clone); CI always has it');
    return;
  }
  const dirs = ['invictus-aws_dataset', 'trailscraper'].map((d) => join(REALDATA, d));
  const result = await sameCountsBothWays(dirs, 'all');
  assert.is(result.records.seen, 2900 + 7);
});

test('NeedleSet.find() finds exactly what a search for each whole needle finds, whatever anchors it picked', () => {
  const naive = (text: Uint8Array, needles: readonly Uint8Array[]) => {
    const found = new Set<number>();
    const buffer = Buffer.from(text);
    for (const n of needles) for (let at = buffer.indexOf(n); at !== -1; at = buffer.indexOf(n, at + 1)) found.add(at);
    return [...found].sort((a, b) => a - b);
  };
  // Seeded texts built from pieces of the needles, so near misses and overlaps are common.
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pieces = [
    '"support',
    '.amazonaws.com"',
    'pport',
    '"trustedadvisor',
    'app',
    'plans',
    '"',
    'x',
    '-console',
    '"supportauthz.amazonaws.com"',
    '"support.amazonaws.com"',
  ];
  for (let round = 0; round < 200; round++) {
    const text = bytes(Array.from({ length: 60 }, () => pieces[Math.floor(next() * pieces.length)]).join(''));
    // A fresh set each round, so the anchors are chosen from this text (its own byte counts).
    const set = sourceNeedles(round % 2 ? ALL_SUPPORT_SOURCES : ['support.amazonaws.com', 'trustedadvisor.amazonaws.com']);
    assert.equal(set.find(text), naive(text, set.needles), `round ${round}`);
    assert.is(set.occursIn(text), naive(text, set.needles).length > 0);
  }
});

test('chooseAnchors() covers every needle once, preferring anchors that start with a byte rare in the text', () => {
  const needles = sourceNeedles(ALL_SUPPORT_SOURCES).needles;
  const sample = bytes(trailFile([ec2Record(), ec2Record(), ec2Record()]));
  const anchors = chooseAnchors(needles, sample);
  const covered = anchors.flatMap((a) => a.uses.map((u) => u.needle));
  assert.is(covered.length, needles.length);
  assert.is(new Set(covered).size, needles.length);
  for (const anchor of anchors) {
    assert.is(anchor.bytes.length, 4);
    assert.not.ok(anchor.bytes[0] === 0x22, 'not the quote every JSON string starts with');
    for (const { needle, offset } of anchor.uses) assert.equal([...needle.subarray(offset, offset + 4)], [...anchor.bytes]);
  }
  assert.ok(anchors.length < needles.length, `shared anchors: ${anchors.length} for ${needles.length} needles`);
  assert.equal(new NeedleSet([bytes('ab')]).find(bytes('xxabxab')), [2, 5], 'a needle shorter than an anchor is its own anchor');
});

test('a compact file with invalid JSON inside a record that is not Support fails as it does without the prefilter', async () => {
  const root = tempDir();
  const good = JSON.stringify(ec2Record({ requestParameters: { n: 1 } }));
  put(root, 'nan.json', `{"Records":[${JSON.stringify(record())},${good.replace('"n":1', '"n":NaN')}]}`);
  put(root, 'bracket.json', `{"Records":[${good.replace('"n":1', '"n":[}')},${JSON.stringify(record())}]}`);
  const fast = await scan([root], { workers: 1 });
  const full = await scan([root], { workers: 1, prefilter: false });
  assert.equal(fast, full);
  assert.equal(fast.files.failed, 2);
  assert.equal(fast.rejects.map((r) => [r.path.slice(root.length + 1), r.stage]), [['bracket.json', 'parse'], ['nan.json', 'parse']]);
  assert.match(fast.rejects[1].reason, /^invalid JSON: /);
});

test('the syntax check notes every string value a source may start, so eventSourceHits() finds the same without a search', () => {
  const needles = sourceNeedles(ALL_SUPPORT_SOURCES);
  const records = [
    record(),
    ec2Record({ userIdentity: { type: 'AWSService', invokedBy: 'support.amazonaws.com' } }),
    ec2Record({ requestParameters: { list: ['support.amazonaws.com', 'trustedadvisor.amazonaws.com'], 'support.amazonaws.com': 1 } }),
    record({ eventSource: 'trustedadvisor.amazonaws.com' }),
    ec2Record({ requestParameters: { text: 'a "support.amazonaws.com" quoted', sup: 'supportive', su: 'su' } }),
    record({ eventSource: 'supportplans.amazonaws.com' }),
  ];
  const compact = bytes(trailFile(records));
  const scanned = compactRecordScan(compact, needles.starts)!;
  assert.ok(scanned.candidates, 'all noted');
  const searched = eventSourceHits(compact, needles);
  assert.is(searched.length, 3, 'the three eventSource values');
  assert.equal(eventSourceHits(compact, needles, undefined, scanned.candidates), searched);
  // Spaces where JSON allows them change nothing (the needles are found after `: `).
  const spaced = bytes(trailFile(records).replaceAll('":"', '" : "'));
  const spacedScan = compactRecordScan(spaced, needles.starts)!;
  assert.equal(eventSourceHits(spaced, needles, undefined, spacedScan.candidates), eventSourceHits(spaced, needles));
});

test('when the syntax check cannot note every candidate, it says so and the bytes are searched', () => {
  const needles = sourceNeedles(['support.amazonaws.com']);
  const big = bytes(trailFile([ec2Record({ requestParameters: { blob: 'x'.repeat(WINDOW) } }), record()]));
  assert.is(compactRecordScan(big, needles.starts)!.candidates, undefined, 'a record longer than the window is checked in JavaScript');
  const many = bytes(trailFile([ec2Record({ requestParameters: { list: Array.from({ length: 9000 }, () => 'support.amazonaws.com') } }), record()]));
  const scanned = compactRecordScan(many, needles.starts)!;
  assert.is(scanned.candidates, undefined, 'more than 8,192 in one record');
  assert.is(scanned.bounds.length, 3);
  assert.is(startsTable([bytes('support')]), undefined, 'a needle that is not a quoted name');
  assert.is(startsTable([bytes('"x"')])![0x78 + 256 * 0x22], 1);
});

test.run();
