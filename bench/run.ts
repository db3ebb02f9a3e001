/**
 * `npm run bench`: builds (or reuses) a generated corpus and runs, on the same bytes in one run,
 * our CLI (with its levers on and off), DuckDB, jq and the inflate floor. Checks that all systems
 * agree on the Support counts per action, and prints wall time, ratios, throughput and peak RSS.
 * Flags: --files N (default 2000, 1000 records each), --repeat N (default 3: the fastest run of
 * each system is kept; jq runs once), --no-jq, --write (update bench/RESULTS.md), --dense-files N
 * (the dense corpus's big size, default 2000; its small one is a fifth; 0: only the small one),
 * --no-dense, --only-dense, --no-deno (the Deno rows: report, validate and the dense Parquet export
 * under Deno, alternated run by run with Node; bench/deno.ts).
 */
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Corpus, corpus } from './corpus.ts';
import { cliArgs, cliCommand, measure, type Measured } from './measure.ts';
import { runDense } from './dense.ts';
import { alternate, denoBinary, fastest, formatWithDeno, type Paired, ratioLine } from './deno.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(args[at + 1]);
};
const log = (line: string) => console.error(line);

interface Row {
  system: string;
  run: Measured;
  counts?: Record<string, number>;
}

const REPEAT = option('repeat', 3);

/**
 * Runs a command REPEAT times: the wall time is the fastest run (the machine's noise only ever
 * adds time), the peak RSS the highest of all runs (GC timing moves it by ~15 MB between runs, and
 * the memory claims should hold for every run).
 */
async function best(command: string, commandArgs: string[]): Promise<Measured> {
  let fastest: Measured | undefined;
  let peakRssMB = 0;
  for (let i = 0; i < REPEAT; i++) {
    const run = await measure(command, commandArgs, ROOT);
    peakRssMB = Math.max(peakRssMB, run.peakRssMB);
    if (!fastest || run.seconds < fastest.seconds) fastest = run;
  }
  return { ...fastest!, peakRssMB };
}

const NODE = cliCommand(ROOT);
const DENO = flag('no-deno') ? undefined : denoBinary(ROOT);
/** Deno against Node, per command: filled as the runs go, printed after the tables. */
const denoLines: string[] = [];
const cli = (dir: string, extra: string[]) => best(NODE.command, cliArgs(NODE, ['report', dir, '--format', 'json', '--report', 'actions', ...extra]));
function supportCounts(stdout: string): Record<string, number> {
  const doc = JSON.parse(stdout);
  const rows = doc.reports.actions.filter((r: { eventSource: string }) => r.eventSource === 'support.amazonaws.com');
  return Object.fromEntries(rows.map((r: { eventName: string; count: number }) => [r.eventName, r.count]).sort());
}

async function runAll(c: Corpus): Promise<Row[]> {
  const rows: Row[] = [];
  const ours = async (system: string, extra: string[]) => {
    log(`running ${system} ...`);
    const run = await cli(c.dir, extra);
    rows.push({ system, run, counts: supportCounts(run.stdout) });
  };
  if (DENO) {
    log('running cloudtrail-support report under Node and Deno, alternately ...');
    const args = () => ['report', c.dir, '--format', 'json', '--report', 'actions'];
    const paired = await alternate(ROOT, NODE, DENO, { args }, REPEAT);
    for (const [system, runs] of [['cloudtrail-support report (default)', paired.node], ['  under Deno', paired.deno]] as const) {
      const run = fastest(runs);
      rows.push({ system, run, counts: supportCounts(run.stdout) });
    }
    denoLines.push(ratioLine('report (sparse corpus)', paired, { wall: 1.3, rss: 1.3 }));
  } else await ours('cloudtrail-support report (default)', []);
  await ours('  --inflate fflate', ['--inflate', 'fflate']);
  await ours('  --workers 1', ['--workers', '1']);
  await ours('  --no-prefilter', ['--no-prefilter']);
  log('running duckdb ...');
  const duck = await best(process.execPath, ['bench/peers/duckdb-count.mjs', c.dir, String(cpus().length)]);
  rows.push({ system: `DuckDB (read_json + unnest, ${cpus().length} threads)`, run: duck, counts: JSON.parse(duck.stdout) });
  if (!flag('no-jq') && spawnSync('jq', ['--version']).status === 0) {
    log('running zcat | jq ...');
    const jq = await measure('bash', ['bench/peers/jq-count.sh', c.dir], ROOT);
    rows.push({ system: 'zcat | jq', run: jq, counts: JSON.parse(jq.stdout) });
  }
  log('running the inflate floor ...');
  const floor = await best(process.execPath, ['bench/peers/inflate-floor.mjs', c.dir]);
  rows.push({ system: 'inflate floor (node:zlib, 1 thread)', run: floor });
  return rows;
}

