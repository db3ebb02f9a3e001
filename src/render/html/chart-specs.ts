/**
 * The Vega-Lite specifications of the report's two charts, built from the report tables (pure; no
 * Vega here, so this loads on any path). Times go in as epoch milliseconds on UTC scales, so the
 * charts are the same whatever the viewer's or the writer's time zone. Labels from records pass
 * through chartText (controls visible, cut short); the SVG writer escapes markup.
 */
import { SUPPORT_CATEGORIES } from '../../rows/category.ts';
import { eventInstant } from '../../rows/time-order.ts';
import { chartText } from './escape.ts';

/** Width of a chart's plot in CSS pixels: an A4 page's text width in print. */
export const CHART_WIDTH = 640;

/** At most this many cases in the timeline (the latest opened); the cases table lists them all. */
export const TIMELINE_CASES = 40;

// Colour-blind-safe (Okabe-Ito), one per category and per status, fixed so a colour means the same in every report.
const CATEGORY_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#999999'];
export const CASE_STATUSES = ['open', 'reopened', 'resolved', 'unknown'] as const;
const STATUS_COLOURS = ['#D55E00', '#E69F00', '#009E73', '#999999'];
export const CASE_MARKS = ['opened by root', 'resolved by root', 'finding'] as const;
export type CaseMarkKind = (typeof CASE_MARKS)[number];

type Spec = Record<string, unknown>;

const CONFIG = { font: 'sans-serif', background: 'white', view: { stroke: '#ccc' }, axis: { labelFontSize: 10, titleFontSize: 11 } };

/** One row of the `activity` report, as the chart reads it. */
export interface ActivityPoint {
  readonly hour: string;
  readonly category: string;
  readonly count: number;
}

const DAY_MS = 86_400_000;

/**
 * The bar a span of time is drawn with: hours up to three days, days up to three months, months up
 * to six years, years beyond, so bars stay wide enough to see (one day of four years is a pixel).
 */
export function timeBinOf(spanMs: number): { timeUnit: string; title: string; format: string } {
  if (spanMs <= 3 * DAY_MS) return { timeUnit: 'utcyearmonthdatehours', title: 'hour (UTC)', format: '%m-%d %H:00' };
  if (spanMs <= 92 * DAY_MS) return { timeUnit: 'utcyearmonthdate', title: 'day (UTC)', format: '%Y-%m-%d' };
  if (spanMs <= 6 * 366 * DAY_MS) return { timeUnit: 'utcyearmonth', title: 'month (UTC)', format: '%Y-%m' };
  return { timeUnit: 'utcyear', title: 'year (UTC)', format: '%Y' };
}

/** The earliest and latest of some instants. */
function extent(values: Iterable<number>): [number, number] {
  let first = Infinity;
  let last = -Infinity;
  for (const v of values) [first, last] = [Math.min(first, v), Math.max(last, v)];
  return [first, last];
}

/**
 * Stacked bars: Support events per UTC hour (or day, month or year, as the span needs), by
 * category. Null when there is no activity to draw.
 */
export function activitySpec(rows: readonly ActivityPoint[]): Spec | null {
  const values = rows.map((r) => ({ at: eventInstant(r.hour), category: r.category, count: r.count })).filter((v) => Number.isFinite(v.at));
  if (values.length === 0) return null;
  const [first, last] = extent(values.map((v) => v.at));
  const bin = timeBinOf(last - first);
  const x = { timeUnit: bin.timeUnit, title: bin.title, axis: { format: bin.format, labelAngle: 0 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: CHART_WIDTH,
    height: 180,
    config: CONFIG,
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'at', type: 'temporal', ...x },
      y: { field: 'count', type: 'quantitative', aggregate: 'sum', title: 'Support events' },
      color: { field: 'category', type: 'nominal', title: 'category', scale: { domain: [...SUPPORT_CATEGORIES], range: CATEGORY_COLOURS } },
      order: { field: 'category' },
    },
  };
}

/** A case as the timeline draws it: from when it opened to when it was resolved or the window ended. */
export interface TimelineCase {
  /** The row label: its number in the report and the case id, cut short. */
  readonly label: string;
  readonly status: string;
  readonly start: number;
  readonly end: number;
}

/** A point on a case's bar: root opened or resolved it, or a finding touched it. */
export interface TimelineMark {
  readonly label: string;
  readonly at: number;
  readonly kind: CaseMarkKind;
}

/** Cases with a bar at least 1/200 of the time axis long, so a case opened and closed at once still shows. */
function visible(cases: readonly TimelineCase[]): TimelineCase[] {
  const [first, last] = extent(cases.flatMap((c) => [c.start, c.end]));
  const least = Math.max(last - first, 60_000) / 200;
  return cases.map((c) => (c.end - c.start >= least ? c : { ...c, end: c.start + least }));
}

/** The label of the `n`th case (1-based) of the timeline: numbered, so two ids cut alike stay two rows. */
export const timelineLabel = (n: number, caseId: string): string => `${n}. ${chartText(caseId, 30)}`;

/** One bar per case, coloured by status, with a symbol where root or a finding touched it. Null when no case has a time. */
export function timelineSpec(cases: readonly TimelineCase[], marks: readonly TimelineMark[]): Spec | null {
  if (cases.length === 0) return null;
  const [first, last] = extent(cases.flatMap((c) => [c.start, c.end]));
  const format = last - first <= 3 * DAY_MS ? '%m-%d %H:%M' : '%Y-%m-%d';
  const x = { type: 'temporal', scale: { type: 'utc' }, title: 'time (UTC)', axis: { format, labelAngle: 0, labelOverlap: true, tickCount: 6 } };
  const y = { field: 'label', type: 'ordinal', sort: null, title: null, axis: { labelLimit: 400 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: CHART_WIDTH - 200,
    height: { step: 16 },
    config: CONFIG,
    layer: [
      {
        data: { values: visible(cases) },
        mark: { type: 'bar', height: 10, minBandSize: 2 },
        encoding: {
          x: { ...x, field: 'start' },
          x2: { field: 'end' },
          y,
          color: { field: 'status', type: 'nominal', title: 'status', scale: { domain: [...CASE_STATUSES], range: STATUS_COLOURS } },
        },
      },
      {
        data: { values: marks },
        mark: { type: 'point', filled: true, size: 60, color: 'black' },
        encoding: {
          x: { ...x, field: 'at' },
          y,
          shape: { field: 'kind', type: 'nominal', title: 'marked', scale: { domain: [...CASE_MARKS], range: ['triangle-up', 'triangle-down', 'diamond'] } },
        },
      },
    ],
  };
}
