/** Exit codes of the CLI, also carried by {@link RunError}. */
export const ExitCode = {
  /** The run completed; nothing was found that `--strict` cares about (or `--strict` was off). */
  ok: 0,
  /** `--strict` and problems were found: rejected files or records, duplicates, failed checks. */
  problems: 1,
  /** Usage or I/O error: a bad flag, a missing input path, an output that cannot be written. */
  usage: 2,
  /** The reader of stdout closed the pipe before the output was complete (`| head`): 128 + SIGPIPE, as a shell reports a writer the pipe stopped. */
  outputClosed: 141,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * The one error class the library throws, for run-level failures only (bad options, missing
 * input, unwritable output). Problems with files or records are data (`Reject`), never thrown.
 */
export class RunError extends Error {
  readonly exitCode: ExitCodeValue;
  constructor(message: string, exitCode: ExitCodeValue = ExitCode.usage) {
    super(message);
    this.name = 'RunError';
    this.exitCode = exitCode;
  }
}
