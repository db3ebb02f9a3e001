/**
 * SHA-256 of a file as stored, read in chunks: for a file the run does not read in full (over
 * --max-file-bytes), so its hash costs one streamed read and no memory that grows with its size.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';

const CHUNK = 1 << 20;

/** Hex SHA-256 of the file's bytes, or undefined when it cannot be read. Never throws. */
export function sha256OfFileSync(path: string | Uint8Array): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(typeof path === 'string' ? path : Buffer.from(path), 'r');
    const hash = createHash('sha256');
    const chunk = new Uint8Array(CHUNK);
    for (let n = readSync(fd, chunk, 0, CHUNK, null); n > 0; n = readSync(fd, chunk, 0, CHUNK, null)) hash.update(chunk.subarray(0, n));
    return hash.digest('hex');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
