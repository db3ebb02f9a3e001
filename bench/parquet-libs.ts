/**
 * Parquet writer comparison (not a timed test): hyparquet-writer (the tool's writer) against
 * parquet-wasm (Rust parquet crate as WebAssembly), writing the same Support rows in the same
 * ~8 MiB batches as the export, each library in its own child process for a clean peak RSS.
 *
 *   (cd bench/parquet-libs && npm install)    # parquet-wasm is installed there only
 *   node --import tsx bench/parquet-libs.ts [--rows 200000]
 *
 * parquet-wasm takes Arrow, so its time includes encoding each batch as an Arrow IPC stream
 * (through the same arquero/flechette path as the Arrow export): that is the cost of using it here.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, statSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { toArrow } from 'arquero';
import { tableToIPC } from '@uwdata/flechette';
import { arrowTypes, toArquero } from '../src/export/arrow.ts';
import { openAtomic } from '../src/export/atomic.ts';
import { EXPORT_COLUMNS } from '../src/export/columns.ts';
import { ParquetSink } from '../src/export/parquet.ts';
import type { ExportRow } from '../src/export/row-sink.ts';
import { toSupportRow } from '../src/support-rows.ts';
import { rng, supportRecord, uuid } from './support-archive.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const arg = (name: string, fallback: string) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : fallback);
const ROWS = Number(arg('rows', '200000'));
const BATCH = 7000; // ~8 MiB of values, as DEFAULT_BATCH_LIMITS gives on these rows

/** The same rows for every library, made batch by batch so input memory stays small. */
function* batches(): Generator<ExportRow[]> {
  const r = rng(7);
  const file = { path: 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/x.json.gz', kind: 'log' as const, size: 0 };
  for (let start = 0; start < ROWS; start += BATCH) {
    const rows: ExportRow[] = [];
    for (let i = start; i < Math.min(ROWS, start + BATCH); i++) {
      const time = new Date(Date.parse('2026-01-05T00:00:00Z') + i * 1000).toISOString().replace('.000', '');
      rows.push(toSupportRow(supportRecord(r, '111122223333', 'us-east-1', time, uuid(r)), file, i % 500) as unknown as ExportRow);
    }
    yield rows;
  }
}

async function hyparquetWriter(path: string): Promise<void> {
  const sink = new ParquetSink(await openAtomic(path), EXPORT_COLUMNS, { rows: BATCH, bytes: Infinity });
  for (const rows of batches()) await sink.write(rows);
  await sink.close();
}

async function parquetWasm(path: string, codec: 'SNAPPY' | 'ZSTD'): Promise<void> {
  const wasm = await import(pathToFileURL(join(HERE, 'parquet-libs/node_modules/parquet-wasm/node/parquet_wasm.js')).href);
  const props = new wasm.WriterPropertiesBuilder().setCompression(wasm.Compression[codec]).setMaxRowGroupSize(BATCH).build();
  const source = batches();
  const input = new ReadableStream({
    pull(controller) {
      const next = source.next();
      if (next.done) return controller.close();
      const arrow = toArrow(toArquero(next.value), { types: arrowTypes() });
      controller.enqueue(wasm.Table.fromIPCStream(tableToIPC(arrow, { format: 'stream' }) as Uint8Array).recordBatch(0));
    },
  });
  const output = await wasm.transformParquetStream(input, props);
  const fd = openSync(path, 'w');
  for await (const chunk of output as AsyncIterable<Uint8Array>) writeSync(fd, chunk);
  closeSync(fd);
}

const LIBS: Record<string, (path: string) => Promise<void>> = {
  // Baseline: making the rows alone, to subtract from the writers' times.
  'rows only (no writer)': async (path) => {
    for (const rows of batches()) void rows;
    closeSync(openSync(path, 'w'));
  },
  'hyparquet-writer (snappy)': hyparquetWriter,
  'parquet-wasm (snappy)': (p) => parquetWasm(p, 'SNAPPY'),
  'parquet-wasm (zstd)': (p) => parquetWasm(p, 'ZSTD'),
};

if (process.argv.includes('--child')) {
  const name = arg('child', '');
  const path = join(mkdtempSync(join(tmpdir(), 'cts-pq-')), 'out.parquet');
  const started = performance.now();
  await LIBS[name](path);
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(JSON.stringify({ library: name, seconds: +seconds.toFixed(1), rowsPerSecond: Math.round(ROWS / seconds), fileMB: +(statSync(path).size / 2 ** 20).toFixed(1), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
  rmSync(path);
} else {
  const results = Object.keys(LIBS).map((name) => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', name, '--rows', String(ROWS)], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`${name}: ${child.stderr}`);
    return JSON.parse(child.stdout);
  });
  console.log(`${ROWS} Support rows, batches of ${BATCH}; node ${process.version}`);
  console.table(results);
}
