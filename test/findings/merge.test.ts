import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { emptyFindings, noteFirstUse, type Subject } from '../../src/findings/fold.ts';
import { mergeFindings } from '../../src/findings/merge.ts';

const subject = (eventID: string, at: number): Subject => ({
  principal: 'alice',
  principalKey: 'IAMUser|111122223333|alice',
  account: '111122223333',
  eventID,
  eventTime: new Date(at).toISOString().slice(0, 19) + 'Z',
  at,
  caseIds: ['case-111122223333-abcd-2026-0000000000000001'],
  file: 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/02/a.json.gz',
});

test("a worker's subjects become this thread's: one copy each, equal to the original", () => {
  const from = emptyFindings();
  const probe = subject('0b0f0c3e-1d2a-4b5c-8d9e-0f1a2b3c4d5e', Date.UTC(2026, 0, 2, 3));
  // The same call denied and a first use in one partial, as the worker folds it.
  from.denied.set('alice', [probe, subject('1b0f0c3e-1d2a-4b5c-8d9e-0f1a2b3c4d5e', Date.UTC(2026, 0, 2, 4))]);
  noteFirstUse(from, 'ip', '198.51.100.7', probe);
  from.attachments.push({ subject: subject('2b0f0c3e-1d2a-4b5c-8d9e-0f1a2b3c4d5e', Date.UTC(2026, 0, 2, 5)), sets: ['as-1'] });
  const cloned = structuredClone(from);
  const into = emptyFindings();
  mergeFindings(into, cloned);
  const [first, second] = into.denied.get('alice')!;
  assert.equal(first, probe);
  assert.equal(second.eventID, '1b0f0c3e-1d2a-4b5c-8d9e-0f1a2b3c4d5e');
  assert.is([...into.firstUses.values()][0].subject, first, 'a subject shared within the partial stays one object');
  assert.is.not(first, cloned.denied.get('alice')![0], "a new object, of this thread's one shape");
  assert.equal(into.attachments, from.attachments);
  // Merged again, as from another worker: its calls are added as calls of their own.
  mergeFindings(into, structuredClone(from));
  assert.is(into.denied.get('alice')!.length, 4);
  assert.equal(into.denied.get('alice')![2], probe);
  assert.is.not(into.denied.get('alice')![2], first);
});

test.run();
