/**
 * The reports: each takes the table of Support rows and returns a table with an explicit order.
 * The registry's order is the order reports are printed and written.
 */
import { type ColumnTable, table } from 'arquero';
import { REPORT_NAMES, type ReportName } from './names.ts';
import { SUPPORT_ROW_COLUMNS } from '../rows/support-row.ts';
import type { SupportRow } from '../types.ts';
import { byAccountRegion } from './accounts.ts';
import { byAction } from './actions.ts';
import { byDay } from './days.ts';
import { byPrincipal } from './principals.ts';
import { cases } from './cases.ts';
import { credentials } from './credentials.ts';
import { denied } from './denied.ts';
import { events } from './events.ts';
import { trustedAdvisor } from './trusted-advisor.ts';

export interface ReportDefinition {
  readonly title: string;
  readonly build: (events: ColumnTable) => ColumnTable;
}

/** Every report, by the name used for `--report` and for output file names. */
export const REPORTS = {
  actions: { title: 'Support actions', build: byAction },
  principals: { title: 'Principals that used AWS Support', build: byPrincipal },
  credentials: { title: 'Credentials used: root or IAM user, temporary (role or federated), AWS service', build: credentials },
  accounts: { title: 'Accounts and regions', build: byAccountRegion },
  days: { title: 'Activity by day (UTC)', build: byDay },
  denied: { title: 'Denied and failed calls, by principal and error code', build: denied },
  trustedAdvisor: { title: 'Trusted Advisor activity', build: trustedAdvisor },
  cases: { title: 'Support cases', build: cases },
  events: { title: 'Support events', build: events },
} as const satisfies Record<ReportName, ReportDefinition>;

export { REPORT_NAMES, type ReportName };

/**
 * The arquero table of Support rows, with every column present even when there are no rows,
 * plus `raw` (the original record) for the reports that read fields the row does not flatten.
 */
export function toEventsTable(rows: readonly SupportRow[]): ColumnTable {
  return table(Object.fromEntries([...SUPPORT_ROW_COLUMNS, 'raw' as const].map((c) => [c, rows.map((r) => r[c])])));
}

/** A built report: its column names (present even with no rows) and its rows as plain objects. */
export interface ReportTable {
  readonly columns: readonly string[];
  readonly rows: Record<string, unknown>[];
}

/** A report's rows as plain objects; aggregates over no value come back as null, not undefined. */
export function toReportTable(result: ColumnTable): ReportTable {
  const columns = result.columnNames();
  const rows = (result.objects() as Record<string, unknown>[]).map((row) => {
    for (const c of columns) row[c] ??= null;
    return row;
  });
  return { columns, rows };
}

/** Builds the named reports (all by default), in registry order. */
export function buildReports(rows: readonly SupportRow[], names: readonly ReportName[] = REPORT_NAMES): Map<ReportName, ReportTable> {
  const eventsTable = toEventsTable(rows);
  const out = new Map<ReportName, ReportTable>();
  for (const name of REPORT_NAMES) {
    if (names.includes(name)) out.set(name, toReportTable(REPORTS[name].build(eventsTable)));
  }
  return out;
}
