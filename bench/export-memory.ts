/**
 * Export memory benchmark (not a timed test): generates a dense Support archive once (cached in
 * bench/.corpus/), then runs the built CLI's `export` in a child process per format and prints
 * wall time, rows/s, output size and peak RSS. The target is < 300 MB peak RSS at 1M records.
 *
 *   npm run build && node --import tsx bench/export-memory.ts [--records 1000000] [--share 0.8] [--formats parquet,arrow,csv]
 *
 * Peak RSS comes from the child itself (process.resourceUsage().maxRSS at exit, injected with
 * --import), cross-checked with /usr/bin/time -v when the machine has it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSupportArchive } from './support-archive.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const records = Number(arg('records', '1000000'));
const share = Number(arg('share', '0.8'));
const formats = arg('formats', 'parquet,arrow,csv,ndjson,json,parquet-partitioned').split(',');

function corpus(): { dir: string; support: number; files: number } {
  const dir = join(ROOT, 'bench', '.corpus', `support-dense-${records}-${share}`);
  const marker = join(dir, 'archive.json');
  if (existsSync(marker)) return { dir, ...JSON.parse(readFileSync(marker, 'utf8')) };
  rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  const made = writeSupportArchive(dir, { records, supportShare: share, seed: 42 });
  writeFileSync(marker, JSON.stringify(made));
  console.log(`generated ${records} records (${made.support} Support) in ${made.files} files in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { dir, ...made };
}

const RSS_AT_EXIT = `data:text/javascript,process.on('exit',()=>process.stderr.write('MAXRSS_KB='+process.resourceUsage().maxRSS+'\\n'))`;
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function sizeOf(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.size;
  return readdirSync(path, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0);
}

function run(format: string, input: string, support: number) {
  const out = mkdtempSync(join(tmpdir(), 'cts-bench-'));
  const partitioned = format === 'parquet-partitioned';
  const target = partitioned ? join(out, 'dataset') : join(out, `export.${format}`);
  const cli = [process.execPath, '--import', RSS_AT_EXIT, join(ROOT, 'dist/src/cli.js'), 'export', input, '--format', partitioned ? 'parquet' : format, '--out', target];
  if (partitioned) cli.push('--partition-by', 'account,region,date');
  const argv = TIME ? [TIME, '-v', ...cli] : cli;
  const started = performance.now();
  const child = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`${format}: exit ${child.status}\n${child.stderr}`);
  const selfMb = Number(/MAXRSS_KB=(\d+)/.exec(child.stderr)?.[1]) / 1024;
  const timeMb = TIME ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(child.stderr)?.[1]) / 1024 : NaN;
  const result = { format, seconds: +seconds.toFixed(1), rowsPerSecond: Math.round(support / seconds), outputMB: +(sizeOf(target) / 2 ** 20).toFixed(1), peakRssMB: Math.round(selfMb), timeRssMB: Math.round(timeMb) };
  rmSync(out, { recursive: true, force: true });
  return result;
}

const { dir, support, files } = corpus();
console.log(`archive: ${records} records, ${support} Support rows, ${files} files; node ${process.version}`);
const results = formats.map((f) => run(f, dir, support));
console.table(results);
const worst = Math.max(...results.map((r) => r.peakRssMB));
console.log(`peak RSS ${worst} MB: ${worst < 300 ? 'under' : 'OVER'} the 300 MB target`);
