import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { emptyCaseState } from '../../src/cases/build-cases.ts';
import { addMatch, emptyFindings, type Subject } from '../../src/findings/fold.ts';
import { finishFindings } from '../../src/findings/finish.ts';
import type { RuleInfo } from '../../src/findings/stateful-rules.ts';

const subject = (eventID: string, minute: number, principal: string, caseIds: string[] = []): Subject => ({
  principal,
  principalKey: `IAMUser|111122223333|${principal}`,
  account: '111122223333',
  eventID,
  eventTime: `2026-01-02T03:${String(minute).padStart(2, '0')}:00Z`,
  at: Date.UTC(2026, 0, 2, 3, minute),
  caseIds,
  file: `AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/02/${minute % 2}.json.gz`,
});

const rule = (id: string, title: string): RuleInfo => ({
  id,
  title,
  description: '',
  level: 'high',
  references: [],
  tags: [],
  author: null,
  file: 'test.yml',
});

test('finishFindings() makes one finding per group, sorted, and uses the groups up', () => {
  const partial = emptyFindings();
  addMatch(partial, 'r1', subject('e3', 3, 'bob', ['case-2', 'case-1']));
  addMatch(partial, 'r1', subject('e1', 1, 'bob', ['case-1']));
  addMatch(partial, 'r1', subject('e2', 2, 'alice'));
  addMatch(partial, 'r2', subject('e4', 4, 'alice'));
  addMatch(partial, 'unknown rule', subject('e5', 5, 'alice'));
  const rules = new Map([['r1', rule('r1', 'B rule')], ['r2', rule('r2', 'A rule')]]);
  const findings = finishFindings(partial, emptyCaseState(), rules);
  assert.equal(findings.map((f) => [f.title, f.principal, f.count]), [['A rule', 'alice', 1], ['B rule', 'alice', 1], ['B rule', 'bob', 2]]);
  const bob = findings[2];
  assert.equal([...bob.eventIDs], ['e1', 'e3']);
  assert.equal(bob.caseIds, ['case-1', 'case-2']);
  assert.equal(bob.files, ['AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/02/1.json.gz']);
  assert.equal([bob.firstSeen, bob.lastSeen], ['2026-01-02T03:01:00Z', '2026-01-02T03:03:00Z']);
  assert.is(partial.groups.size, 0, "the groups are dropped as their findings are made, the unknown rule's too");
});

test.run();
