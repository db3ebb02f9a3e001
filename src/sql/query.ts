/**
 * The face of src/sql/: one query per report for an engine and a source, or every report as one
 * script of named views after the DDL of the source. Pure: it returns text (`findings` reads the
 * built-in rule files of the package).
 */
import { loadRules } from '../findings/load-rules.ts';
import type { SigmaRule } from '../findings/sigma-rule.ts';
import { type SourceSelection, sourcesFor } from '../rows/support-row.ts';
import { casesSelect } from './cases.ts';
import { DIALECTS, type Engine } from './dialect.ts';
import { findingsNotes, findingsQuery, planFindings } from './findings.ts';
import { credentialsSelect, ROLLED_SQL, rolledSelect } from './rolled.ts';
import { type SqlSource, supportRowsCtes } from './source-rows.ts';

/** Every report the SQL forms compute, in the order of the tool's registry (the unbounded event list is left out). */
export const SQL_REPORTS = ['actions', 'principals', 'credentials', 'accounts', 'days', 'activity', 'denied', 'trustedAdvisor', 'cases'] as const;
export type SqlReport = (typeof SQL_REPORTS)[number];

/** Every query `sql` prints: the reports, then the findings of the rules that one record decides. */
export const SQL_QUERIES = [...SQL_REPORTS, 'findings'] as const;
export type SqlQuery = (typeof SQL_QUERIES)[number];

export interface SqlOptions {
  readonly engine: Engine;
  readonly source: SqlSource;
  /** A Parquet file or Hive dataset folder (DuckDB), or a table name; a default when absent (defaultLocation). */
  readonly location?: string;
  /** The `--sources` selection, as `report` takes it. */
  readonly sources?: SourceSelection;
}

/** Where a query reads when no location is given: the names docs/scale.md and the DDL use. */
export function defaultLocation(engine: Engine, source: SqlSource): string {
  if (source === 'cloudtrail-table') return 'cloudtrail_logs';
  return engine === 'duckdb' ? 'support-events.parquet' : 'support_events';
}

/** What FROM reads: DuckDB reads a Parquet file or a Hive dataset folder itself; the others read a table. */
export function fromClause(options: SqlOptions): string {
  const location = options.location ?? defaultLocation(options.engine, options.source);
  if (options.engine !== 'duckdb' || options.source !== 'parquet') return location;
  const d = DIALECTS.duckdb;
  if (/\.parquet$/i.test(location)) return `read_parquet(${d.str(location)})`;
  // A Hive dataset keeps account and region in the folder names only; autocast would read accounts as numbers.
  return `read_parquet(${d.str(`${location.replace(/\/+$/, '')}/**/*.parquet`)}, hive_partitioning = true, hive_types_autocast = false)`;
}

/** The SELECT of one report over `support_rows`. */
function reportSelect(engine: Engine, report: SqlReport): string {
  const d = DIALECTS[engine];
  if (report === 'credentials') return credentialsSelect(d);
  if (report === 'cases') return casesSelect(d).select;
  return rolledSelect(d, ROLLED_SQL[report]);
}

/** The CTEs a report needs: the Support rows, and for `cases` its own steps. */
function ctesOf(options: SqlOptions, report: SqlReport): string[] {
  const d = DIALECTS[options.engine];
  const rows = supportRowsCtes(d, { source: options.source, from: fromClause(options), eventSources: [...sourcesFor(options.sources ?? 'support')] });
  return report === 'cases' ? [...rows, ...casesSelect(d).ctes] : rows;
}

let builtin: readonly SigmaRule[] | undefined;
/** The built-in detection rules (rules/ of the package), read once. */
export const builtinRules = (): readonly SigmaRule[] => (builtin ??= loadRules([], true).rules);

/**
 * The findings of `rules` (default: the built-in ones) that SQL can express, after a comment naming
 * the rules it cannot, with the columns, types and row order of the findings of `report --format json`.
 */
export function findingsSql(options: SqlOptions, rules: readonly SigmaRule[] = builtinRules()): { notes: string; query: string } {
  const d = DIALECTS[options.engine];
  const plan = planFindings(rules, d, options.source);
  const rows = { from: fromClause(options), eventSources: [...sourcesFor(options.sources ?? 'support')] };
  return { notes: findingsNotes(plan), query: findingsQuery(d, plan, rows) };
}

/** One query computing `report` with the columns, types and row order of `report --format json`. */
export function reportSql(report: SqlQuery, options: SqlOptions): string {
  if (report === 'findings') {
    const { notes, query } = findingsSql(options);
    return notes + query;
  }
  return `WITH\n${ctesOf(options, report).join(',\n')}\n${reportSelect(options.engine, report)}\n`;
}
