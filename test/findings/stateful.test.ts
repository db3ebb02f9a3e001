import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Subject } from '../../src/findings/fold.ts';
import { deniedBursts } from '../../src/findings/stateful.ts';
import { fingerprintOf } from '../../src/findings/finish.ts';

const call = (id: string, time: string): Subject => ({
  principal: 'eve',
  principalKey: 'k',
  account: 'a',
  eventID: id,
  eventTime: time,
  at: Date.parse(time),
  caseIds: [],
  file: 'f',
});
const minutes = (list: number[]) => list.map((m, i) => call(`e${String(i).padStart(2, '0')}`, new Date(Date.UTC(2026, 0, 1, 12, 0, m * 60)).toISOString()));

test('deniedBursts(): 10 denials within 5 minutes make a burst; every denial inside a bursting window counts', () => {
  assert.equal(deniedBursts(minutes([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5])).length, 10);
  assert.equal(deniedBursts(minutes([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4])).length, 0);
  // Ten within 5 minutes, then three more an hour later: only the ten.
  const ids = deniedBursts(minutes([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 65, 66, 67])).map((s) => s.eventID);
  assert.equal(ids, ['e00', 'e01', 'e02', 'e03', 'e04', 'e05', 'e06', 'e07', 'e08', 'e09']);
  // Spread over 45 minutes: never 10 in a window.
  assert.equal(deniedBursts(minutes([0, 5, 10, 15, 20, 25, 30, 35, 40, 45])).length, 0);
  // A time that cannot be read is not judged.
  assert.equal(deniedBursts([...minutes([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4]), { ...call('x', 'not a time'), at: Infinity }]).length, 0);
});

test('fingerprintOf() hashes what the finding is about, not when: a case-level finding by rule and case only', () => {
  const g = { ruleId: 'r', principalKey: 'k', account: 'a', groupKey: '' };
  assert.is(fingerprintOf(g), fingerprintOf({ ...g }));
  assert.is.not(fingerprintOf(g), fingerprintOf({ ...g, account: 'b' }));
  assert.is.not(fingerprintOf(g), fingerprintOf({ ...g, groupKey: 'ip:1.2.3.4' }));
  const caseLevel = { ruleId: 'r', principalKey: '', account: 'a b', groupKey: 'case-1' };
  assert.is(fingerprintOf(caseLevel), fingerprintOf({ ...caseLevel, account: 'a b c' }));
  assert.match(fingerprintOf(g), /^[0-9a-f]{32}$/);
});

test.run();
