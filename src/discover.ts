/**
 * Discover: walk the user's paths (files or folders) and yield every file in a stable, sorted
 * order, classified by what its path says. Streaming, so memory does not grow with the archive:
 * only one directory listing per level of depth is held at a time.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { factsFromPath, kindFromPath } from './aws-key.ts';
import { RunError } from './errors.ts';
import type { LogFile, Reject } from './types.ts';

/** One discovery result: a file to consider, or a path that could not be walked. */
export type Discovered = { file: LogFile } | { reject: Reject };

/** Builds the LogFile for a path, from the path alone. */
export function toLogFile(path: string, size: number): LogFile {
  return { path, size, ...factsFromPath(path), kind: kindFromPath(path) };
}

function errorReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return 'permission denied';
  if (e?.code === 'ELOOP') return 'symlink loop (too many levels of symbolic links)';
  if (e?.code === 'ENOENT') return 'no such file (removed during the run, or a dangling symlink)';
  return e?.message ?? String(err);
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Yields every file under `paths` in sorted order (paths themselves sorted, then each directory's
 * entries by name), so the same archive always produces the same sequence whatever the argument
 * order. Symlinks are followed, but never into a directory that is already being walked above.
 * A missing top-level path is a usage error (thrown); anything unreadable below is a Reject.
 */
export async function* discover(paths: readonly string[]): AsyncGenerator<Discovered> {
  const roots = [...new Set(paths)].sort(byCodeUnit);
  for (const root of roots) {
    try {
      await stat(root);
    } catch (err) {
      throw new RunError(`cannot read input path ${JSON.stringify(root)}: ${errorReason(err)}`);
    }
  }
  for (const root of roots) yield* walk(root, new Set());
}

async function* walk(path: string, ancestors: Set<string>): AsyncGenerator<Discovered> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    yield { reject: { path, index: null, stage: 'discover', reason: errorReason(err) } };
    return;
  }
  if (info.isFile()) {
    yield { file: toLogFile(path, info.size) };
    return;
  }
  if (!info.isDirectory()) {
    yield { reject: { path, index: null, stage: 'discover', reason: 'not a regular file or directory' } };
    return;
  }
  let real: string;
  let names: string[];
  try {
    real = await realpath(path);
    names = (await readdir(path)).sort(byCodeUnit);
  } catch (err) {
    yield { reject: { path, index: null, stage: 'discover', reason: errorReason(err) } };
    return;
  }
  if (ancestors.has(real)) {
    yield { reject: { path, index: null, stage: 'discover', reason: `symlink loop: ${path} leads back to ${real}` } };
    return;
  }
  ancestors.add(real);
  for (const name of names) yield* walk(join(path, name), ancestors);
  ancestors.delete(real);
}
