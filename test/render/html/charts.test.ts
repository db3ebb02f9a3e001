/** The charts: their specs from the report tables, and the SVG Vega draws from them (escaped, checked). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { activitySpec, timelineSpec } from '../../../src/render/html/chart-specs.ts';
import { assertSafeSvg, toSvg } from '../../../src/render/html/charts.ts';
import { timelineOf, windowEnd } from '../../../src/render/html/timeline.ts';
import { chartText } from '../../../src/render/html/escape.ts';
import { HOSTILE } from '../../_support/hostile-fixture.ts';

const at = (iso: string) => Date.parse(iso);

test('activity bars are hours over up to three days, then days, months (up to six years) and years', () => {
  const unit = (last: string) =>
    (activitySpec([{ hour: '2026-01-01T00:00:00Z', category: 'other', count: 1 }, { hour: last, category: 'other', count: 1 }])!.encoding as {
      x: { timeUnit: string };
    }).x.timeUnit;
  assert.is(unit('2026-01-04T00:00:00Z'), 'utcyearmonthdatehours');
  assert.is(unit('2026-01-04T01:00:00Z'), 'utcyearmonthdate');
  assert.is(unit('2026-04-03T00:00:00Z'), 'utcyearmonthdate');
  assert.is(unit('2026-04-04T00:00:00Z'), 'utcyearmonth');
  assert.is(unit('2032-01-01T00:00:00Z'), 'utcyearmonth');
  assert.is(unit('2033-01-01T00:00:00Z'), 'utcyear');
  assert.is(activitySpec([]), null);
});

test('a case bar runs from opened to resolved, else to the end of the window (--until, or the last event)', () => {
  const cases = [
    { caseId: 'a', status: 'resolved', openedAt: '2026-01-01T10:00:00Z', resolvedAt: '2026-01-01T12:00:00Z', flags: 'opened-by-root resolved-by-root' },
    { caseId: 'b', status: 'reopened', openedAt: '2026-01-01T11:00:00Z', resolvedAt: '2026-01-01T12:00:00Z', flags: '' },
    { caseId: 'c', status: 'unknown', openedAt: null, firstSeen: '2026-01-01T11:30:00Z', flags: '' },
  ];
  const end = windowEnd(undefined, [{ lastSeen: '2026-01-01T13:00:00Z' }, { lastSeen: '2026-01-01T12:30:00Z' }]);
  assert.is(end, at('2026-01-01T13:00:00Z'));
  assert.is(windowEnd(at('2026-02-01T00:00:00Z'), [{ lastSeen: '2026-01-01T13:00:00Z' }]), at('2026-02-01T00:00:00Z'));
  const timeline = timelineOf(cases, [], end, 2);
  assert.equal(timeline.cases, [
    { label: '1. b', status: 'reopened', start: at('2026-01-01T11:00:00Z'), end },
    { label: '2. c', status: 'unknown', start: at('2026-01-01T11:30:00Z'), end },
  ]);
  assert.is(timeline.left, 1, 'the earliest case is left to the table');
  const all = timelineOf(cases, [], end, 40);
  assert.equal(all.cases[0].end, at('2026-01-01T12:00:00Z'));
  assert.equal(all.marks, [{ label: '1. a', at: at('2026-01-01T10:00:00Z'), kind: 'opened by root' }, {
    label: '1. a',
    at: at('2026-01-01T12:00:00Z'),
    kind: 'resolved by root',
  }]);
});

test('chart labels: controls visible, long ids cut in the middle so their distinct ends stay', () => {
  assert.is(chartText('case-111122223333-muen-2026-d190535d14e98f99', 30), 'case-1111222233…90535d14e98f99');
  assert.is(chartText('a\u202eb'), 'a\\u202eb');
});

test('Vega draws hostile labels as escaped text, and assertSafeSvg refuses script, handlers and links', async () => {
  const start = at('2026-03-01T09:00:00Z');
  const spec = timelineSpec([{ label: `1. ${HOSTILE.caseId}`, status: 'open', start, end: start + 3_600_000 }], [{
    label: `1. ${HOSTILE.caseId}`,
    at: start,
    kind: 'finding',
  }]);
  const svg = await toSvg(spec!);
  assert.match(svg, /^<svg /);
  assert.ok(svg.includes('1. case-&lt;img src=x onerror='), 'the label is text');
  assert.not.match(svg, /<img|<script/);
  for (const bad of ['<svg><script>x</script></svg>', '<svg onload="x">', '<svg><a href="javascript:x">', '<svg><foreignObject>', '<p>']) {
    assert.throws(() => assertSafeSvg(bad), /internal error: a chart's SVG holds/, bad);
  }
});

test.run();
