/** Streaming writers: batches give the same bytes as one shot, bounded row groups, atomic files. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunError } from '../../src/errors.ts';
import { exportArchive } from '../../src/export/job.ts';
import { openAtomic } from '../../src/export/atomic.ts';
import { ArrowSink } from '../../src/export/arrow.ts';
import { openExport } from '../../src/export/open-export.ts';
import { ParquetSink } from '../../src/export/parquet.ts';
import type { ExportRow } from '../../src/export/row-sink.ts';
import { renderTextRows, type TextRowFormat, textRowSink } from '../../src/export/text-rows.ts';
import { toSupportRow } from '../../src/rows/support-row.ts';
import { arrowRead, hyparquetRead } from '../_support/duck.ts';
import { record, rejects, tempDir } from '../_support/helpers.ts';

const file = { path: 'f.json', kind: 'log' as const, size: 1 };
const rows: ExportRow[] = Array.from({ length: 25 }, (_, i) => toSupportRow(record({ eventID: `id-${i}` }), file, i) as unknown as ExportRow);

test('a text export streamed in batches is byte-identical to rendering all rows at once', async () => {
  for (const format of ['csv', 'ndjson', 'json'] as TextRowFormat[]) {
    for (const data of [rows, []]) {
      const path = join(tempDir(), `out.${format}`);
      const sink = textRowSink(await openAtomic(path), format);
      for (let i = 0; i < data.length; i += 7) await sink.write(data.slice(i, i + 7));
      await sink.close();
      assert.is(readFileSync(path, 'utf8'), renderTextRows(data, format), `${format}, ${data.length} rows`);
    }
  }
  assert.equal(JSON.parse(renderTextRows(rows, 'json')).map((r: { eventID: string }) => r.eventID), rows.map((r) => r.eventID));
  assert.equal(JSON.parse(renderTextRows([], 'json')), []);
});

test('a text export renders a large write in slices of 1,000 rows, so the text of a whole document is never one string', async () => {
  const many = Array.from({ length: 2500 }, (_, i) => rows[i % rows.length]);
  for (const format of ['csv', 'ndjson', 'json'] as TextRowFormat[]) {
    const texts: string[] = [];
    const out = { write: async (data: string | Uint8Array) => void texts.push(String(data)), commit: async () => undefined, abort: async () => undefined };
    const sink = textRowSink(out, format);
    await sink.write(many);
    await sink.close();
    assert.is(texts.length, 5, `${format}: head, three slices, tail`);
    assert.is(texts.join(''), renderTextRows(many, format));
  }
});

test('ParquetSink writes one row group per batch, so memory is bounded by the batch', async () => {
  const path = join(tempDir(), 'rows.parquet');
  const sink = new ParquetSink(await openAtomic(path), undefined, { rows: 10, bytes: 1 << 30 });
  await sink.write(rows.slice(0, 12));
  await sink.write(rows.slice(12));
  await sink.close();
  const read = await hyparquetRead(path);
  assert.is(read.rowGroups, 3);
  assert.equal(read.rows.map((r) => r.eventID), rows.map((r) => r.eventID));
});

test('ArrowSink writes one record batch per batch into a valid IPC file', async () => {
  const path = join(tempDir(), 'rows.arrow');
  const sink = new ArrowSink(await openAtomic(path), undefined, { rows: 10, bytes: 1 << 30 });
  await sink.write(rows);
  await sink.close();
  const read = arrowRead(path);
  assert.ok(read.isFile);
  assert.is(read.batches, 3);
  assert.equal(read.rows.map((r) => r.eventID), rows.map((r) => r.eventID));
});

test('openAtomic() shows nothing at the path until commit, and abort leaves no file', async () => {
  const dir = tempDir();
  const path = join(dir, 'out.bin');
  const kept = await openAtomic(path);
  await kept.write('part one, ');
  assert.not.ok(existsSync(path));
  await kept.write(Uint8Array.of(0x41));
  await kept.commit();
  assert.is(readFileSync(path, 'utf8'), 'part one, A');
  const dropped = await openAtomic(join(dir, 'other.bin'));
  await dropped.write('x');
  await dropped.abort();
  assert.equal(readdirSync(dir), ['out.bin']);
});

test('exportArchive() removes the temp file when the run fails', async () => {
  const dir = tempDir();
  for (const format of ['parquet', 'arrow', 'csv'] as const) {
    const sink = await openExport({ format, out: join(dir, `out.${format}`) });
    await rejects(() => exportArchive(['/no/such/archive'], sink), (e) => e instanceof RunError);
  }
  assert.equal(readdirSync(dir), []);
});

test.run();
