/**
 * The Athena, Trino and Spark forms are not run here (no engine offline): every report and every
 * DDL is parsed with the engines' own ANTLR grammars (dt-sql-parser: Trino's for Athena engine 3
 * and Trino, Spark's SqlBase for Spark, Hive's for Athena DDL), and the parsers are shown to
 * reject the constructs of the other dialect. DuckDB's time and duration forms are run against
 * the tool's own functions.
 */
import { HiveSQL, SparkSQL, TrinoSQL } from 'dt-sql-parser';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatDuration } from '../../src/cases/case-row.ts';
import { utcInstant } from '../../src/read/utc-time.ts';
import { durationText } from '../../src/sql/cases.ts';
import { athenaCloudTrailDdl } from '../../src/sql/cloudtrail-ddl.ts';
import { datasetDdl } from '../../src/sql/dataset-ddl.ts';
import { DIALECTS } from '../../src/sql/dialect.ts';
import { reportSql, SQL_REPORTS } from '../../src/sql/query.ts';
import { instantMs } from '../../src/sql/source-rows.ts';
import { duck } from '../_support/duck.ts';

const trino = new TrinoSQL();
const spark = new SparkSQL();
const hive = new HiveSQL();
const PARSERS = { athena: trino, trino, spark } as const;

test('every report parses in the Trino grammar (Athena engine 3 gets the same text) and the Spark grammar', () => {
  for (const report of SQL_REPORTS) {
    const trinoForm = reportSql(report, { engine: 'trino', source: 'parquet', sources: 'all' });
    assert.is(reportSql(report, { engine: 'athena', source: 'parquet', sources: 'all' }), trinoForm, `athena ${report}`);
    assert.equal(trino.validate(trinoForm), [], `trino ${report}`);
    assert.equal(spark.validate(reportSql(report, { engine: 'spark', source: 'parquet', sources: 'all' })), [], `spark ${report}`);
  }
});

test('the CloudTrail table form parses too (only the rows CTE differs between sources)', () => {
  for (const engine of ['trino', 'spark'] as const) {
    const form = reportSql('days', { engine, source: 'cloudtrail-table', sources: 'all' });
    assert.ok(form.includes('row_number() OVER (PARTITION BY eventid'));
    assert.equal(PARSERS[engine].validate(form), [], engine);
  }
});

/** Parse errors of SQL the parser must reject (its listener's console output kept out of the test log). */
function rejected(parser: TrinoSQL | SparkSQL, sql: string): number {
  const log = console.error;
  console.error = () => undefined;
  try {
    return parser.validate(sql).length;
  } finally {
    console.error = log;
  }
}

test('the grammars tell the dialects apart: Trino rejects Spark forms, so the check can fail', () => {
  const sparkForm = reportSql('cases', { engine: 'spark', source: 'parquet' });
  assert.ok(sparkForm.includes('LATERAL VIEW explode('));
  assert.ok(rejected(trino, sparkForm) > 0);
  assert.ok(rejected(trino, reportSql('denied', { engine: 'spark', source: 'parquet' })) > 0, 'RLIKE');
  assert.ok(rejected(spark, 'SELECT count(*) FROM support_rows GROUP BY') > 0);
});

test('the DDL parses: Athena CloudTrail table (Hive DDL), the dataset table for Athena, Trino and Spark', () => {
  const ddl = athenaCloudTrailDdl(DIALECTS.athena, {
    table: 'cloudtrail_logs',
    location: 's3://bucket/AWSLogs/o-abc123/',
    accounts: ['111122223333'],
    since: '2026/01/01',
  });
  assert.ok(ddl.includes("'storage.location.template' = 's3://bucket/AWSLogs/o-abc123/${account}/CloudTrail/${region}/${date}'"));
  assert.equal(hive.validate(ddl), []);
  assert.equal(hive.validate(datasetDdl(DIALECTS.athena, 'athena', 'support_events', 's3://bucket/dataset')), []);
  assert.equal(spark.validate(datasetDdl(DIALECTS.spark, 'spark', 'support_events', 's3://bucket/dataset')), []);
  assert.equal(trino.validate(datasetDdl(DIALECTS.trino, 'trino', 'hive.audit.support_events', 's3://bucket/dataset')), []);
});

test('instantMs() in DuckDB is read/utc-time.ts utcInstant: fractions truncated to ms, a leap second, impossible dates', async () => {
  const times = [
    '2026-01-05T10:20:00Z',
    '2026-01-05T10:20:00.5Z',
    '2026-01-05T10:20:00.123456789Z',
    '2026-01-05T10:20:00.1234567890Z',
    '2016-12-31T23:59:60Z',
    '2026-02-30T10:20:00Z',
    '2024-02-29T00:00:00Z',
    '2026-01-05T24:00:00Z',
    '2026-01-05T10:20:00',
    '2026-01-05 10:20:00Z',
    'yesterday',
  ];
  const d = DIALECTS.duckdb;
  const rows = await duck(`SELECT t, ${instantMs(d, 't')} AS ms FROM (VALUES ${times.map((t) => `(${d.str(t)})`).join(', ')}) AS v(t)`);
  assert.equal(rows.map((r) => (r.ms === null ? null : Number(r.ms))), times.map((t) => utcInstant(t) ?? null));
});

test('durationText() in DuckDB is cases/case-row.ts formatDuration', async () => {
  const ms = [0, 500, 59_000, 60_000, 61_250, 3_600_000, 3_600_100, 86_400_000, 90_061_001, 1_000_000_007];
  const rows = await duck(`SELECT ${durationText(DIALECTS.duckdb, 'ms')} AS text FROM (VALUES ${ms.map((m) => `(${m}::BIGINT)`).join(', ')}) AS v(ms)`);
  assert.equal(rows.map((r) => r.text), ms.map((m) => formatDuration(m / 1000)));
});

test.run();
