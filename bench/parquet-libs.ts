/**
 * Parquet writer comparison (not a timed test): hyparquet-writer (the tool's writer) against
 * parquet-wasm (Rust's parquet crate as WebAssembly). Each child process exports the same
 * generated corpus (400 files x 500 records, 80% Support) through the same scan and ~8 MiB
 * batches into one writer, so the times differ only by the writer; "scan only" is the floor.
 *
 *   (cd bench/parquet-libs && npm install)    # parquet-wasm is installed there, never in the tool
 *   npm run build && node --import tsx bench/parquet-libs.ts [--files 400]
 *
 * parquet-wasm takes Arrow, so its time includes encoding each batch as an Arrow IPC stream
 * (the same arquero/flechette path as the Arrow export): that is the cost of using it here.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { toArrow } from 'arquero';
import { tableToIPC } from '@uwdata/flechette';
import { exportArchive } from '../src/export/job.ts';
import { arrowTypes, toArquero } from '../src/export/arrow.ts';
import { openAtomic } from '../src/export/atomic.ts';
import { ParquetSink } from '../src/export/parquet.ts';
import { BatchedSink, type ExportRow, type RowSink } from '../src/export/row-sink.ts';
import { corpus } from './corpus.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const arg = (name: string, fallback: string) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : fallback);
const FILES = Number(arg('files', '400'));

/** A sink that drops rows: what the scan alone costs. */
const nullSink: RowSink = { write: async () => undefined, close: async () => undefined, abort: async () => undefined };

/** parquet-wasm's streaming writer fed one Arrow record batch per batch of rows. */
class ParquetWasmSink extends BatchedSink {
  private controller!: ReadableStreamDefaultController;
  private readonly done: Promise<void>;
  // parquet-wasm is loaded from bench/parquet-libs at run time, untyped on purpose (not a tool dependency).
  // deno-lint-ignore no-explicit-any
  constructor(private readonly wasm: any, path: string, codec: 'SNAPPY' | 'ZSTD') {
    super();
    const input = new ReadableStream({ start: (c) => void (this.controller = c) });
    const props = new wasm.WriterPropertiesBuilder().setCompression(wasm.Compression[codec]).build();
    this.done = (async () => {
      const fd = openSync(path, 'w');
      for await (const chunk of (await wasm.transformParquetStream(input, props)) as AsyncIterable<Uint8Array>) writeSync(fd, chunk);
      closeSync(fd);
    })();
  }
  protected async writeBatch(rows: readonly ExportRow[]): Promise<void> {
    const ipc = tableToIPC(toArrow(toArquero(rows), { types: arrowTypes() }), { format: 'stream' }) as Uint8Array;
    this.controller.enqueue(this.wasm.Table.fromIPCStream(ipc).recordBatch(0));
    await new Promise((resolve) => setImmediate(resolve)); // let the writer drain
  }
  protected async finish(): Promise<void> {
    this.controller.close();
    await this.done;
  }
  abort = async () => undefined;
}

const wasm = async () => import(pathToFileURL(join(HERE, 'parquet-libs/node_modules/parquet-wasm/node/parquet_wasm.js')).href);
const WRITERS: Record<string, (path: string) => Promise<RowSink>> = {
  'scan only (no writer)': async () => nullSink,
  'hyparquet-writer (snappy)': async (path) => new ParquetSink(await openAtomic(path)),
  'parquet-wasm (snappy)': async (path) => new ParquetWasmSink(await wasm(), path, 'SNAPPY'),
  'parquet-wasm (zstd)': async (path) => new ParquetWasmSink(await wasm(), path, 'ZSTD'),
};

const c = await corpus({ files: FILES, recordsPerFile: 500, supportDensity: 0.8, seed: 'export-memory' }, (l) => console.error(l));
if (process.argv.includes('--child')) {
  const name = arg('child', '');
  const path = join(mkdtempSync(join(tmpdir(), 'cts-pq-')), 'out.parquet');
  const started = performance.now();
  await exportArchive([c.dir], await WRITERS[name](path), { workers: 1 });
  const seconds = (performance.now() - started) / 1000;
  const fileMB = name.startsWith('scan') ? 0 : +(statSync(path).size / 2 ** 20).toFixed(1);
  process.stdout.write(JSON.stringify({ writer: name, seconds: +seconds.toFixed(1), fileMB, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
  rmSync(path, { force: true });
} else {
  const results = Object.keys(WRITERS).map((name) => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', name, '--files', String(FILES)], {
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`${name}: ${child.stderr}`);
    return JSON.parse(child.stdout);
  });
  const floor = results[0].seconds;
  console.log(`${c.summary.supportRecords} Support rows (${c.summary.records} records), one worker; node ${process.version}`);
  console.table(results.map((r) => ({ ...r, writerSeconds: +(r.seconds - floor).toFixed(1) })));
}
