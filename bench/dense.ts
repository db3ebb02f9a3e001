/**
 * The dense half of `npm run bench`: archives where 40% of the records are Support events (Trusted
 * Advisor polling and busy case traffic), 1,000 records a file. On 400 files (160,000 Support
 * events): `report` (every report, and `--report actions`, the task DuckDB runs), `cases` and
 * `export --format parquet` against DuckDB's count per action, in the same run. On 2,000 files
 * (800,000 Support events): peak RSS of the same commands, and how it grows for 5x the events.
 * With Deno installed, the Parquet export on 400 files also runs under Deno (bench/deno.ts).
 */
import { cpus } from 'node:os';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpus } from './corpus.ts';
import { cliArgs, type CliCommand, measure, type Measured } from './measure.ts';
import { alternate, fastest, ratioLine } from './deno.ts';

export interface DenseRow {
  readonly system: string;
  readonly run: Measured;
  readonly big?: Measured;
}

type Best = (command: string, args: string[]) => Promise<Measured>;

/** Where the Deno run of the Parquet export goes: the binary, runs per runtime, and the lines of bench/deno.ts. */
export interface DenoRuns {
  readonly binary: string;
  readonly repeat: number;
  readonly lines: string[];
}

const DENSITY = 0.4;

/** Runs the dense corpora; `best` is run.ts's repeat-and-keep-the-fastest. */
export async function runDense(
  root: string,
  node: CliCommand,
  best: Best,
  log: (line: string) => void,
  bigFiles: number,
  deno?: DenoRuns,
): Promise<{ rows: DenseRow[]; table: string }> {
  // --dense-files 0 means the small corpus alone, at its default size.
  const small = await corpus({ files: bigFiles > 0 ? bigFiles / 5 : 400, recordsPerFile: 1000, supportDensity: DENSITY, seed: 'bench-v1' }, log);
  const big = bigFiles > 0 ? await corpus({ files: bigFiles, recordsPerFile: 1000, supportDensity: DENSITY, seed: 'bench-v1' }, log) : undefined;
  const out = join(tmpdir(), `bench-dense-${process.pid}.parquet`);
  const commands: [string, (dir: string) => string[]][] = [
    ['report (every report, JSON)', (dir) => ['report', dir, '--format', 'json']],
    ['report --report actions', (dir) => ['report', dir, '--format', 'json', '--report', 'actions']],
    ['cases (JSON)', (dir) => ['cases', dir, '--format', 'json']],
    ['export --format parquet', (dir) => ['export', dir, '--format', 'parquet', '--out', out]],
  ];
  const rows: DenseRow[] = [];
  for (const [system, args] of commands) {
    log(`dense: running ${system} ...`);
    let run: Measured;
    let underDeno: DenseRow | undefined;
    if (deno && system.startsWith('export')) {
      // Under Node and Deno alternately, each to its own file, compared byte for byte (bench/deno.ts).
      const outOf = (runtime: string) => join(tmpdir(), `bench-dense-${process.pid}-${runtime}.parquet`);
      const command = { args: (to?: string) => ['export', small.dir, '--format', 'parquet', '--out', to!], out: outOf };
      const paired = await alternate(root, node, deno.binary, command, deno.repeat);
      run = fastest(paired.node);
      underDeno = { system: `${system} under Deno`, run: fastest(paired.deno) };
      deno.lines.push(ratioLine(`${system} (dense corpus, ${small.spec.files} files)`, paired, { wall: 1.5 }));
    } else run = await best(node.command, cliArgs(node, args(small.dir)));
    // One run on the big corpus: it is there for the peak RSS.
    const bigRun = big ? await measure(node.command, cliArgs(node, args(big.dir)), root) : undefined;
    rmSync(out, { force: true });
    rows.push({ system, run, ...(bigRun ? { big: bigRun } : {}) });
    if (underDeno) rows.push(underDeno);
  }
  log('dense: running duckdb ...');
  const duck = await best(process.execPath, ['bench/peers/duckdb-count.mjs', small.dir, String(cpus().length)]);
  rows.push({ system: `DuckDB (read_json + unnest, ${cpus().length} threads), per action`, run: duck });
  const actions = JSON.parse(rows[1].run.stdout).reports.actions.filter((r: { eventSource: string }) => r.eventSource === 'support.amazonaws.com');
  const ours = Object.fromEntries(actions.map((r: { eventName: string; count: number }) => [r.eventName, r.count]).sort());
  const agree = JSON.stringify(ours) === JSON.stringify(JSON.parse(duck.stdout));
  const lines = [
    `Dense corpus: ${small.spec.files} files x 1,000 records, ${small.summary.supportRecords.toLocaleString('en')} Support events (${DENSITY * 100}%), ${
      (small.summary.gzipBytes / 1e6).toFixed(0)
    } MB gzip${big ? `; big: ${big.spec.files} files, ${big.summary.supportRecords.toLocaleString('en')} Support events` : ''}`,
    '',
    `| system | wall s | vs DuckDB | peak RSS MB | big: wall s | big: peak RSS MB | RSS big / small |`,
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) =>
      `| ${r.system} | ${r.run.seconds.toFixed(2)} | ${(r.run.seconds / duck.seconds).toFixed(2)}x | ${r.run.peakRssMB.toFixed(0)} | ${
        r.big ? r.big.seconds.toFixed(1) : ''
      } | ${r.big ? r.big.peakRssMB.toFixed(0) : ''} | ${r.big ? (r.big.peakRssMB / r.run.peakRssMB).toFixed(2) + 'x' : ''} |`
    ),
    '',
    `Support counts per action, ours (--report actions) and DuckDB's, agree: ${agree}.`,
  ];
  if (!agree) process.exitCode = 1;
  return { rows, table: lines.join('\n') };
}
