/** `report --format parquet|arrow --out DIR`: one typed file per report, same rows as the JSON report. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ColumnKind } from '../../src/export/columns.ts';
import { REPORT_COLUMN_KINDS, reportColumnSpecs, reportTableFiles, type ReportTableFormat } from '../../src/export/report-tables.ts';
import { type ReportDocument, toReportDocument } from '../../src/reports/document.ts';
import { REPORT_NAMES } from '../../src/reports/index.ts';
import { buildReports } from '../../src/reports/partial.ts';
import { scan, type ScanResult } from '../../src/scan/scan.ts';
import { arrowRead, cli, duck, duckTypes, hyparquetRead } from '../_support/duck.ts';
import { exportFixture } from '../_support/export-fixture.ts';
import { SAMPLES, tempDir } from '../_support/helpers.ts';

const { root } = exportFixture();
const doc = JSON.parse(cli(['report', root, '--format', 'json']).stdout);

function writeReports(format: string): string {
  const out = join(tempDir(), 'reports');
  const run = cli(['report', root, '--format', format, '--out', out]);
  assert.is(run.code, 0, run.stderr);
  assert.equal(readdirSync(out).sort(), [...REPORT_NAMES.map((n) => `${n}.${format}`), 'manifest.json', 'summary.json'].sort());
  return out;
}

test('report --format parquet writes every report with its rows and declared types', async () => {
  const out = writeReports('parquet');
  for (const name of REPORT_NAMES) {
    const path = `'${join(out, `${name}.parquet`)}'`;
    if (doc.reports[name].length > 0) assert.equal(Object.keys(await duckTypes(path)), Object.keys(doc.reports[name][0]), name);
    assert.is(Number((await duck(`SELECT count(*) AS n FROM ${path}`))[0].n), doc.reports[name].length, name);
  }
  const actions = await duckTypes(`'${join(out, 'actions.parquet')}'`);
  assert.equal([actions.count, actions.firstSeen, actions.eventName], ['BIGINT', 'TIMESTAMP WITH TIME ZONE', 'VARCHAR']);
  assert.is((await duckTypes(`'${join(out, 'days.parquet')}'`)).day, 'DATE');
  const days = await duck(`SELECT day::VARCHAR AS day, count::INT AS count FROM '${join(out, 'days.parquet')}' ORDER BY day`);
  assert.equal(days, doc.reports.days.map((d: { day: string; count: number }) => ({ day: d.day, count: d.count })));
});

test('report --format arrow writes Arrow IPC files with the same rows', () => {
  const out = writeReports('arrow');
  for (const name of REPORT_NAMES) {
    const read = arrowRead(join(out, `${name}.arrow`));
    assert.ok(read.isFile);
    assert.is(read.rows.length, doc.reports[name].length, name);
  }
  const actions = arrowRead(join(out, 'actions.arrow'));
  assert.is(actions.fields.count, 'Int64');
  assert.is(actions.fields.firstSeen, 'Timestamp<MILLISECOND, UTC>');
  assert.equal(actions.rows.map((r) => r.eventName), doc.reports.actions.map((r: { eventName: string }) => r.eventName));
});

/** How DuckDB (Parquet) and apache-arrow (Arrow) name each declared kind. */
const DUCK: Record<ColumnKind, string> = {
  string: 'VARCHAR',
  int32: 'INTEGER',
  int64: 'BIGINT',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMP WITH TIME ZONE',
  date: 'DATE',
  'string-list': 'VARCHAR[]',
};
const ARROW: Record<ColumnKind, string> = {
  string: 'Utf8',
  int32: 'Int32',
  int64: 'Int64',
  double: 'Float64',
  boolean: 'Bool',
  timestamp: 'Timestamp<MILLISECOND, UTC>',
  date: 'Date32<DAY>',
  'string-list': 'List<Utf8>',
};

// Inputs that used to change the types: the samples, nothing, cases never resolved, a resolve
// half a second later (a fractional secondsToResolve).
const sampled: ScanResult = await scan([SAMPLES], { workers: 1 });
const withRows = (rows: ScanResult['rows']): ReportDocument => toReportDocument(sampled, buildReports(rows, REPORT_NAMES));
const SCENARIOS: Record<'samples' | 'empty' | 'neverResolved' | 'fractionalResolve', ReportDocument> = {
  samples: withRows(sampled.rows),
  empty: withRows([]),
  neverResolved: withRows(sampled.rows.filter((r) => r.eventName === 'CreateCase')),
  fractionalResolve: withRows(sampled.rows.map((r) => (r.eventName === 'ResolveCase' ? { ...r, eventTime: r.eventTime.replace('Z', '.5Z') } : r))),
};

/** Column types of every report file written for `doc`, as DuckDB or apache-arrow reads them. */
async function typesOf(doc: ReportDocument, format: ReportTableFormat): Promise<Record<string, Record<string, string>>> {
  const out = join(tempDir(), 'reports');
  mkdirSync(out);
  for (const [file, bytes] of reportTableFiles(doc, format)) writeFileSync(join(out, file), bytes);
  const types: Record<string, Record<string, string>> = {};
  for (const name of REPORT_NAMES) {
    const path = join(out, `${name}.${format}`);
    types[name] = format === 'parquet' ? await duckTypes(`'${path}'`) : arrowRead(path).fields;
  }
  return types;
}

