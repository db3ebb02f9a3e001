/**
 * The one file writer: a temp file in the target's folder, then rename. A run killed mid-write
 * leaves the previous file or none, never a partial one (rename is atomic within a filesystem).
 */
import { randomBytes } from 'node:crypto';
import { access, constants, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { RunError } from '../errors.ts';

/** Writes `data` to `path` atomically, creating parent folders. */
export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw new RunError(`cannot write ${path}: ${(err as Error).message}`);
  }
}

/**
 * Checks before any input is read that `path` (a file, or a folder when `isDir`) can be written:
 * its nearest existing ancestor must be a writable folder.
 */
export async function assertWritable(path: string, isDir = false): Promise<void> {
  let probe = isDir ? path : dirname(path);
  for (;;) {
    try {
      const info = await stat(probe);
      if (!info.isDirectory()) throw new RunError(`cannot write ${path}: ${probe} is not a directory`);
      await access(probe, constants.W_OK);
      return;
    } catch (err) {
      if (err instanceof RunError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') throw new RunError(`cannot write ${path}: a parent in that path is a file, not a directory`);
      if (code !== 'ENOENT') throw new RunError(`cannot write ${path}: ${code === 'EACCES' ? 'permission denied' : (err as Error).message}`);
      const parent = dirname(probe);
      if (parent === probe) throw new RunError(`cannot write ${path}: no existing parent folder`);
      probe = parent;
    }
  }
}
