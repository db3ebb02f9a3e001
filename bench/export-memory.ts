/**
 * Export memory benchmark (not a timed test): a dense Support archive (1M records, 80% Support:
 * 2,000 files of 500, from bench/generate via bench/corpus.ts, cached), exported by the built CLI
 * in a child process per format; prints wall time, rows/s, output size and peak RSS. The target
 * is < 300 MB peak RSS. `--write` adds the table to bench/RESULTS.md.
 *
 *   npm run build && node --import tsx bench/export-memory.ts [--files 2000] [--formats parquet,arrow] [--workers N] [--write]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpus } from './corpus.ts';
import { cliArgs, cliCommand, measure } from './measure.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const arg = (name: string, fallback: string) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : fallback);
const files = Number(arg('files', '2000'));
const formats = arg('formats', 'parquet,arrow,csv,ndjson,json,parquet-partitioned').split(',');
const workers = process.argv.includes('--workers') ? ['--workers', arg('workers', '1')] : [];
const TARGET_MB = 300;

function sizeOf(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.size;
  return readdirSync(path, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).reduce(
    (sum, e) => sum + statSync(join(e.parentPath, e.name)).size,
    0,
  );
}

async function run(format: string, input: string, rows: number) {
  const out = mkdtempSync(join(tmpdir(), 'cts-bench-'));
  const partitioned = format === 'parquet-partitioned';
  const target = join(out, partitioned ? 'dataset' : `export.${format}`);
  const node = cliCommand(ROOT);
  const args = cliArgs(node, ['export', input, '--format', partitioned ? 'parquet' : format, '--out', target, ...workers]);
  if (partitioned) args.push('--partition-by', 'account,region,date');
  try {
    const m = await measure(node.command, args, ROOT);
    return {
      format,
      seconds: +m.seconds.toFixed(1),
      rowsPerSecond: Math.round(rows / m.seconds),
      outputMB: +(sizeOf(target) / 2 ** 20).toFixed(1),
      peakRssMB: Math.round(m.peakRssMB),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const log = (line: string) => console.error(line);
const c = await corpus({ files, recordsPerFile: 500, supportDensity: 0.8, seed: 'export-memory' }, log);
const header = `${c.summary.records} records, ${c.summary.supportRecords} Support rows, ${c.summary.logFiles} files (${
  (c.summary.gzipBytes / 2 ** 20).toFixed(0)
} MB gzip); node ${process.version}, ${cpus().length} cores, workers: ${workers[1] ?? 'default (1 for export)'}`;
log(header);
const results = [];
for (const format of formats) results.push(await run(format, c.dir, c.summary.supportRecords));
console.table(results);
const worst = Math.max(...results.map((r) => r.peakRssMB));
console.log(`highest peak RSS ${worst} MB: ${worst < TARGET_MB ? 'under' : 'OVER'} the ${TARGET_MB} MB target`);

if (process.argv.includes('--write')) {
  const path = join(ROOT, 'bench/RESULTS.md');
  const table = [
    '| format | seconds | rows/s | output MB | peak RSS MB |',
    '|---|---:|---:|---:|---:|',
    ...results.map((r) => `| ${r.format} | ${r.seconds} | ${r.rowsPerSecond} | ${r.outputMB} | ${r.peakRssMB} |`),
  ].join('\n');
  const section = `## Export memory (bench/export-memory.ts)\n\n${header}\n\n${table}\n`;
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    text = '# Benchmark results\n\n';
  }
  const marker = /## Export memory \(bench\/export-memory\.ts\)\n[\s\S]*?(?=\n## |$)/;
  writeFileSync(path, marker.test(text) ? text.replace(marker, section) : `${text.trimEnd()}\n\n${section}`);
}
