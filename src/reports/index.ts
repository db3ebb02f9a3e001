/**
 * The reports, by name, in the order they are printed and written. Most are a mergeable rollup
 * (rollup.ts) of the Support rows, finished by arquero (formats, explicit order); `cases` comes
 * from the case state (cases/), and `events` is the bounded event list (event-list.ts).
 */
import type { ColumnTable } from 'arquero';
import { accountsRollup, finishAccounts } from './accounts.ts';
import { actionsRollup, finishActions } from './actions.ts';
import { credentialsRollup, finishCredentials } from './credentials.ts';
import { daysRollup, finishDays } from './days.ts';
import { deniedRollup, finishDenied } from './denied.ts';
import type { RowFacts } from './facts.ts';
import { REPORT_NAMES, type ReportName } from './names.ts';
import { finishPrincipals, principalsRollup } from './principals.ts';
import type { Rollup } from './rollup.ts';
import { finishTrustedAdvisor, trustedAdvisorRollup } from './trusted-advisor.ts';

/** A report built by a rollup of the rows, then finished by arquero. */
export interface RolledReport {
  readonly title: string;
  readonly rollup: Rollup<RowFacts>;
  readonly finish: (rolled: ColumnTable) => ColumnTable;
}

export const ROLLED = {
  actions: { title: 'Support actions', rollup: actionsRollup, finish: finishActions },
  principals: { title: 'Principals that used AWS Support', rollup: principalsRollup, finish: finishPrincipals },
  credentials: {
    title: 'Credentials used: root or IAM user, temporary (role or federated), AWS service',
    rollup: credentialsRollup,
    finish: finishCredentials,
  },
  accounts: { title: 'Accounts and regions', rollup: accountsRollup, finish: finishAccounts },
  days: { title: 'Activity by day (UTC)', rollup: daysRollup, finish: finishDays },
  denied: { title: 'Denied and failed calls, by principal and error code', rollup: deniedRollup, finish: finishDenied },
  trustedAdvisor: { title: 'Trusted Advisor activity', rollup: trustedAdvisorRollup, finish: finishTrustedAdvisor },
} as const satisfies Record<string, RolledReport>;

export type RolledName = keyof typeof ROLLED;

/** Every report's title, by the name used for `--report` and for output file names. */
export const REPORTS: Record<ReportName, { readonly title: string }> = { ...ROLLED, cases: { title: 'Support cases' }, events: { title: 'Support events' } };

export const isRolled = (name: ReportName): name is RolledName => name in ROLLED;

export { REPORT_NAMES, type ReportName };

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
