/** Parquet, Arrow and CSV exports read back by DuckDB, hyparquet and apache-arrow: types and values match the records. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { EXPORT_COLUMNS } from '../../src/export/columns.ts';
import { arrowRead, cli, duck, duckTypes, hyparquetRead } from '../_support/duck.ts';
import { exportFixture, NON_ASCII } from '../_support/export-fixture.ts';
import { tempDir } from '../_support/helpers.ts';

const fixture = exportFixture();
const out = tempDir('cts-out-');
const NAMES = EXPORT_COLUMNS.map((c) => c.name);
const ms = (iso: unknown) => Date.parse(iso as string);

function exportTo(format: string): string {
  const path = join(out, `rows.${format}`);
  const run = cli(['export', fixture.root, '--format', format, '--out', path]);
  assert.is(run.code, 0, run.stderr);
  return path;
}
const parquet = exportTo('parquet');
const arrow = exportTo('arrow');
const csv = exportTo('csv');

test('DuckDB reads the Parquet export with logical types: UTC timestamp, booleans, int, UTF-8 strings', async () => {
  const types = await duckTypes(`'${parquet}'`);
  assert.equal(Object.keys(types), NAMES);
  assert.is(types.eventTime, 'TIMESTAMP WITH TIME ZONE');
  assert.is(types.mfa, 'BOOLEAN');
  assert.is(types.readOnly, 'BOOLEAN');
  assert.is(types.index, 'INTEGER');
  for (const name of ['eventName', 'account', 'userAgent', 'errorMessage', 'raw']) assert.is(types[name], 'VARCHAR', name);
});

test('DuckDB reads the Parquet values of the records: timestamp, null, non-ASCII, empty string, raw JSON', async () => {
  const rows = await duck(`SELECT epoch_ms(eventTime) AS t, eventID, userAgent, errorCode, errorMessage, mfa, readOnly, "index", raw FROM '${parquet}'`);
  assert.is(rows.length, fixture.records.length);
  assert.equal(rows.map((r) => r.eventID), fixture.records.map((r) => r.eventID), 'discovery order: path order, then record index');
  assert.equal(rows.map((r) => Number(r.t)), fixture.records.map((r) => ms(r.eventTime)));
  assert.equal(rows.map((r) => r.index), fixture.indexes);
  const [b1, a1, a2] = rows;
  assert.is(a1.userAgent, NON_ASCII);
  assert.is(a1.errorCode, null);
  assert.is(a2.errorCode, 'AccessDenied');
  assert.is(a2.errorMessage, '', 'an empty string stays empty, not null');
  assert.equal([a1.mfa, a2.mfa, b1.mfa], [true, null, false]);
  rows.forEach((r, i) => assert.equal(JSON.parse(r.raw as string), fixture.records[i]));
});

test('the Parquet export is snappy-compressed and hyparquet reads the same rows as DuckDB', async () => {
  const read = await hyparquetRead(parquet);
  assert.equal(read.codecs, ['SNAPPY']);
  const viaDuck = await duck(`SELECT * EXCLUDE (eventTime), epoch_ms(eventTime) AS eventTime FROM '${parquet}'`);
  assert.is(read.rows.length, viaDuck.length);
  read.rows.forEach((row, i) => {
    assert.ok(row.eventTime instanceof Date);
    assert.equal({ ...row, eventTime: (row.eventTime as Date).getTime() }, { ...viaDuck[i], eventTime: Number(viaDuck[i].eventTime) });
  });
});

test('the Arrow export is an IPC file that apache-arrow reads with the same types and values', async () => {
  const read = arrowRead(arrow);
  assert.ok(read.isFile, 'IPC file format (footer), not the stream format');
  assert.equal(Object.keys(read.fields), NAMES);
  assert.is(read.fields.eventTime, 'Timestamp<MILLISECOND, UTC>');
  assert.is(read.fields.mfa, 'Bool');
  assert.is(read.fields.index, 'Int32');
  assert.is(read.fields.raw, 'Utf8');
  const viaDuck = await duck(`SELECT * EXCLUDE (eventTime), epoch_ms(eventTime) AS eventTime FROM '${parquet}'`);
  assert.equal(read.rows.map((r) => ({ ...r, eventTime: Number(r.eventTime) })), viaDuck.map((r) => ({ ...r, eventTime: Number(r.eventTime) })));
});

test('DuckDB reads the CSV export back with the same rows and values', async () => {
  const rows = await duck(
    `SELECT eventTime::VARCHAR AS t, eventID, userAgent, errorCode, "index", raw FROM read_csv('${csv}', header = true, all_varchar = true)`,
  );
  assert.is(rows.length, fixture.records.length);
  assert.equal(rows.map((r) => r.t), fixture.records.map((r) => r.eventTime));
  assert.is(rows[1].userAgent, NON_ASCII);
  assert.is(rows[1].errorCode, null, 'CSV has no null: an empty cell, which DuckDB reads as NULL');
  assert.equal(rows.map((r) => Number(r.index)), fixture.indexes);
  rows.forEach((r, i) => assert.equal(JSON.parse(r.raw as string), fixture.records[i]));
});

test('an empty export is still a readable Parquet and Arrow file with every column', async () => {
  const empty = tempDir('cts-empty-');
  for (const format of ['parquet', 'arrow']) {
    const path = join(out, `empty.${format}`);
    assert.is(cli(['export', empty, '--format', format, '--out', path]).code, 0);
    if (format === 'parquet') assert.equal(await duck(`SELECT count(*)::INT AS n FROM '${path}'`), [{ n: 0 }]);
    else assert.equal([arrowRead(path).rows.length, Object.keys(arrowRead(path).fields)], [0, NAMES]);
  }
  assert.equal(Object.keys(await duckTypes(`'${join(out, 'empty.parquet')}'`)), NAMES);
});

test.run();
