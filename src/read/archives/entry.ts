/**
 * What the archive readers yield, and the checks every entry passes before it is read. Nothing
 * is ever written to disk, but entry names are still checked: a name that would escape the
 * extraction folder (zip-slip) marks an archive made to attack, and its entries are not trusted.
 */
import type { InflateEngine } from '../decode.ts';

/** One entry of a `.zip` or `.tar`: its bytes, a note that it was skipped, or why it cannot be read. */
export type ArchiveEntry =
  | { readonly name: string; readonly bytes: Uint8Array }
  /** Skipped by name (`wants`): its bytes are still given when they can be read, so the manifest can hash it. */
  | { readonly name: string; readonly skipped: true; readonly bytes?: Uint8Array }
  /** `name` is null when the archive itself is broken (then no entry follows). */
  | { readonly name: string | null; readonly reject: string };

export interface ArchiveOptions {
  /** Cap on one entry's size, decompressed (the same cap as one file: --max-file-bytes). */
  readonly maxEntryBytes: number;
  /** Entries whose name is refused here are yielded as skipped, not parsed (their bytes come along when they can be read). */
  readonly wants?: (name: string) => boolean;
  /** The inflater of deflate zip entries (--inflate). */
  readonly inflate?: InflateEngine;
  /**
   * Inflate deflate zip entries (natively) into this thread's reused entry buffer: an entry's
   * bytes are then valid only until the next entry is asked for (read/thread-buffers.ts).
   */
  readonly reuse?: boolean;
}

/** Why an entry name is unsafe (absolute, a drive letter, a `..` segment, a NUL), or undefined. */
export function unsafeEntryName(name: string): string | undefined {
  if (name.includes('\0')) return 'it contains a NUL character';
  const slashed = name.replaceAll('\\', '/');
  if (slashed.startsWith('/')) return 'it is an absolute path';
  if (/^[a-zA-Z]:/.test(slashed)) return 'it starts with a drive letter';
  if (slashed.split('/').includes('..')) return 'it has a ".." segment';
  return undefined;
}

/** The reject of an unsafe name, or undefined when the name is safe. */
export function checkEntryName(name: string): ArchiveEntry | undefined {
  const why = unsafeEntryName(name);
  return why ? { name, reject: `unsafe entry name (zip-slip): ${why}; not read` } : undefined;
}

/** The reject of an entry over the cap. */
export const overEntryCap = (name: string, size: number | 'more', cap: number): ArchiveEntry => ({
  name,
  reject: `entry size ${size === 'more' ? 'exceeds' : `${size} exceeds`} the cap of ${cap} bytes (--max-file-bytes); oversized entry or zip bomb`,
});
