import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync } from 'node:fs';
import { type CaseEvent, toCaseEvent } from '../../src/cases/case-events.ts';
import { decodeEvent, encodeEvent, TextTable } from '../../src/cases/case-codec.ts';
import { SetLinks, SetOnlySpill } from '../../src/cases/set-only-spill.ts';
import { toLogFile } from '../../src/read/discover.ts';
import { toSupportRow } from '../../src/rows/support-row.ts';
import { record, withTmpdir } from '../_support/helpers.ts';

/** An AddAttachmentsToSet call (hidden: dropped by the filters) with texts JSON must escape. */
function setCall(i: number, hidden: boolean): CaseEvent {
  const raw = record({
    eventID: `e${i}`,
    eventTime: `2026-01-02T03:0${i}:00Z`,
    eventName: 'AddAttachmentsToSet',
    userAgent: i % 2 ? 'agent\ttab\nline "quoted" \u2028' : 'aws-cli/2',
    requestParameters: i % 3 ? { attachmentSetId: `set-${i}` } : {},
    responseElements: { attachmentSetId: `set-${i}` },
  });
  const row = toSupportRow(raw, toLogFile(`AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/02/${i % 2}.json.gz`, 1), i);
  return toCaseEvent(row, raw, hidden)!;
}

test('a call round-trips through its array and JSON: every field, hidden only when it was', () => {
  const table = new TextTable();
  for (const hidden of [false, true]) {
    const event = setCall(1, hidden);
    assert.is(event.row.userAgent, 'agent\ttab\nline "quoted" \u2028');
    const back = decodeEvent(JSON.parse(JSON.stringify(encodeEvent(event, table))), table);
    assert.equal(back, event);
    assert.equal(Object.keys(back), Object.keys(event), 'the same fields, none added as undefined');
    assert.equal(Object.keys(back.row), Object.keys(event.row), 'the row in the same field order');
  }
});

for (const inMemory of [100, 2]) {
  test(`set-only calls come back in the order they went in (${inMemory === 2 ? 'on disk' : 'in memory'}), and their file goes`, () =>
    withTmpdir((temp) => {
      const spill = new SetOnlySpill(inMemory);
      const went = Array.from({ length: 7 }, (_, i) => setCall(i, i === 4));
      for (const event of went) spill.add(event);
      assert.is(spill.count, 7);
      assert.is(spill.onDisk, inMemory === 2);
      assert.equal(readdirSync(temp).length, inMemory === 2 ? 1 : 0);
      assert.equal([...spill.drain()], went);
      assert.is(spill.onDisk, false);
      assert.equal(readdirSync(temp), [], 'its folder removed once drained');
      assert.equal([...spill.drain()], [], 'drained once');
    }));
}

test('remove() empties a set-only spill on disk and removes its folder', () =>
  withTmpdir((temp) => {
    const spill = new SetOnlySpill(0);
    spill.add(setCall(2, false));
    assert.equal(readdirSync(temp).length, 1);
    spill.remove();
    assert.equal(readdirSync(temp), []);
    assert.equal([...spill.drain()], []);
  }));

test('set links come back as added, in memory and on disk, texts JSON must escape included; their folder goes when drained', () =>
  withTmpdir((temp) => {
    const links: [string, string][] = [['set-1', 'case-a'], ['set\t"2"\n', 'case-\u2028b'], ['set-1', 'case-c']];
    const held = new SetLinks(10);
    for (const link of links) held.add(link);
    assert.is(held.onDisk, false);
    assert.equal([...held.drain()], links);
    const aside = new SetLinks(1);
    for (const link of links) aside.add(link);
    assert.is(aside.onDisk, true);
    assert.equal(readdirSync(temp).length, 1);
    assert.equal([...aside.drain()], links);
    assert.equal(readdirSync(temp), []);
  }));

test.run();
