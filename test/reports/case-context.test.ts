/**
 * The report's cases under a filter: built from every record (the filtered-out ones folded as
 * context on the workers), shown when a call passes the filter, and each event counted once even
 * when it is repeated across files, kept on one side and filtered out on the other.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { report } from '../../src/reports/job.ts';
import type { RowFilter } from '../../src/rows/filter.ts';
import { CASE_A, EXPECTED_CASES, storyRecords, writeStoryArchive } from '../_support/case-stories.ts';
import { put, tempDir, trailFile } from '../_support/helpers.ts';

const casesOf = async (paths: string[], filter: RowFilter, workers: number) => {
  const doc = await report(paths, { filter, reports: ['cases', 'actions'], workers });
  return { cases: [...doc.reports.get('cases')!.rows], records: doc.records };
};

test('cases --principal root: the case root resolved, with every fact of the unfiltered archive, for 1 or 2 workers', async () => {
  const root = tempDir();
  writeStoryArchive(root);
  for (const workers of [1, 2]) {
    const { cases, records } = await casesOf([root], { principals: ['root'] }, workers);
    assert.equal(cases, [EXPECTED_CASES[0]], `workers ${workers}`);
    assert.equal([records.support, records.excluded], [1, 15]);
  }
});

test('an event repeated in another file counts once in the case, whether the repeat is kept or filtered out', async () => {
  const root = tempDir();
  writeStoryArchive(root);
  // A copy of case A's reply from jdoe (e07, 10:31) and of root's resolve (e16), as an overlapping download would have.
  const repeats = storyRecords().filter((r) => r.eventID === 'e07' || r.eventID === 'e16');
  put(root, 'zz-overlap/extra.json', trailFile(repeats));
  for (const filter of [{ principals: ['root'] }, { since: Date.parse('2026-01-05T10:31:00Z') }, {}]) {
    const { cases, records } = await casesOf([root], filter, 2);
    const a = cases.find((c) => c.caseId === CASE_A);
    assert.equal(a, EXPECTED_CASES[0], JSON.stringify(filter));
    assert.is(records.seen, 18, JSON.stringify(filter));
  }
});

test('no filter: no context is folded and every case is shown', async () => {
  const root = tempDir();
  writeStoryArchive(root);
  const { cases, records } = await casesOf([root], {}, 1);
  assert.equal(cases, EXPECTED_CASES);
  assert.equal([records.support, records.excluded], [16, 0]);
});

test.run();
