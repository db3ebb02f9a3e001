/**
 * The sections of the HTML report drawn from the report tables: activity and case timeline (with
 * their charts), principals, denied and failed calls, Trusted Advisor, and the events appendix.
 */
import type { ReportDocument } from '../../reports/document.ts';
import type { ReportName } from '../../reports/names.ts';
import { count, html } from './escape.ts';
import { section, tableOf } from './layout.ts';
import { boundedTable } from './overview.ts';

// As arrays: the page is one text anyway, and its sections filter, slice and count the rows.
const rowsOf = (doc: ReportDocument, name: ReportName) => Array.from(doc.reports.get(name)?.rows ?? []);

/** A chart figure: the SVG drawn at write time, or a line saying there was nothing to draw. */
const figure = (
  svg: string | null,
  caption: string,
) => (svg ? `<figure>${svg}<figcaption>${caption}</figcaption></figure>` : `<p class="muted">Nothing to draw.</p>`);

/** Activity over time by category: the chart, and the events per category. */
export function activitySection(doc: ReportDocument, svg: string | null): string {
  const byCategory = new Map<string, { category: string; events: number; errors: number }>();
  for (const r of rowsOf(doc, 'activity')) {
    const c = byCategory.get(String(r.category)) ?? { category: String(r.category), events: 0, errors: 0 };
    c.events += Number(r.count);
    c.errors += Number(r.errors);
    byCategory.set(c.category, c);
  }
  const rows = [...byCategory.values()].sort((a, b) => b.events - a.events || (a.category < b.category ? -1 : 1));
  return section(
    'activity',
    'Activity over time, by category',
    `${figure(svg, 'Support events per UTC hour (per day, month or year over a longer span), stacked by category. Per hour: report --report activity.')}
${rows.length ? tableOf(rows, ['category', 'events', 'errors']) : ''}`,
  );
}

/** The case timeline and the cases table. */
export function casesSection(doc: ReportDocument, svg: string | null, left: number): string {
  const cases = rowsOf(doc, 'cases');
  const note = left > 0 ? ` The ${count(left)} earlier cases are in the table.` : '';
  return section(
    'cases',
    `Support cases (${count(cases.length)})`,
    `${
      figure(
        svg,
        `One bar per case, from when it was opened (or first seen) to when it was resolved, or to the end of the window while open; ▲ opened by root, ▼ resolved by root, ◆ a rule finding.${note}`,
      )
    }
${
      boundedTable(
        cases,
        [
          'caseId',
          'account',
          'status',
          'openedAt',
          'openedBy',
          'severityCode',
          'communications',
          'reads',
          'resolvedAt',
          'resolvedBy',
          'timeToResolve',
          'flags',
        ],
        'every case and every column: cloudtrail-support cases',
      )
    }`,
  );
}

/** Principals that used AWS Support. */
export function principalsSection(doc: ReportDocument): string {
  const rows = rowsOf(doc, 'principals');
  return section(
    'principals',
    `Principals (${count(rows.length)})`,
    boundedTable(
      rows,
      ['callerAccount', 'identityType', 'principal', 'credentialClass', 'count', 'errors', 'mfa', 'sourceIPs', 'actions', 'firstSeen', 'lastSeen'],
      'every principal and column: report --report principals --format csv',
    ),
  );
}

/** Denied and failed calls, by principal and error code. */
export function deniedSection(doc: ReportDocument): string {
  const rows = rowsOf(doc, 'denied');
  return section(
    'denied',
    `Denied and failed calls (${count(rows.length)} principal and error code pairs)`,
    boundedTable(
      rows,
      ['callerAccount', 'identityType', 'principal', 'errorCode', 'denied', 'count', 'actions', 'sourceIPs', 'firstSeen', 'lastSeen', 'sampleMessage'],
      'all of them: report --report denied --format csv',
    ),
  );
}

/** Trusted Advisor activity. */
export function trustedAdvisorSection(doc: ReportDocument): string {
  const rows = rowsOf(doc, 'trustedAdvisor');
  return section(
    'trusted-advisor',
    `Trusted Advisor (${count(rows.length)})`,
    boundedTable(
      rows,
      ['account', 'eventSource', 'eventName', 'identityType', 'principal', 'count', 'errors', 'checks', 'firstSeen', 'lastSeen'],
      'all of them: report --report trustedAdvisor --format csv',
    ),
  );
}

/** The newest events, newest first, and where every event is. */
export function eventsAppendix(doc: ReportDocument, limit: number, inputs: readonly string[]): string {
  const rows = rowsOf(doc, 'events');
  const newest = rows.slice(Math.max(0, rows.length - limit)).reverse();
  const total = doc.records.support;
  const exportLine = `cloudtrail-support export ${inputs.map((p) => html(p)).join(' ')} --format csv --out events.csv`;
  return section(
    'events',
    'Appendix: events',
    `<p>The newest ${count(newest.length)} of ${count(total)} Support events, newest first.${
      newest.length < total ? ` Every event, with every column and the raw record: <code>${exportLine}</code>` : ''
    }</p>
${
      newest.length
        ? tableOf(newest, [
          'eventTime',
          'eventName',
          'account',
          'region',
          'identityType',
          'principal',
          'sourceIPAddress',
          'userAgent',
          'errorCode',
          'caseId',
          'eventID',
        ])
        : ''
    }`,
  );
}
