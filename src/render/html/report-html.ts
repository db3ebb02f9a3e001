/**
 * The HTML evidence report: one self-contained file (layout.ts) whose charts are SVG drawn when it
 * is written (charts.ts). Built from the report document's tables, which are aggregates and a
 * bounded event list: no row per event is held here.
 */
import { parseTimeBound } from '../../rows/filter.ts';
import type { ReportDocument } from '../../reports/document.ts';
import { type ActivityPoint, activitySpec, TIMELINE_CASES, timelineSpec } from './chart-specs.ts';
import { APPENDIX_EVENTS, type HtmlReportContext } from './context.ts';
import { activitySection, casesSection, deniedSection, eventsAppendix, principalsSection, trustedAdvisorSection } from './details.ts';
import { page } from './layout.ts';
import { accountingSection, scopeSection, verdictSection } from './overview.ts';
import { integritySection, manifestSection } from './provenance.ts';
import { timelineOf, windowEnd } from './timeline.ts';

export type { HtmlReportContext, ReportScope } from './context.ts';

/** The two charts as SVG text (null: nothing to draw). */
export interface ReportCharts {
  readonly activity: string | null;
  readonly timeline: string | null;
}

const CONTENTS = [
  ['verdict', 'Verdict'],
  ['accounting', 'Accounting'],
  ['activity', 'Activity over time'],
  ['cases', 'Support cases'],
  ['principals', 'Principals'],
  ['denied', 'Denied and failed calls'],
  ['trusted-advisor', 'Trusted Advisor'],
  ['integrity', 'Integrity'],
  ['manifest', 'Provenance'],
  ['events', 'Appendix: events'],
] as const;

/** The Vega-Lite specs of the report's charts, and how many cases the timeline leaves out. */
export function chartSpecsOf(doc: ReportDocument, context: HtmlReportContext) {
  const until = context.scope.until === undefined ? undefined : parseTimeBound(context.scope.until, 'until');
  const end = windowEnd(until, doc.reports.get('actions')?.rows ?? []);
  const timeline = timelineOf(Array.from(doc.reports.get('cases')?.rows ?? []), context.findings ?? [], end, TIMELINE_CASES);
  return {
    activity: activitySpec(Array.from(doc.reports.get('activity')?.rows ?? []) as unknown as ActivityPoint[]),
    timeline: timelineSpec(timeline.cases, timeline.marks),
    casesLeft: timeline.left,
  };
}

/** The report as one HTML document, with the charts already drawn (pure). */
export function toHtmlReport(doc: ReportDocument, context: HtmlReportContext, charts: ReportCharts): string {
  const { scope } = context;
  const { casesLeft } = chartSpecsOf(doc, context);
  const body = [
    scopeSection(scope),
    `<nav><ol>${CONTENTS.map(([id, title]) => `<li><a href="#${id}">${title}</a></li>`).join('')}</ol></nav>`,
    verdictSection(doc, context),
    accountingSection(doc),
    activitySection(doc, charts.activity),
    casesSection(doc, charts.timeline, casesLeft),
    principalsSection(doc),
    deniedSection(doc),
    trustedAdvisorSection(doc),
    integritySection(doc, context.verify, scope.inputs),
    manifestSection(context.manifest, scope),
    eventsAppendix(doc, context.appendixEvents ?? APPENDIX_EVENTS, scope.inputs),
  ];
  return page('AWS Support activity: evidence report', body.join('\n'));
}

/** Timings of one HTML report, in milliseconds: Vega's load (which may have overlapped the scan), the wait for it here, and drawing the charts. */
export interface HtmlTimings {
  readonly vegaLoadMs: number;
  readonly vegaWaitMs: number;
  readonly chartsMs: number;
}

/**
 * Draws the charts (loading Vega on first use) and renders the report. `timings` receives how
 * long the load and the drawing took, for the CLI's measurements.
 */
export async function renderHtmlReport(doc: ReportDocument, context: HtmlReportContext, timings?: (t: HtmlTimings) => void): Promise<string> {
  const { loadCharts, toSvg } = await import('./charts.ts');
  const started = performance.now();
  const { loadMs } = await loadCharts();
  const loaded = performance.now();
  const specs = chartSpecsOf(doc, context);
  const charts: ReportCharts = {
    activity: specs.activity && (await toSvg(specs.activity)),
    timeline: specs.timeline && (await toSvg(specs.timeline)),
  };
  timings?.({ vegaLoadMs: loadMs, vegaWaitMs: loaded - started, chartsMs: performance.now() - loaded });
  return toHtmlReport(doc, context, charts);
}