test('the scenarios cover what used to change the types', () => {
  const cases = (s: keyof typeof SCENARIOS) => [...SCENARIOS[s].reports.get('cases')!.rows];
  assert.ok(REPORT_NAMES.every((n) => SCENARIOS.samples.reports.get(n)!.rows.length > 0));
  assert.ok(REPORT_NAMES.every((n) => n === 'credentials' || SCENARIOS.empty.reports.get(n)!.rows.length === 0));
  assert.ok(
    cases('samples').some((c) => c.resolvedAt !== null) && cases('samples').every((c) => c.secondsToResolve === null || Number.isInteger(c.secondsToResolve)),
  );
  assert.ok(cases('neverResolved').length > 0 && cases('neverResolved').every((c) => c.resolvedAt === null && c.secondsToResolve === null));
  assert.ok(cases('fractionalResolve').some((c) => typeof c.secondsToResolve === 'number' && !Number.isInteger(c.secondsToResolve)));
});

test('the case flags are a list in Parquet (DuckDB and hyparquet read VARCHAR[]) and in Arrow, an array in JSON', async () => {
  const out = join(tempDir(), 'reports');
  mkdirSync(out);
  const doc = SCENARIOS.samples;
  for (const format of ['parquet', 'arrow'] as const) for (const [file, bytes] of reportTableFiles(doc, format)) writeFileSync(join(out, file), bytes);
  const expected = [...doc.reports.get('cases')!.rows].map((c) => c.flags);
  assert.ok(expected.some((f) => Array.isArray(f) && f.length === 2), 'a case with two flags');
  assert.ok(expected.some((f) => Array.isArray(f) && f.length === 0), 'a case with none');
  const viaDuck = await duck(`SELECT flags FROM '${join(out, 'cases.parquet')}'`);
  assert.equal(viaDuck.map((r) => r.flags), expected);
  const viaHyparquet = await hyparquetRead(join(out, 'cases.parquet'));
  assert.equal(viaHyparquet.rows.map((r) => r.flags), expected);
  assert.equal(arrowRead(join(out, 'cases.arrow')).rows.map((r) => [...(r.flags as Iterable<string>)]), expected, 'an Arrow List<Utf8> vector');
  assert.equal(JSON.parse(JSON.stringify(doc)).reports.cases.map((c: { flags: string[] }) => c.flags), expected);
});

for (const format of ['parquet', 'arrow'] as const) {
  test(`report ${format} files: every column has its declared type, the same for every scenario`, async () => {
    const expected = Object.fromEntries(
      REPORT_NAMES.map((n) => [n, Object.fromEntries(Object.entries(REPORT_COLUMN_KINDS[n]).map(([c, k]) => [c, (format === 'parquet' ? DUCK : ARROW)[k]]))]),
    );
    for (const [scenario, doc] of Object.entries(SCENARIOS)) {
      const types = await typesOf(doc, format);
      for (const name of REPORT_NAMES) {
        assert.equal(Object.entries(types[name]), Object.entries(expected[name]), `${format} ${scenario} ${name}`);
      }
    }
    const t = format === 'parquet' ? DUCK : ARROW;
    const k = expected;
    assert.equal([k.cases.resolvedAt, k.cases.openedAt, k.cases.secondsToResolve, k.cases.createdInWindow, k.cases.communications], [
      t.timestamp,
      t.timestamp,
      t.double,
      t.boolean,
      t.int64,
    ]);
    assert.equal([k.actions.principals, k.accounts.principals, k.days.principals, k.days.actions, k.denied.denied], [
      t.int64,
      t.int64,
      t.int64,
      t.int64,
      t.boolean,
    ]);
  });
}

test('a fractional secondsToResolve reads back as it was computed', async () => {
  const out = join(tempDir(), 'reports');
  mkdirSync(out);
  for (const [file, bytes] of reportTableFiles(SCENARIOS.fractionalResolve, 'parquet')) writeFileSync(join(out, file), bytes);
  const expected = [...SCENARIOS.fractionalResolve.reports.get('cases')!.rows].map((c) => c.secondsToResolve).filter((s) => s !== null);
  const read = await duck(`SELECT secondsToResolve AS s FROM '${join(out, 'cases.parquet')}' WHERE s IS NOT NULL`);
  assert.equal(read.map((r) => r.s).sort(), [...expected].sort());
});

test("REPORT_COLUMN_KINDS declares every report column, in the report's order; an undeclared column is an error", () => {
  for (const [name, t] of buildReports([])) assert.equal(Object.keys(REPORT_COLUMN_KINDS[name]), [...t.columns], name);
  assert.throws(() => reportColumnSpecs('actions', ['count', 'surprise']), /actions: column surprise has no declared type/);
});

test('report --format parquet without --out exits 2 before reading', () => {
  const run = cli(['report', root, '--format', 'parquet']);
  assert.is(run.code, 2);
  assert.match(run.stderr, /--format parquet needs --out DIR/);
});

test.run();
