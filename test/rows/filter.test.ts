import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fileMayMatch, keepsRow, parseTimeBound } from '../../src/rows/filter.ts';
import { toLogFile } from '../../src/read/discover.ts';
import { toSupportRow } from '../../src/rows/support-row.ts';
import { RunError } from '../../src/errors.ts';
import { record } from '../_support/helpers.ts';

const at = (iso: string) => Date.parse(iso);
const fileAt = (stamp: string) => toLogFile(`AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/111122223333_CloudTrail_us-east-1_${stamp}_a.json.gz`, 1);
const row = (overrides: Record<string, unknown> = {}) => toSupportRow(record(overrides), fileAt('20260105T1020Z'), 0);

test('parseTimeBound() reads dates, date-times and offsets; a bare --until date covers its day', () => {
  assert.is(parseTimeBound('2026-01-05', 'since'), at('2026-01-05T00:00:00Z'));
  assert.is(parseTimeBound('2026-01-05', 'until'), at('2026-01-06T00:00:00Z'));
  assert.is(parseTimeBound('2026-01-05T10:00:00', 'since'), at('2026-01-05T10:00:00Z'));
  assert.is(parseTimeBound('2026-01-05T12:00:00+02:00', 'since'), at('2026-01-05T10:00:00Z'));
});

test('parseTimeBound() names the flag and value when the date is not ISO', () => {
  assert.throws(
    () => parseTimeBound('yesterday', 'since'),
    (e: unknown) => e instanceof RunError && e.message === '--since "yesterday" is not an ISO date (YYYY-MM-DD) or date-time' && e.exitCode === 2,
  );
});

test('keepsRow() applies time bounds (since inclusive, until exclusive) and value lists', () => {
  const r = row();
  assert.is(keepsRow({ since: at('2026-01-05T10:15:00Z') }, r), true);
  assert.is(keepsRow({ until: at('2026-01-05T10:15:00Z') }, r), false);
  assert.is(keepsRow({ accounts: ['444455556666'] }, r), false);
  assert.is(keepsRow({ accounts: ['444455556666', '111122223333'], regions: ['us-east-1'] }, r), true);
  assert.is(keepsRow({ eventNames: ['ResolveCase'] }, r), false);
  assert.is(keepsRow({ principals: ['janedoe'] }, r), true);
  assert.is(keepsRow({ principals: ['arn:aws:iam::111122223333:user/janedoe'] }, r), true);
  assert.is(keepsRow({ principals: ['root'] }, r), false);
});

test('parseTimeBound() refuses a date that does not exist instead of rolling it over', () => {
  assert.throws(
    () => parseTimeBound('2026-02-30', 'since'),
    (e: unknown) => e instanceof RunError && e.message === '--since "2026-02-30" is not a real date (2026-02-30 does not exist)' && e.exitCode === 2,
  );
  assert.throws(() => parseTimeBound('2026-04-31T10:00:00Z', 'until'), /not a real date/);
  assert.is(parseTimeBound('2024-02-29', 'since'), at('2024-02-29T00:00:00Z'), 'a leap day');
});

test('keepsRow() keeps a leap-second event inside its window (Date.parse cannot place 23:59:60)', () => {
  const leap = row({ eventTime: '2016-12-31T23:59:60Z' });
  assert.is(keepsRow({ since: at('2016-12-31T00:00:00Z'), until: at('2017-01-01T00:00:00Z') }, leap), true);
  assert.is(keepsRow({ since: at('2017-01-01T00:00:00Z') }, leap), false);
});

test('fileMayMatch() skips files delivered more than an hour outside the window', () => {
  const f = fileAt('20260105T1020Z');
  assert.is(fileMayMatch({}, f), true);
  assert.is(fileMayMatch({ since: at('2026-01-05T11:00:00Z') }, f), true, 'within the hour of slack');
  assert.is(fileMayMatch({ since: at('2026-01-05T11:30:00Z') }, f), false);
  assert.is(fileMayMatch({ until: at('2026-01-05T09:30:00Z') }, f), true, 'events can precede delivery');
  assert.is(fileMayMatch({ until: at('2026-01-05T09:00:00Z') }, f), false);
  assert.is(fileMayMatch({ since: at('2030-01-01T00:00:00Z') }, toLogFile('elsewhere/events.json', 1)), true, 'no date in the path: always read');
});

test.run();
