/**
 * Standard output for the CLI's results, written so that a failed write fails the run.
 *
 * Node's stream for a file on stdout ignores short writes: on a full disk `report > out.json`
 * exited 0 with the file cut at 8 kB. So when stdout is a regular file, bytes are written with a
 * loop of write calls until all are out, and an error (ENOSPC, EBADF) throws; a pipe or terminal
 * goes through the stream, whose callback carries any error. A closed pipe (EPIPE) is passed on
 * as it is, for the CLI to end quietly; anything else becomes a RunError (exit 2).
 */
import { fstatSync } from 'node:fs';
import { nextTurn, writeAllSync } from '../runtime.ts';
import process from 'node:process';
import { errnoReason } from '../read/fs-errors.ts';
import { RunError } from '../errors.ts';
import { inWritesOf1MiB } from '../export/atomic.ts';

const STDOUT = 1;
let toFile: boolean | undefined;

function stdoutIsFile(): boolean {
  if (toFile === undefined) {
    try {
      toFile = fstatSync(STDOUT).isFile();
    } catch {
      toFile = false;
    }
  }
  return toFile;
}

const encoder = new TextEncoder();

/** Writes `data` to standard output; resolves once it is all written, rejects when it cannot be. */
export async function writeStdout(data: string | Uint8Array): Promise<void> {
  try {
    if (stdoutIsFile()) writeAllSync(STDOUT, typeof data === 'string' ? encoder.encode(data) : data);
    else await new Promise<void>((resolve, reject) => process.stdout.write(data, (err) => (err ? reject(err) : resolve())));
  } catch (err) {
    if ((err as NodeJS.ErrnoException)?.code === 'EPIPE') throw err;
    throw new RunError(`cannot write to standard output: ${errnoReason(err, 'no such file')}`);
  }
}

/**
 * Writes text given in pieces, about 1 MiB a write, so a large document is never one string. The
 * event loop turns after each write, so a signal is heard while the document is made and written:
 * to a file the writes are synchronous (and the pieces made in between), and a Ctrl-C in the last
 * seconds of a dense report was only heard once it had all been written, or not at all (exit 0).
 */
export async function writeStdoutChunks(chunks: Iterable<string>): Promise<void> {
  for (const piece of inWritesOf1MiB(chunks)) {
    await writeStdout(piece);
    await nextTurn();
  }
}
