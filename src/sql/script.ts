/**
 * `sql --all`: the DDL of the chosen source, then every report and the findings as named views,
 * as one script. Pure.
 */
import { RunError } from '../errors.ts';
import { athenaCloudTrailDdl, duckdbCloudTrailView } from './cloudtrail-ddl.ts';
import { datasetDdl } from './dataset-ddl.ts';
import { DIALECTS } from './dialect.ts';
import { defaultLocation, findingsSql, reportSql, SQL_REPORTS, type SqlOptions, type SqlQuery } from './query.ts';

export interface ScriptOptions extends SqlOptions {
  /** Where the data lives, for the DDL: s3://bucket/AWSLogs/ or the dataset's folder (DuckDB: a glob of delivery files). */
  readonly data?: string;
  /** Accounts the Athena CloudTrail table projects. */
  readonly projectAccounts?: readonly string[];
  /** First day the Athena CloudTrail table projects, YYYY-MM-DD. */
  readonly projectSince?: string;
}

/** The view of a report: `support_trusted_advisor` for trustedAdvisor. */
export const viewName = (report: SqlQuery) => `support_${report.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;

function sourceDdl(o: ScriptOptions, table: string): string {
  const d = DIALECTS[o.engine];
  if (o.source === 'parquet') {
    if (o.engine === 'duckdb') return '';
    if (!o.data) throw new RunError(`sql --all --source parquet --engine ${o.engine} needs --data: where the Hive dataset is (s3://bucket/prefix/)`);
    return datasetDdl(d, o.engine, table, o.data);
  }
  if (!o.data) {
    throw new RunError(`sql --all --source cloudtrail-table needs --data: ${o.engine === 'duckdb' ? 'a glob of the delivery files' : 's3://bucket/AWSLogs/'}`);
  }
  if (o.engine === 'duckdb') return duckdbCloudTrailView(d, table, o.data);
  if (!o.projectAccounts?.length) throw new RunError('sql --all --source cloudtrail-table needs --project-accounts: the account ids the table projects');
  const ddl = athenaCloudTrailDdl(d, { table, location: o.data, accounts: o.projectAccounts, since: (o.projectSince ?? '2020-01-01').replaceAll('-', '/') });
  // Trino and Spark read it through a Hive metastore where the CloudTrail input format is installed (as on EMR); the projection is Athena's.
  return o.engine === 'athena' ? ddl : `-- Hive DDL of the table (Athena's partition projection aside, partitions must be added)\n${ddl}`;
}

/** The DDL of the source and one view per report. */
export function sqlScript(o: ScriptOptions): string {
  const table = o.location ?? defaultLocation(o.engine, o.source);
  const ddl = sourceDdl(o, table);
  const views = SQL_REPORTS.map((report) => `CREATE OR REPLACE VIEW ${viewName(report)} AS\n${reportSql(report, o).trimEnd()};\n`);
  // The findings view's comment (the rules it leaves out) stands before it, outside the statement.
  const findings = findingsSql(o);
  views.push(`${findings.notes}CREATE OR REPLACE VIEW ${viewName('findings')} AS\n${findings.query.trimEnd()};\n`);
  const head = `-- cloudtrail-support sql --all: engine ${o.engine}, source ${o.source}, sources ${o.sources ?? 'support'}\n`;
  return [head, ddl, ...views].filter((s) => s !== '').join('\n');
}
