import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { aboveFloor, newEventFloor, raiseFloor } from '../../src/reports/event-list.ts';
import { report } from '../../src/reports/job.ts';
import type { SupportRow } from '../../src/types.ts';
import { gz, put, record, tempDir, trailFile } from '../_support/helpers.ts';

const row = (eventTime: string, eventID: string) => ({ eventTime, eventID, file: 'f', archivePath: null, index: 0 }) as unknown as SupportRow;

test('the floor drops nothing until the list holds the limit, then rises to the earliest of the latest', () => {
  const floor = newEventFloor();
  const rows = ['10:00:01', '10:00:03', '10:00:02', '10:00:05', '10:00:04'].map((t, i) => row(`2026-01-05T${t}Z`, `e${i}`));
  assert.is(aboveFloor(rows, floor).length, 5);
  raiseFloor(floor, rows.slice(0, 2), 3);
  assert.is(aboveFloor(rows, floor).length, 5, 'two events of a limit of three: no floor yet');
  const list = [...rows];
  raiseFloor(floor, list, 3);
  assert.equal(list.map((r) => r.eventID), ['e1', 'e4', 'e3'], 'trimmed to the latest three, oldest first');
  assert.is(Number(floor[0]), Date.UTC(2026, 0, 5, 10, 0, 3));
  const kept = aboveFloor([...rows, row('2026-01-05T10:00:03.000Z', 'tie'), row('not a time', 'unparsed')], floor).map((r) => r.eventID);
  assert.equal(kept, ['e1', 'e3', 'e4', 'tie', 'unparsed'], 'an event at the floor and an unparseable time stay (either may be shown)');
});

test('an unparseable time at the floor keeps only unparseable times: they sort after every real one', () => {
  const floor = newEventFloor();
  raiseFloor(floor, [row('x', 'a'), row('y', 'b')], 2);
  assert.equal(aboveFloor([row('2026-01-05T10:00:00Z', 'c'), row('z', 'd')], floor).map((r) => r.eventID), ['d']);
});

test('with the floor rising as files merge, the list is the latest events whatever the worker count, late and repeated events included', async () => {
  const dir = tempDir();
  let n = 0;
  const at = (minute: number) => `2026-01-05T${String(10 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00Z`;
  for (let f = 0; f < 24; f++) {
    const records = Array.from({ length: 12 }, () => record({ eventTime: at(n++ % 200) }));
    put(dir, `a/${String(f).padStart(2, '0')}.json.gz`, gz(trailFile(records)));
  }
  // A late file of old events, one of them a repeat of an event read before.
  const repeat = record({ eventTime: at(199) });
  put(dir, 'a/00.json.gz', gz(trailFile([repeat, record({ eventTime: at(1) })])));
  put(dir, 'z/late.json.gz', gz(trailFile([repeat, record({ eventTime: at(0) }), record({ eventTime: at(199) })])));
  const all = await report([join(dir)], { workers: 1, reports: ['events'], eventLimit: Infinity });
  for (const workers of [1, 2, 4]) {
    const seven = await report([dir], { workers, reports: ['events'], eventLimit: 7 });
    assert.equal(seven.reports.get('events')!.rows, [...all.reports.get('events')!.rows].slice(-7), `${workers} workers`);
    assert.equal(seven.records, all.records);
  }
});

test.run();
