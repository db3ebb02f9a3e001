/**
 * Runs the DuckDB form of every SQL report over a source and compares its rows with
 * `report --format json` of the same input: same rows, same order, same JSON types.
 */
import { gunzipSync } from 'node:zlib';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { duckdbCloudTrailView } from '../../src/sql/cloudtrail-ddl.ts';
import { DIALECTS } from '../../src/sql/dialect.ts';
import { builtinRules, findingsSql, reportSql, SQL_REPORTS, type SqlOptions } from '../../src/sql/query.ts';
import { spawnSync } from 'node:child_process';
import { duck } from './duck.ts';
import { ROOT } from './helpers.ts';

/** The whole document of `report --format json` of `inputs` (extra flags after), parsed. */
export function reportDocument(inputs: string[], flags: string[] = []): Record<string, unknown> {
  // A large archive's JSON passes spawnSync's default 1 MiB buffer.
  const args = [join(ROOT, 'dist/src/cli.js'), 'report', ...inputs, '--format', 'json', '--quiet', '--workers', '2', ...flags];
  const out = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, TZ: 'UTC' } });
  assert.is(out.status, 0, out.stderr);
  return JSON.parse(out.stdout);
}

/** `report --format json` of `inputs` (extra flags after): its reports. */
export function reportJson(inputs: string[], flags: string[] = []): Record<string, Record<string, unknown>[]> {
  return reportDocument(inputs, flags).reports as Record<string, Record<string, unknown>[]>;
}

let views = 0;
/** A DuckDB view reproducing Athena's CloudTrail table over these delivery files; its name. */
export async function cloudTrailView(files: readonly string[]): Promise<string> {
  const name = `cloudtrail_logs_${++views}`;
  await duck(duckdbCloudTrailView(DIALECTS.duckdb, name, files));
  return name;
}

/**
 * Asserts that every report's DuckDB SQL over `options` gives the expected rows exactly; returns
 * rows compared per report and the time of each query.
 */
export async function assertSameReports(
  expected: Record<string, Record<string, unknown>[]>,
  options: Omit<SqlOptions, 'engine'>,
  label: string,
): Promise<Record<string, { rows: number; ms: number }>> {
  const seen: Record<string, { rows: number; ms: number }> = {};
  for (const report of SQL_REPORTS) {
    const t0 = performance.now();
    const rows = await duck(reportSql(report, { ...options, engine: 'duckdb' }));
    seen[report] = { rows: rows.length, ms: Math.round(performance.now() - t0) };
    assert.ok(expected[report].length > 0 || report === 'denied' || report === 'trustedAdvisor', `${label}: ${report} has rows to compare`);
    assert.equal(rows, expected[report], `${label}: ${report}`);
    if (rows.length > 0) assert.equal(Object.keys(rows[0]), Object.keys(expected[report][0]), `${label}: ${report} column order`);
  }
  return seen;
}

/**
 * Asserts that the DuckDB findings SQL over `options` gives exactly the findings of the report
 * `document` made by the built-in Sigma rules (the stateful ones left out), with their columns in
 * order; returns how many rows were compared.
 */
export async function assertSameFindings(document: Record<string, unknown>, options: Omit<SqlOptions, 'engine'>, label: string): Promise<number> {
  const sigma = new Set(builtinRules().map((r) => r.id));
  const expected = (document.findings as Record<string, unknown>[]).filter((f) => sigma.has(f.ruleId as string));
  const { notes, query } = findingsSql({ ...options, engine: 'duckdb' });
  assert.not.match(notes, /not expressed/, `${label}: every built-in rule is translated`);
  const rows = await duck(query);
  assert.equal(rows, expected, `${label}: findings`);
  if (rows.length > 0) assert.equal(Object.keys(rows[0]), Object.keys(expected[0]), `${label}: findings column order`);
  return rows.length;
}

/** Files under `roots` (sorted) that are delivery documents: `{"Records": [objects]}`, gzipped or not. */
export function recordsDocuments(roots: readonly string[]): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((n) => {
      const p = join(d, n);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
  return roots.flatMap((root) => walk(root)).sort().filter((path) => {
    try {
      let bytes = readFileSync(path);
      if (path.endsWith('.gz')) bytes = gunzipSync(bytes);
      const doc = JSON.parse(bytes.toString('utf8'));
      return Array.isArray(doc?.Records) && doc.Records.every((r: unknown) => r !== null && typeof r === 'object' && !Array.isArray(r));
    } catch {
      return false;
    }
  });
}
