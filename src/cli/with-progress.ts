/**
 * The progress line around a scan job, for the command handlers (progress.ts draws it).
 */
import process from 'node:process';
import type { ScanOptions } from '../scan/scan.ts';
import { progressMeter, progressTotals, showProgress } from './progress.ts';

/** What withProgress reads of a command's flags. */
export interface ProgressArgs {
  readonly quiet?: boolean;
  readonly out?: string;
  readonly _?: unknown[];
}

/**
 * Runs `job` with a progress line on stderr when `showProgress` says so: stderr a terminal, no
 * --quiet, and results not streamed to a terminal stdout as they come (export without --out).
 * The files are counted first, with a stat-only walk, so the line can show an ETA. On Ctrl-C the
 * line is cleared and SIGINT raised again, so the process still ends as interrupted (130).
 */
export async function withProgress<T>(args: ProgressArgs, paths: string[], options: ScanOptions, job: (options: ScanOptions) => Promise<T>): Promise<T> {
  const { out, _: command } = args;
  const setting = {
    quiet: args.quiet === true,
    stderrIsTTY: process.stderr.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    streamsToStdout: command?.[0] === 'export' && !out,
  };
  if (!showProgress(setting)) return job(options);
  const meter = progressMeter(
    await progressTotals(paths, options),
    (text) => process.stderr.write(text),
    undefined,
    () => process.stderr.columns,
  );
  const onSigint = () => {
    meter.end();
    process.removeListener('SIGINT', onSigint);
    process.kill(process.pid, 'SIGINT');
  };
  process.on('SIGINT', onSigint);
  try {
    return await job({ ...options, onFile: meter.onFile });
  } finally {
    process.removeListener('SIGINT', onSigint);
    meter.end();
  }
}
