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

/**
 * The Node flags on the CLI's shebang line (what `npx cloudtrail-support` runs with), so the
 * benchmark runs `node <flags> dist/src/cli.js` exactly as a user's command does.
 */
export function cliNodeFlags(root: string): string[] {
  const shebang = readFileSync(join(root, 'dist/src/cli.js'), 'utf8').split('\n', 1)[0];
  return shebang.split(/\s+/).filter((word) => word.startsWith('--'));
}
