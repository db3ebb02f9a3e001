/**
 * Hostile-input memory benchmark (issue 19 item 10; not part of `npm test`): builds the bombs,
 * files over the cap and the heaviest valid files the default cap lets through in a temp folder
 * (bench/hostile-inputs.ts), runs each command of the built CLI on each input alone, with the
 * defaults and the bin's shebang flags, and prints its peak RSS (GNU time's %M). Every figure must
 * be at most 512 MB. `--write` puts the table in bench/RESULTS.md.
 *
 *   npm run build && node --import tsx bench/hostile-memory.ts [--inputs a.zip,b.json.gz] [--commands report,export-parquet] [--dir DIR] [--write]
 *
 * `--dir` keeps the inputs in DIR (built once, reused by the next run with the same DIR).
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildHostileInputs, type HostileInput } from './hostile-inputs.ts';
import { cliArgs, cliCommand } from './measure.ts';
import { formatWithDeno } from './deno.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LIMIT_MB = 512;
const arg = (name: string) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : undefined);

/** The commands measured: the arguments after the input path (`OUT` is replaced by a file in the run's folder). */
const COMMANDS: Record<string, readonly string[]> = {
  'report': ['report', '--format', 'json'],
  'cases': ['cases', '--format', 'json'],
  'export-parquet': ['export', '--format', 'parquet', '--out', 'OUT.parquet'],
  'export-csv': ['export', '--format', 'csv', '--out', 'OUT.csv'],
  'validate': ['validate', '--format', 'json'],
};

interface Run {
  readonly exit: number;
  readonly seconds: number;
  readonly peakMB: number;
}

/** Runs the CLI once with stdout to a file (its output is not held here); exit code, wall time and peak RSS. */
async function runCli(args: readonly string[], scratch: string): Promise<Run> {
  const timeFile = join(scratch, 'time');
  const out = openSync(join(scratch, 'stdout'), 'w');
  const node = cliCommand(ROOT);
  const argv = ['-f', '%M', '-o', timeFile, node.command, ...cliArgs(node, args, join(ROOT, 'dist/src/cli.js'))];
  const started = performance.now();
  const child = spawn('/usr/bin/time', argv, { cwd: scratch, stdio: ['ignore', out, 'ignore'] });
  const exit: number = await new Promise((resolve) => child.on('close', resolve));
  closeSync(out);
  const seconds = (performance.now() - started) / 1000;
  // GNU time writes "Command exited with non-zero status N" before the figure when the command fails.
  const peakKB = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop());
  return { exit, seconds, peakMB: peakKB / 1024 };
}

const log = (line: string) => console.error(line);
if (!existsSync('/usr/bin/time')) throw new Error('needs GNU time (/usr/bin/time) for peak RSS');
const dir = arg('dir') ?? mkdtempSync(join(tmpdir(), 'cts-hostile-'));
const marker = join(dir, 'inputs.json');
const all: HostileInput[] = existsSync(marker) ? JSON.parse(readFileSync(marker, 'utf8')) : await buildHostileInputs(dir, log);
writeFileSync(marker, JSON.stringify(all));
const only = arg('inputs')?.split(',');
const inputs = only ? all.filter((input) => only.includes(input.name)) : all;
const commands = arg('commands')?.split(',') ?? Object.keys(COMMANDS);
const scratch = mkdtempSync(join(tmpdir(), 'cts-hostile-run-'));
const results: { input: string; command: string; exit: number; seconds: number; peakMB: number }[] = [];
try {
  for (const input of inputs) {
    for (const command of commands) {
      const args = COMMANDS[command].map((a) => a.replace('OUT', join(scratch, 'out')));
      const run = await runCli([args[0], join(dir, input.name), ...args.slice(1)], scratch);
      rmSync(join(scratch, 'out.parquet'), { force: true });
      rmSync(join(scratch, 'out.csv'), { force: true });
      results.push({ input: input.name, command, exit: run.exit, seconds: +run.seconds.toFixed(1), peakMB: Math.round(run.peakMB) });
      log(`${input.name} ${command}: exit ${run.exit}, ${run.seconds.toFixed(1)} s, ${Math.round(run.peakMB)} MB`);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
  if (!arg('dir')) rmSync(dir, { recursive: true, force: true });
}

const cell = (input: string, command: string) => results.find((r) => r.input === input && r.command === command);
const header =
  `Node ${process.version}, ${cpus().length} cores, defaults (--max-file-bytes 32 MiB; export: 1 worker, report/cases/validate: one per core); run ${
    new Date().toISOString().slice(0, 16)
  }Z`;
const table = [
  `| input | ${commands.join(' | ')} |`,
  `|---|${commands.map(() => '---:').join('|')}|`,
  ...inputs.map((input) => `| \`${input.name}\`: ${input.what} | ${commands.map((c) => `${cell(input.name, c)?.peakMB}`).join(' | ')} |`),
].join('\n');
const worst = Math.max(...results.map((r) => r.peakMB));
const verdict = `Highest peak RSS: ${worst} MB (${worst <= LIMIT_MB ? 'within' : 'OVER'} the ${LIMIT_MB} MB bound).`;
console.log(`${header}\n\nPeak RSS MB per command (exit codes: ${[...new Set(results.map((r) => r.exit))].join(', ')})\n\n${table}\n\n${verdict}`);
console.table(results);

if (process.argv.includes('--write')) {
  const path = join(ROOT, 'bench/RESULTS.md');
  const section = `## Hostile inputs (bench/hostile-memory.ts)\n\n${header}. Peak RSS in MB of one command on one input alone.\n\n${table}\n\n${verdict}\n`;
  const text = readFileSync(path, 'utf8');
  const existing = /## Hostile inputs \(bench\/hostile-memory\.ts\)\n[\s\S]*?(?=\n## |$)/;
  writeFileSync(path, existing.test(text) ? text.replace(existing, section) : `${text.trimEnd()}\n\n${section}`);
  formatWithDeno(ROOT, path);
}
