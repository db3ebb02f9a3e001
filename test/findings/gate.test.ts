import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RunError } from '../../src/errors.ts';
import type { RuleFinding } from '../../src/findings/finding.ts';
import { baselineFingerprints, gateFailures, markNew, parseFailOn, problemReasons } from '../../src/findings/gate.ts';

const finding = (level: RuleFinding['level'], ruleId: string, fingerprint: string): RuleFinding => ({
  ruleId,
  title: `rule ${ruleId}`,
  level,
  principal: 'p',
  account: '111122223333',
  caseIds: [],
  eventIDs: ['e'],
  firstSeen: '2026-01-01T00:00:00Z',
  lastSeen: '2026-01-01T00:00:00Z',
  count: 1,
  fingerprint,
});
const none = { 'failed-files': 0, 'rejected-records': 0, duplicates: 0, empty: 0 };
const errorOf = (run: () => unknown): string => {
  try {
    run();
  } catch (err) {
    assert.instance(err, RunError);
    return (err as Error).message;
  }
  throw new Error('no error');
};

test('parseFailOn() sorts levels (the lowest wins), problem classes and known rule ids; anything else is a usage error', () => {
  assert.equal(parseFailOn(['high', 'medium', 'duplicates', 'r1'], new Set(['r1'])), { level: 'medium', ruleIds: ['r1'], problems: ['duplicates'] });
  assert.equal(parseFailOn([], new Set()), { ruleIds: [], problems: [] });
  assert.match(errorOf(() => parseFailOn(['hihg'], new Set(['r1']))), '--fail-on "hihg" is not a level');
});

test('gateFailures(): a finding at or above the level, of a named rule, or a problem class fails; below passes', () => {
  const findings = [finding('medium', 'r1', 'a'), finding('low', 'r2', 'b')];
  assert.equal(gateFailures(parseFailOn(['high'], new Set()), findings, none), []);
  assert.equal(gateFailures(parseFailOn(['critical'], new Set()), findings, none), []);
  assert.equal(gateFailures(parseFailOn(['medium'], new Set()), findings, none), ['1 finding at or above medium']);
  assert.equal(gateFailures(parseFailOn(['informational'], new Set()), findings, none), ['2 findings at or above informational']);
  assert.equal(gateFailures(parseFailOn(['r2'], new Set(['r2'])), findings, none), ['1 finding of rule r2 (rule r2)']);
  assert.equal(gateFailures(parseFailOn(['failed-files', 'empty'], new Set()), [], { ...none, empty: 1 }), ['empty: 1']);
  assert.equal(gateFailures(parseFailOn(['duplicates'], new Set()), [], { ...none, duplicates: 3 }), ['duplicates: 3']);
});

test('problemReasons(): each class the run had, in the order asked; duplicates split into records and files when files are among them', () => {
  const counts = { 'failed-files': 2, 'rejected-records': 0, duplicates: 13, duplicateFiles: 10, empty: 0 };
  assert.equal(problemReasons(['duplicates', 'rejected-records', 'failed-files'], counts), [
    'duplicates: 13 (3 records repeating an eventID read before, 10 files copying a file read before)',
    'failed-files: 2',
  ]);
  assert.equal(problemReasons(['duplicates'], { ...counts, duplicates: 2, duplicateFiles: 1 }), [
    'duplicates: 2 (1 record repeating an eventID read before, 1 file copying a file read before)',
  ]);
  assert.equal(problemReasons(['duplicates'], { ...counts, duplicates: 4, duplicateFiles: 0 }), ['duplicates: 4']);
  assert.equal(gateFailures(parseFailOn(['duplicates'], new Set()), [], counts), [
    'duplicates: 13 (3 records repeating an eventID read before, 10 files copying a file read before)',
  ]);
});

test('a baseline: findings it has are not new and do not count; new ones do', () => {
  const findings = markNew([finding('high', 'r1', 'a'), finding('medium', 'r2', 'b')], new Set(['a']));
  assert.equal(findings.map((f) => f.new), [false, true]);
  assert.equal(gateFailures(parseFailOn(['high'], new Set()), findings, none), []);
  assert.equal(gateFailures(parseFailOn(['medium'], new Set()), findings, none), ['1 finding at or above medium (1 in the baseline not counted)']);
});

test('baselineFingerprints() reads a previous JSON and names what is wrong with a bad one', () => {
  assert.equal([...baselineFingerprints(JSON.stringify({ findings: [{ fingerprint: 'a' }, { fingerprint: 'b' }] }), 'b.json')], ['a', 'b']);
  assert.match(errorOf(() => baselineFingerprints('{', 'b.json')), '--baseline b.json: not JSON');
  assert.match(errorOf(() => baselineFingerprints('{"records":{}}', 'b.json')), 'no "findings" array');
  assert.match(errorOf(() => baselineFingerprints('{"findings":[{}]}', 'b.json')), 'findings[0] has no fingerprint');
});

test.run();