interface ValidateRate {
  recordsPerSecond: number;
  /** Inflate + JSON.parse of every file on one thread, nothing checked (bench/peers/parse-ceiling.mjs). */
  ceiling: { records: number; seconds: number; parseSeconds: number };
}

function table(c: Corpus, rows: Row[], flat: { small: Measured; big: Measured; ratio: number }, validate: ValidateRate): string {
  const duck = rows.find((r) => r.system.startsWith('DuckDB'))!.run.seconds;
  const floor = rows.find((r) => r.system.startsWith('inflate floor'))!.run.seconds;
  const mb = c.summary.jsonBytes / 1e6;
  const lines = [
    `Corpus: ${c.spec.files} files x ${c.spec.recordsPerFile} records = ${
      c.summary.records.toLocaleString('en')
    } records, ${c.summary.supportRecords} Support events, ${(c.summary.gzipBytes / 1e6).toFixed(0)} MB gzip / ${(mb / 1000).toFixed(2)} GB JSON`,
    `Run: ${new Date().toISOString().slice(0, 16)}Z; wall time: fastest of ${REPEAT} runs per system (jq: 1); peak RSS: highest of those runs`,
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${
      (totalmem() / 2 ** 30).toFixed(0)
    } GiB, Node ${process.version}, DuckDB ${duckVersion()}, ${jqVersion()}`,
    '',
    '| system | wall s | vs DuckDB | vs floor/cores | JSON MB/s | records/s | peak RSS MB |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) =>
      `| ${r.system.replaceAll('|', '\\|')} | ${r.run.seconds.toFixed(2)} | ${(r.run.seconds / duck).toFixed(2)}x | ${
        (r.run.seconds / (floor / cpus().length)).toFixed(2)
      }x | ${(mb / r.run.seconds).toFixed(0)} | ${Math.round(c.summary.records / r.run.seconds).toLocaleString('en')} | ${r.run.peakRssMB.toFixed(0)} |`
    ),
    '',
    `Inflate floor spread over ${cpus().length} cores: ${(floor / cpus().length).toFixed(2)} s; default report = ${
      (rows[0].run.seconds / (floor / cpus().length)).toFixed(2)
    }x that floor.`,
    `Memory flatness: peak RSS ${flat.small.peakRssMB.toFixed(0)} MB on 1/5 of the files, ${flat.big.peakRssMB.toFixed(0)} MB on all (${
      flat.ratio.toFixed(2)
    }x for 5x the data).`,
    `validate (every record through the full schema, 1 worker, fastest of ${DENO ? REPEAT : 1}): ${
      Math.round(validate.recordsPerSecond).toLocaleString('en')
    } records/s on one core.`,
    `Its ceiling here, inflate + JSON.parse of every file and no checks at all, 1 thread: ${
      Math.round(validate.ceiling.records / validate.ceiling.seconds).toLocaleString('en')
    } records/s (JSON.parse alone: ${Math.round(validate.ceiling.records / validate.ceiling.parseSeconds).toLocaleString('en')} records/s).`,
  ];
  return lines.join('\n');
}

function duckVersion(): string {
  const out = spawnSync(process.execPath, [
    '-e',
    "import('@duckdb/node-api').then(async (m) => { const c = await (await m.DuckDBInstance.create(':memory:')).connect(); console.log((await c.runAndReadAll('select version() v')).getRowObjects()[0].v) })",
  ], { cwd: ROOT, encoding: 'utf8' });
  return out.stdout.trim() || 'unknown';
}

const jqVersion = () => spawnSync('jq', ['--version'], { encoding: 'utf8' }).stdout?.trim() || 'jq not installed';

async function sparse(): Promise<{ text: string; disagree: number }> {
  const files = option('files', 2000);
  const big = await corpus({ files, recordsPerFile: 1000, supportDensity: 1 / 5000, seed: 'bench-v1' }, log);
  const small = await corpus({ files: Math.max(1, Math.round(files / 5)), recordsPerFile: 1000, supportDensity: 1 / 5000, seed: 'bench-v1' }, log);
  const rows = await runAll(big);
  const reference = JSON.stringify(rows[0].counts);
  const disagree = rows.filter((r) => r.counts && JSON.stringify(r.counts) !== reference);
  log('running the memory-flatness and validate runs ...');
  const smallRun = await cli(small.dir, []);
  const flat = { small: smallRun, big: rows[0].run, ratio: rows[0].run.peakRssMB / smallRun.peakRssMB };
  const validateArgs = () => ['validate', small.dir, '--format', 'json', '--workers', '1'];
  let validateRun: Measured;
  if (DENO) {
    const paired: Paired = await alternate(ROOT, NODE, DENO, { args: validateArgs }, REPEAT);
    validateRun = fastest(paired.node);
    denoLines.push(ratioLine('validate (1 worker, 1/5 of the sparse corpus)', paired, { wall: 1.5 }));
  } else validateRun = await measure(NODE.command, cliArgs(NODE, validateArgs()), ROOT);
  const validated = JSON.parse(validateRun.stdout).records.seen as number;
  log('running the parse ceiling ...');
  const ceilingRun = await best(process.execPath, ['bench/peers/parse-ceiling.mjs', small.dir]);
  const ceiling = JSON.parse(ceilingRun.stdout) as { records: number; seconds: number; parseSeconds: number };
  const text = table(big, rows, flat, { recordsPerSecond: validated / validateRun.seconds, ceiling });
  const agreement = disagree.length === 0 ? `All systems agree: ${reference}` : `DISAGREEMENT: ${disagree.map((r) => r.system).join(', ')}`;
  return { text: `${text}\n\nSupport counts per action (sparse corpus): ${agreement}`, disagree: disagree.length };
}

const parts: string[] = [];
let disagreements = 0;
if (!flag('only-dense')) {
  const result = await sparse();
  parts.push(result.text);
  disagreements += result.disagree;
}
if (!flag('no-dense')) {
  const dense = await runDense(ROOT, NODE, best, log, option('dense-files', 2000), DENO ? { binary: DENO, repeat: REPEAT, lines: denoLines } : undefined);
  parts.push(dense.table);
}
if (DENO) {
  const version = spawnSync(DENO, ['--version'], { encoding: 'utf8' }).stdout.split(' (')[0];
  parts.push(
    [`Deno (${version}, the sources) against Node (${process.version}, the build), alternated run by run:`, '', ...denoLines.map((l) => `- ${l}`)].join('\n'),
  );
}
const report = parts.join('\n\n');
console.log(report);

if (flag('write')) {
  // Other benchmarks keep their own `## ` sections below this one (bench/export-memory.ts): keep them.
  const results = new URL('./RESULTS.md', import.meta.url);
  const previous = existsSync(results) ? readFileSync(results, 'utf8') : '';
  const others = previous.includes('\n## ') ? previous.slice(previous.indexOf('\n## ')) : '';
  writeFileSync(
    results,
    `# Benchmark results\n\nProduced by \`npm run bench -- --write\`.\n\n${report}\n${others}`,
  );
  // `npm test` checks the formatting of bench/ (deno fmt --check): the tables are aligned here.
  formatWithDeno(ROOT, fileURLToPath(results));
}
if (disagreements > 0) process.exitCode = 1;
