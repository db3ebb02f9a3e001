/**
 * Reports as Parquet or Arrow files, one per report. Every column has a declared type
 * (REPORT_COLUMN_KINDS), never one inferred from its values, so a report has the same schema
 * whatever the data: an empty report, a column that is all null (no case resolved) or a
 * fractional duration change nothing, and periodic reports can be appended to one Athena or
 * Spark table. Reports are small: each is encoded whole.
 */
import type { CaseRow } from '../cases/case-row.ts';
import type { ReportDocument } from '../reports/job.ts';
import type { ReportName } from '../reports/names.ts';
import { toArrowFile } from './arrow.ts';
import { type ColumnKind, type ColumnSpec, EXPORT_COLUMNS } from './columns.ts';
import { toJsonDocument } from '../render/json.ts';
import { summaryOf } from '../render/report.ts';
import { toParquet } from './parquet.ts';

export type ReportTableFormat = 'parquet' | 'arrow';

/** Column name -> kind, in the report's column order. */
export type ReportColumnKinds = Readonly<Record<string, ColumnKind>>;

const PRINCIPAL_KEY = { callerAccount: 'string', identityType: 'string', principal: 'string' } as const;
const SEEN = { firstSeen: 'timestamp', lastSeen: 'timestamp' } as const;

/** The `cases` columns: every CaseRow field must have a kind (the compiler checks it). */
const CASE_KINDS: { readonly [K in keyof CaseRow]-?: ColumnKind } = {
  caseId: 'string',
  account: 'string',
  createdInWindow: 'boolean',
  status: 'string',
  openedAt: 'timestamp',
  openedBy: 'string',
  openedByType: 'string',
  openedByMfa: 'boolean',
  openedFromIP: 'string',
  openedUserAgent: 'string',
  severityCode: 'string',
  serviceCode: 'string',
  categoryCode: 'string',
  issueType: 'string',
  language: 'string',
  communications: 'int64',
  communicatedBy: 'string',
  attachments: 'int64',
  reads: 'int64',
  principals: 'int64',
  touchedBy: 'string',
  accounts: 'string',
  regions: 'string',
  firstSeen: 'timestamp',
  lastSeen: 'timestamp',
  resolvedAt: 'timestamp',
  resolvedBy: 'string',
  resolvedByType: 'string',
  timeToResolve: 'string',
  // Milliseconds between two eventTimes / 1000: eventTime may carry a fraction (and a leap second
  // is the minute's last millisecond), so the value is not always whole: DOUBLE, always.
  secondsToResolve: 'double',
  errors: 'int64',
  errorCodes: 'string',
  newSourceIPs: 'string',
  newUserAgents: 'string',
  flags: 'string-list',
};

/**
 * The type of every column of every report, in column order: counts int64, UTC date-times
 * timestamps, `day` a date, lists (space-separated text) strings, except the case flags: a list. A report column missing here is
 * an error (see reportColumnSpecs), so a new column cannot silently get a type from its values.
 */
export const REPORT_COLUMN_KINDS: { readonly [R in ReportName]: ReportColumnKinds } = {
  actions: { category: 'string', eventSource: 'string', eventName: 'string', count: 'int64', errors: 'int64', principals: 'int64', ...SEEN },
  principals: {
    ...PRINCIPAL_KEY,
    credentialClass: 'string',
    role: 'string',
    session: 'string',
    invokedBy: 'string',
    sourceIdentities: 'string',
    count: 'int64',
    errors: 'int64',
    errorCodes: 'string',
    actions: 'string',
    categories: 'string',
    sourceIPs: 'string',
    userAgents: 'string',
    regions: 'string',
    accounts: 'string',
    mfa: 'string',
    ...SEEN,
  },
  credentials: {
    credentialClass: 'string',
    question: 'string',
    count: 'int64',
    errors: 'int64',
    identityTypes: 'string',
    principalCount: 'int64',
    principals: 'string',
    ...SEEN,
  },
  accounts: { account: 'string', region: 'string', count: 'int64', errors: 'int64', principals: 'int64', ...SEEN },
  days: { day: 'date', count: 'int64', errors: 'int64', principals: 'int64', actions: 'int64' },
  activity: { hour: 'timestamp', category: 'string', count: 'int64', errors: 'int64', principals: 'int64' },
  denied: {
    ...PRINCIPAL_KEY,
    errorCode: 'string',
    denied: 'boolean',
    count: 'int64',
    actions: 'string',
    sourceIPs: 'string',
    accounts: 'string',
    ...SEEN,
    sampleMessage: 'string',
  },
  trustedAdvisor: {
    account: 'string',
    eventSource: 'string',
    eventName: 'string',
    identityType: 'string',
    principal: 'string',
    count: 'int64',
    errors: 'int64',
    errorCodes: 'string',
    checks: 'string',
    ...SEEN,
  },
  cases: CASE_KINDS,
  // The row columns with the export's types (no `raw`).
  events: Object.fromEntries(EXPORT_COLUMNS.filter((c) => c.name !== 'raw').map((c) => [c.name, c.kind])),
};

/**
 * Column specs of a report table from the declared kinds; throws on a column without one. Every
 * report column is nullable, so the schema does not depend on the data either.
 */
export function reportColumnSpecs(report: ReportName, columns: readonly string[]): ColumnSpec[] {
  const kinds = REPORT_COLUMN_KINDS[report];
  return columns.map((name) => {
    if (!Object.hasOwn(kinds, name)) {
      throw new Error(`report ${report}: column ${name} has no declared type (REPORT_COLUMN_KINDS in src/export/report-tables.ts)`);
    }
    return { name, kind: kinds[name], nullable: true };
  });
}

/** One file per report plus `summary.json`, as bytes. */
export function reportTableFiles(doc: ReportDocument, format: ReportTableFormat): Map<string, Uint8Array | string> {
  const files = new Map<string, Uint8Array | string>();
  for (const [name, t] of doc.reports) {
    const columns = reportColumnSpecs(name, t.columns);
    // Built whole in memory (the encoders take arrays), case rows on disk included.
    const rows = Array.from(t.rows);
    files.set(`${name}.${format}`, format === 'parquet' ? toParquet(rows, columns) : toArrowFile(rows, columns));
  }
  files.set('summary.json', toJsonDocument(summaryOf(doc)));
  return files;
}
