/**
 * The `sql` command: prints the SQL of a report or of the findings (or, with --all, the DDL and
 * each of them as a view) for DuckDB, Athena, Trino or Spark. Reads nothing but the built-in
 * rules: the query runs where the data is.
 */
import type { Argv } from 'yargs';
import { ExitCode, type ExitCodeValue, RunError } from '../errors.ts';
import { ENGINES } from '../sql/dialect.ts';
import { reportSql, SQL_QUERIES, type SqlQuery } from '../sql/query.ts';
import { type ScriptOptions, sqlScript } from '../sql/script.ts';
import { SQL_SOURCES } from '../sql/source-rows.ts';
import { parseList } from './flags.ts';
import { writeStdout } from './stdout.ts';

/** The flags of `sql` (yargs builder). */
export function sqlOptions<T>(y: Argv<T>) {
  return y
    .positional('report', {
      choices: SQL_QUERIES,
      describe:
        'The report to compute (every report but the event list), or findings: the built-in rules that one record decides (a comment names the rules left out and why)',
    })
    .option('engine', { choices: ENGINES, default: 'duckdb' as const, describe: 'SQL dialect' })
    .option('source', {
      choices: SQL_SOURCES,
      default: 'parquet' as const,
      describe: 'parquet: our export (a file or Hive dataset); cloudtrail-table: the raw CloudTrail table as AWS documents it for Athena',
    })
    .option('location', {
      type: 'string',
      describe: 'DuckDB and parquet: the .parquet file or dataset folder; otherwise the table name (default support_events, cloudtrail_logs)',
    })
    .option('sources', { choices: ['support', 'all'] as const, default: 'support' as const, describe: 'Event sources, as report takes them' })
    .option('all', { type: 'boolean', default: false, describe: 'Every report and the findings as named views, after the DDL of the source' })
    .option('data', { type: 'string', describe: 'With --all: where the data lives for the DDL (s3://bucket/AWSLogs/, the dataset folder, a glob of files)' })
    .option('project-accounts', {
      type: 'string',
      array: true,
      coerce: parseList('project-accounts'),
      describe: 'With --all on the Athena CloudTrail table: the accounts its partition projection lists',
    })
    .option('project-since', {
      type: 'string',
      describe: 'With --all on the Athena CloudTrail table: the first day projected (YYYY-MM-DD, default 2020-01-01)',
    })
    .example('$0 sql principals --location support.parquet', 'DuckDB SQL of the principals report over an export')
    .example('$0 sql cases --engine athena --source cloudtrail-table --location cloudtrail_logs', 'Athena SQL over the CloudTrail table')
    .example('$0 sql findings --engine athena --source cloudtrail-table', 'The single-record built-in findings as Athena SQL')
    .example(
      '$0 sql --all --engine athena --source cloudtrail-table --data s3://bucket/AWSLogs/o-abc123/ --project-accounts 111122223333',
      'The Athena table DDL and every report as a view',
    );
}

export interface SqlArgs extends ScriptOptions {
  readonly report?: SqlQuery;
  readonly all: boolean;
}

/** Prints the SQL; usage errors (no report, a report and --all) are exit 2. */
export async function runSql(args: SqlArgs): Promise<ExitCodeValue> {
  if (args.all === (args.report !== undefined)) {
    throw new RunError(`sql takes a report (${SQL_QUERIES.join(', ')}) or --all, not ${args.all ? 'both' : 'neither'}`);
  }
  if (args.projectSince !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(args.projectSince)) {
    throw new RunError(`--project-since ${JSON.stringify(args.projectSince)} is not a date (YYYY-MM-DD)`);
  }
  await writeStdout(args.report ? reportSql(args.report, args) : sqlScript(args));
  return ExitCode.ok;
}
