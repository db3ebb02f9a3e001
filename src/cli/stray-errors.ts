/**
 * An error outside the awaited chain (a stray promise, a callback) would end Node with exit 1 and,
 * for a rejection, no message of ours: CI reads exit 1 as `--strict` finding problems. It is an
 * internal error like any other: said on stderr, exit 2 (a closed stdout pipe stays exit 141).
 */
import process from 'node:process';
import { ExitCode } from '../errors.ts';

/** Installs the process-wide handlers for the run. */
export function watchStrayErrors(): void {
  const fail = (err: unknown) => {
    if ((err as NodeJS.ErrnoException | undefined)?.code === 'EPIPE') process.exit(ExitCode.outputClosed);
    process.stderr.write(`cloudtrail-support: internal error: ${(err as Error)?.stack ?? err}\n`);
    process.exit(ExitCode.usage);
  };
  process.on('unhandledRejection', fail);
  process.on('uncaughtException', fail);
}
