/**
 * The reports, by name, in the order they are printed and written. Most are a mergeable rollup
 * (rollup.ts) of the Support rows, finished by arquero (formats, explicit order); `cases` comes
 * from the case state (cases/), and `events` is the bounded event list (event-list.ts).
 */
import type { ColumnTable } from 'arquero';
import { finishAccounts } from './accounts.ts';
import { finishActions } from './actions.ts';
import { finishCredentials } from './credentials.ts';
import { finishActivity, finishDays } from './days.ts';
import { finishDenied } from './denied.ts';
import type { RowFacts } from './facts.ts';
import { REPORT_NAMES, type ReportName } from './names.ts';
import { finishPrincipals } from './principals.ts';
import type { Rollup } from './rollup.ts';
import { finishTrustedAdvisor } from './trusted-advisor.ts';
import { ROLLUPS } from './rollups.ts';

/** A report built by a rollup of the rows, then finished by arquero. */
export interface RolledReport {
  readonly title: string;
  readonly rollup: Rollup<RowFacts>;
  readonly finish: (rolled: ColumnTable) => ColumnTable;
}

export const ROLLED = {
  actions: { title: 'Support actions', rollup: ROLLUPS.actions, finish: finishActions },
  principals: { title: 'Principals that used AWS Support', rollup: ROLLUPS.principals, finish: finishPrincipals },
  credentials: {
    title: 'Credentials used: root or IAM user, temporary (role or federated), AWS service',
    rollup: ROLLUPS.credentials,
    finish: finishCredentials,
  },
  accounts: { title: 'Accounts and regions', rollup: ROLLUPS.accounts, finish: finishAccounts },
  days: { title: 'Activity by day (UTC)', rollup: ROLLUPS.days, finish: finishDays },
  activity: { title: 'Activity by hour and category (UTC)', rollup: ROLLUPS.activity, finish: finishActivity },
  denied: { title: 'Denied and failed calls, by principal and error code', rollup: ROLLUPS.denied, finish: finishDenied },
  trustedAdvisor: { title: 'Trusted Advisor activity', rollup: ROLLUPS.trustedAdvisor, finish: finishTrustedAdvisor },
} as const satisfies Record<string, RolledReport>;

export type { RolledName } from './rollups.ts';

/** Every report's title, by the name used for `--report` and for output file names. */
export const REPORTS: Record<ReportName, { readonly title: string }> = { ...ROLLED, cases: { title: 'Support cases' }, events: { title: 'Support events' } };

export { REPORT_NAMES, type ReportName };

/** A built report: its column names (present even with no rows) and its rows as plain objects. */
export interface ReportTable {
  readonly columns: readonly string[];
  readonly rows: RowList;
}

/**
 * A report's rows: an array, or rows read from disk each time they are iterated (the cases of an
 * archive with more cases than memory holds: cases/case-rows.ts). Iterate it; do not index it.
 */
export interface RowList extends Iterable<Record<string, unknown>> {
  readonly length: number;
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
