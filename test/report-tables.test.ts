/** `report --format parquet|arrow --out DIR`: one typed file per report, same rows as the JSON report. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { reportColumns } from '../src/export/columns.ts';
import { REPORT_NAMES } from '../src/reports/index.ts';
import { arrowRead, cli, duck, duckTypes } from './duck.ts';
import { exportFixture } from './export-fixture.ts';
import { tempDir } from './helpers.ts';

const { root } = exportFixture();
const doc = JSON.parse(cli(['report', root, '--format', 'json']).stdout);

function writeReports(format: string): string {
  const out = join(tempDir(), 'reports');
  const run = cli(['report', root, '--format', format, '--out', out]);
  assert.is(run.code, 0, run.stderr);
  assert.equal(readdirSync(out).sort(), [...REPORT_NAMES.map((n) => `${n}.${format}`), 'summary.json'].sort());
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

test('reportColumns() types report columns by their values, and an empty report by name hints', () => {
  const kinds = (name: string, rows: Record<string, unknown>[]) => reportColumns(name, Object.keys(rows[0] ?? { count: 0, firstSeen: 0, day: 0, who: 0 }), rows).map((c) => c.kind);
  const rows = [{ count: 2, share: 0.5, denied: true, firstSeen: '2026-01-05T10:15:00Z', day: '2026-01-05', who: 'bob', mixed: 1 }, { count: 3, share: 1, denied: null, firstSeen: null, day: '2026-01-06', who: null, mixed: 'x' }];
  assert.equal(kinds('any', rows), ['int64', 'double', 'boolean', 'timestamp', 'date', 'string', 'string']);
  assert.equal(kinds('any', []), ['int64', 'timestamp', 'date', 'string']);
  assert.equal(reportColumns('events', ['mfa', 'index', 'eventTime'], []).map((c) => c.kind), ['boolean', 'int32', 'timestamp']);
});

test('report --format parquet without --out exits 2 before reading', () => {
  const run = cli(['report', root, '--format', 'parquet']);
  assert.is(run.code, 2);
  assert.match(run.stderr, /--format parquet needs --out DIR/);
});

test.run();
