/**
 * The input paths of a command, checked before anything is read: at least one, and a first word
 * that looks like a mistyped command is said to be one.
 */
import { existsSync } from 'node:fs';
import { RunError } from '../errors.ts';
import { commandLike } from './suggest.ts';

/** The paths given, or a usage error that says what to type. */
export function pathsOf(args: { paths?: string[] }): string[] {
  // yargs puts the command first in `_`; it is empty for the default command, report.
  const command = (args as { _?: unknown[] })._?.[0];
  if (!args.paths || args.paths.length === 0) {
    throw new RunError(`no input paths given (try: cloudtrail-support ${String(command ?? 'report')} ./AWSLogs)`);
  }
  const [first, ...rest] = args.paths;
  const meant = command === undefined && !existsSync(first) ? commandLike(first) : undefined;
  if (meant) {
    throw new RunError(
      `${JSON.stringify(first)} is not a command, and no such file or folder: did you mean: cloudtrail-support ${[meant, ...rest].join(' ')}`,
    );
  }
  return args.paths;
}
