/** The activity report: one row per UTC hour and category, whose counts add up to the Support events. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { report } from '../../src/reports/job.ts';
import { hostileFixture } from '../_support/hostile-fixture.ts';
import { SAMPLES } from '../_support/helpers.ts';

test('activity rows are hours x categories, in order, counting each event once', async () => {
  const doc = await report([hostileFixture().root], { workers: 1, reports: ['activity'] });
  assert.equal(doc.reports.get('activity')!.rows, [
    { hour: '2026-03-01T09:00:00Z', category: 'case-management', count: 2, errors: 1, principals: 1 },
    { hour: '2026-03-01T10:00:00Z', category: 'case-management', count: 1, errors: 0, principals: 1 },
    { hour: '2026-03-01T10:00:00Z', category: 'trusted-advisor', count: 1, errors: 0, principals: 1 },
    { hour: '2026-03-01T11:00:00Z', category: 'case-management', count: 1, errors: 0, principals: 1 },
  ]);
});

test('on samples/, activity adds up to the Support events, and per category to the actions report', async () => {
  const doc = await report([SAMPLES], { workers: 2 });
  const sumBy = (name: 'activity' | 'actions') => {
    const by = new Map<string, number>();
    for (const r of doc.reports.get(name)!.rows) by.set(String(r.category), (by.get(String(r.category)) ?? 0) + Number(r.count));
    return [...by].sort();
  };
  const total = sumBy('activity').reduce((n, [, c]) => n + c, 0);
  assert.is(total, doc.records.support);
  assert.is(total, 89);
  assert.equal(sumBy('activity'), sumBy('actions'));
});

test.run();
