import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sightingsOf } from '../../src/cases/novelty.ts';
import { toLogFile } from '../../src/read/discover.ts';
import { toSupportRow } from '../../src/rows/support-row.ts';
import { record } from '../_support/helpers.ts';

const FILE = toLogFile('n.json', 1);
const at = (id: string, time: string, ip: string, ua = 'aws-cli/2.15.0', extra: Record<string, unknown> = {}) =>
  toSupportRow(record({ eventID: id, eventTime: `2026-01-05T${time}Z`, sourceIPAddress: ip, userAgent: ua, ...extra }), FILE, 0);
const judged = (rows: ReturnType<typeof at>[]) => {
  const s = sightingsOf(rows);
  return rows.map((r) => [r.eventID, s.get(r)!.newSourceIP, s.get(r)!.newUserAgent]);
};

test('sightingsOf() flags an IP or user agent the principal had not used in an earlier second', () => {
  const rows = [
    at('1', '09:00:00', '192.0.2.1'),
    at('2', '10:00:00', '192.0.2.1'),
    at('3', '11:00:00', '192.0.2.9'),
    at('4', '12:00:00', '192.0.2.9', 'Boto3/1.34'),
  ];
  assert.equal(judged(rows), [['1', false, false], ['2', false, false], ['3', true, false], ['4', false, true]]);
});

test('sightingsOf() does not judge the first second of a principal, nor rows of the same second against each other', () => {
  const rows = [at('b', '09:00:00', '192.0.2.2'), at('a', '09:00:00', '192.0.2.1'), at('c', '09:00:01', '192.0.2.2')];
  assert.equal(judged(rows), [['b', false, false], ['a', false, false], ['c', false, false]]);
  assert.equal(judged([...rows].reverse()), judged(rows).reverse(), 'the same answers whatever the input order');
});

test('sightingsOf() orders by instant: a fraction is after its whole second, the same instant written twice is one', () => {
  // '09:00:00.500' sorts before '09:00:00' as text, and '09:00:00.000' is another text for 09:00:00.
  const rows = [at('a', '09:00:00', '192.0.2.1'), at('b', '09:00:00.000', '192.0.2.2'), at('c', '09:00:00.500', '192.0.2.3')];
  assert.equal(judged(rows), [['a', false, false], ['b', false, false], ['c', true, false]]);
  assert.equal(judged([...rows].reverse()), judged(rows).reverse());
});

test('sightingsOf() keeps principals of the same name in different accounts apart', () => {
  const root = (account: string) => ({ userIdentity: { type: 'Root', accountId: account, arn: `arn:aws:iam::${account}:root` }, recipientAccountId: account });
  const rows = [
    at('1', '09:00:00', '192.0.2.1', 'ua', root('111122223333')),
    at('2', '10:00:00', '192.0.2.7', 'ua', root('444455556666')),
    at('3', '11:00:00', '192.0.2.7', 'ua', root('111122223333')),
  ];
  assert.equal(judged(rows), [['1', false, false], ['2', false, false], ['3', true, false]]);
});

test.run();
