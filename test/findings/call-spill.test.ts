import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync } from 'node:fs';
import { CallSpill } from '../../src/findings/call-spill.ts';
import { emptyFindings, type Subject } from '../../src/findings/fold.ts';
import { mergeFindings, settleCalls } from '../../src/findings/merge.ts';
import { withTmpdir } from '../_support/helpers.ts';

const subject = (i: number, at = Date.UTC(2026, 0, 2, 3, i)): Subject => ({
  principal: i % 2 ? 'alice' : 'bøb\ttab\nline "quoted" \u2028',
  principalKey: `IAMUser|111122223333|${i % 2 ? 'alice' : 'bob'}`,
  account: '111122223333',
  eventID: `${String(i).padStart(8, '0')}-1d2a-4b5c-8d9e-0f1a2b3c4d5e`,
  eventTime: Number.isFinite(at) ? new Date(at).toISOString() : 'not a time',
  at,
  caseIds: i % 3 ? [`case-${i}`] : [],
  file: `AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/02/${i % 4}.json.gz`,
});

for (const inMemory of [100, 2]) {
  test(`calls come back as they went in, each kind in order (${inMemory === 2 ? 'on disk' : 'in memory'})`, () => {
    const spill = new CallSpill(inMemory);
    const went: { denied?: string; sets?: string[]; subject: Subject }[] = [];
    for (let i = 0; i < 9; i++) {
      const s = subject(i, i === 4 ? NaN : undefined);
      if (i % 2) {
        spill.denied(`key-${i % 3}`, s);
        went.push({ denied: `key-${i % 3}`, subject: s });
      } else {
        spill.attachment(s, [`as-${i}`, 'as-shared']);
        went.push({ sets: [`as-${i}`, 'as-shared'], subject: s });
      }
    }
    assert.is(spill.count, 9);
    assert.is(spill.onDisk, inMemory === 2);
    const denied = [...spill.drain('denied')];
    assert.equal(denied, went.filter((c) => c.denied !== undefined));
    const attachments = [...spill.drain('attachments')];
    assert.equal(attachments, went.filter((c) => c.sets !== undefined));
    assert.ok(Number.isNaN(attachments[2].subject.at), 'an unreadable instant stays NaN');
    assert.is(spill.onDisk, false, 'the files are removed once drained');
    assert.equal([...spill.drain('denied')], []);
  });
}

test('a merged partial that kept its calls aside is, once settled, the partial merged without it', async () => {
  const parts = [0, 1, 2].map((p) => {
    const part = emptyFindings();
    for (let i = p * 5; i < p * 5 + 5; i++) {
      const key = `key-${i % 3}`;
      part.denied.set(key, [...(part.denied.get(key) ?? []), subject(i)]);
      part.attachments.push({ subject: subject(100 + i), sets: [`as-${i}`] });
    }
    return part;
  });
  const plain = emptyFindings();
  const spilled = emptyFindings();
  await withTmpdir((temp) => {
    const spill = new CallSpill(3);
    spilled.calls = spill;
    for (const part of parts) {
      mergeFindings(plain, structuredClone(part));
      mergeFindings(spilled, structuredClone(part));
    }
    assert.is(spilled.denied.size, 0, 'nothing held while merging');
    assert.ok(spill.onDisk);
    assert.is(readdirSync(temp).length, 2, 'a temp folder for each kind');
    settleCalls(spilled, 'denied');
    settleCalls(spilled, 'attachments');
    assert.equal(readdirSync(temp), [], 'the temp folders are removed');
  });
  assert.equal([...spilled.denied.keys()], [...plain.denied.keys()]);
  assert.equal(spilled.denied, plain.denied);
  assert.equal(spilled.attachments, plain.attachments);
});

test.run();
