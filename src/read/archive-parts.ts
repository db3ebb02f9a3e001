/**
 * A `.zip` or `.tar` file -> its entries, one at a time, decoded (gzip entries inflated, capped)
 * and ready for the shape readers; or skipped by name; or failed with the reason. Only one
 * entry's bytes are held at a time, so callers that read each part before asking for the next
 * keep memory to one entry, whatever the size of the archive: a part's bytes are valid only until
 * the next part is asked for (zip entries are inflated into a reused buffer).
 */
import { isTar, tarEntries } from './archives/tar.ts';
import { isZip, zipEntries } from './archives/zip.ts';
import { kindFromPath } from './aws-key.ts';
import { decodeBytes, type DecodeOptions } from './decode.ts';
import { sha256Of } from './provenance.ts';
import type { EntryCounts, LogFile, Reject } from '../types.ts';

/** True for bytes that are a `.zip` or a `.tar` (a `.tar.gz` once inflated). */
export const isArchive = (bytes: Uint8Array): boolean => isZip(bytes) || isTar(bytes);

/** One part of an archive. `whole` marks a broken archive with nothing read before the break: the file fails. */
export type ArchivePart =
  | { readonly name: string; readonly bytes: Uint8Array; readonly warning?: string } & EntryStored
  | { readonly name: string; readonly skipAs: keyof EntryCounts['skipped'] } & EntryStored
  | { readonly reject: Reject; readonly whole?: true } & EntryStored;

/** The entry as stored in the archive (before any gzip of its own is inflated), when its bytes could be read: for the manifest. */
export interface EntryStored {
  readonly stored?: { readonly bytes: number; readonly sha256: string };
}

const storedOf = (bytes: Uint8Array | undefined): EntryStored => (bytes ? { stored: { bytes: bytes.length, sha256: sha256Of(bytes) } } : {});

// Entries are opened by the same rule as files on disk: digests and insights are counted, not read; other names
// are opened and read only when their content is CloudTrail (read/log-file.ts).
const wantsEntry = (name: string) => kindFromPath(name) !== 'digest' && kindFromPath(name) !== 'insight';

/** Yields the parts of an archive in archive order. */
export function* archiveParts(file: LogFile, bytes: Uint8Array, options: DecodeOptions): Generator<ArchivePart> {
  const reject = (archivePath: string | null, reason: string): ArchivePart => ({
    reject: { path: file.path, ...(archivePath === null ? {} : { archivePath }), index: null, stage: 'decode', reason },
  });
  // Each part is read before the next is asked for, so one reused buffer holds every zip entry in turn.
  const archive = { maxEntryBytes: options.maxFileBytes, wants: wantsEntry, inflate: options.inflate, reuse: true };
  let parts = 0;
  for (const entry of isZip(bytes) ? zipEntries(bytes, archive) : tarEntries(bytes, archive)) {
    if ('reject' in entry && entry.name === null && parts === 0) return yield { ...reject(null, entry.reject), whole: true };
    parts++;
    if ('reject' in entry) {
      yield reject(entry.name, entry.name === null ? `${entry.reject} (the entries before it were read)` : entry.reject);
      continue;
    }
    const stored = storedOf(entry.bytes);
    if ('skipped' in entry) {
      const kind = kindFromPath(entry.name);
      yield { name: entry.name, skipAs: kind === 'digest' || kind === 'insight' ? kind : 'other', ...stored };
      continue;
    }
    const decoded = decodeBytes(entry.bytes, options);
    if (!decoded.ok) yield { ...reject(entry.name, decoded.reason), ...stored };
    else if (isArchive(decoded.bytes)) {
      yield kindFromPath(entry.name) === 'other'
        ? { name: entry.name, skipAs: 'other', ...stored } // not evidence by its name, and an archive: an office document, a jar
        : { ...reject(entry.name, 'an archive inside an archive is not read (extract the outer one first)'), ...stored };
    } else yield { name: entry.name, bytes: decoded.bytes, ...(decoded.warning ? { warning: decoded.warning } : {}), ...stored };
  }
}

/** Empty entry counts. */
export const noEntries = (): EntryCounts => ({ read: 0, failed: 0, skipped: { digest: 0, insight: 0, other: 0 } });
