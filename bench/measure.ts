/**
 * Runs a command as a child process and measures its wall time and peak RSS (GNU time's %M when
 * /usr/bin/time exists, else polling /proc/<pid>/status VmHWM).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measured {
  readonly seconds: number;
  /** Peak resident set size in MB (of the process tree GNU time reports: the command itself). */
  readonly peakRssMB: number;
  readonly stdout: string;
}

const GNU_TIME = '/usr/bin/time';

export async function measure(command: string, args: readonly string[], cwd?: string): Promise<Measured> {
  const useTime = existsSync(GNU_TIME);
  const timeFile = join(tmpdir(), `bench-time-${process.pid}-${Date.now()}`);
  const argv = useTime ? ['-f', '%M', '-o', timeFile, command, ...args] : [...args];
  const started = performance.now();
  const child = spawn(useTime ? GNU_TIME : command, argv, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  let polledKB = 0;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const poll = useTime ? undefined : setInterval(() => (polledKB = Math.max(polledKB, vmHwmKB(child.pid))), 20);
  const code: number = await new Promise((resolve) => child.on('close', resolve));
  const seconds = (performance.now() - started) / 1000;
  if (poll) clearInterval(poll);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}`);
  const peakKB = useTime ? Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop()) : polledKB;
  rmSync(timeFile, { force: true });
  return { seconds, peakRssMB: peakKB / 1024, stdout };
}

function vmHwmKB(pid: number | undefined): number {
  try {
    const match = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** How the benchmark starts the CLI: `command`, then `prefix`, then `dist/src/cli.js` and its arguments. */
export interface CliCommand {
  readonly command: string;
  readonly prefix: readonly string[];
}

/** The arguments after {@link CliCommand}'s `command` that run the CLI (`cli`: the built bin) with `args`. */
export const cliArgs = (node: CliCommand, args: readonly string[], cli = 'dist/src/cli.js'): string[] => [...node.prefix, cli, ...args];

/**
 * The CLI as its shebang line starts it (what `npx cloudtrail-support` runs), so the benchmark
 * runs `dist/src/cli.js` exactly as a user's command does: the environment the shebang sets
 * (through `env`, which execs Node in its place, so the measured process is Node) and its Node
 * flags, with this Node.
 */
export function cliCommand(root: string): CliCommand {
  const shebang = readFileSync(join(root, 'dist/src/cli.js'), 'utf8').split('\n', 1)[0];
  const words = shebang.split(/\s+/);
  const assignments = words.filter((word) => /^[A-Z_]+=/.test(word));
  const flags = words.filter((word) => word.startsWith('--'));
  return assignments.length === 0 ? { command: process.execPath, prefix: flags } : { command: 'env', prefix: [...assignments, process.execPath, ...flags] };
}
