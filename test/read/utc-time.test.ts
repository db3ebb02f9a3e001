import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hasRealDate, isCalendarDate, utcInstant } from '../../src/read/utc-time.ts';

test('utcInstant() reads CloudTrail timestamps as Date.parse does, fractions to the millisecond', () => {
  for (const t of ['2026-01-05T10:20:00Z', '2024-02-29T00:00:00Z', '2026-01-05T10:20:00.123Z', '1999-12-31T23:59:59Z']) {
    assert.is(utcInstant(t), Date.parse(t), t);
  }
  assert.is(utcInstant('2026-01-05T10:20:00.123456789Z'), Date.parse('2026-01-05T10:20:00.123Z'));
});

test('utcInstant() has no instant for a date that does not exist, where Date.parse rolls over', () => {
  for (
    const t of [
      '2026-02-30T08:00:00Z',
      '2026-02-29T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-01-05T24:00:00Z',
      '2026-01-05T10:60:00Z',
      '2026-01-05T10:20:00',
      'yesterday',
    ]
  ) {
    assert.is(utcInstant(t), undefined, t);
  }
  assert.is(new Date(Date.parse('2026-02-30T08:00:00Z')).toISOString(), '2026-03-02T08:00:00.000Z', 'what Date.parse does');
});

test('utcInstant() places a leap second at the last millisecond of its minute', () => {
  assert.ok(Number.isNaN(Date.parse('2016-12-31T23:59:60Z')), 'what Date.parse does');
  assert.is(utcInstant('2016-12-31T23:59:60Z'), Date.parse('2016-12-31T23:59:59.999Z'));
});

test('hasRealDate() agrees with utcInstant() on the date of a CloudTrail timestamp', () => {
  for (const t of ['2026-01-05T10:20:00Z', '2024-02-29T00:00:00Z', '2026-02-28T00:00:00Z', '2026-12-31T23:59:60Z']) assert.ok(hasRealDate(t), t);
  for (const t of ['2026-02-30T08:00:00Z', '2026-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '1900-02-29T00:00:00Z', '2026-01-00T00:00:00Z', 'yesterday']) {
    assert.not.ok(hasRealDate(t), t);
  }
});

test('isCalendarDate() knows month lengths and leap years, century rules included', () => {
  assert.ok(isCalendarDate(2024, 2, 29));
  assert.not.ok(isCalendarDate(2026, 2, 29));
  assert.not.ok(isCalendarDate(1900, 2, 29));
  assert.ok(isCalendarDate(2000, 2, 29));
  assert.not.ok(isCalendarDate(2026, 6, 31));
  assert.ok(isCalendarDate(2026, 12, 31));
  assert.not.ok(isCalendarDate(2026, 0, 1));
});

test.run();
