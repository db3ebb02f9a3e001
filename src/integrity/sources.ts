/**
 * The files `verify` reads, as `report` would meet them: files on disk, and the entries of
 * `.zip`/`.tar`/`.tar.gz` archives (an archive counts as its entries, like a folder). An entry is
 * named `archive!/entry`, and its key is read from the entry name, so a zip of an AWSLogs tree
 * verifies as the tree does. Entries are held in memory until the run ends: each archive is at
 * most --max-file-bytes, as everywhere.
 */
import { isArchive } from '../read/archive-parts.ts';
import { tarEntries } from '../read/archives/tar.ts';
import { isZip, zipEntries } from '../read/archives/zip.ts';
import { decodeBytes, type Decoded, decodeFileSync, type DecodeOptions, isGzip, readHead } from '../read/decode.ts';
import { toLogFile } from '../read/discover.ts';
import type { LogFile } from '../types.ts';
import { type Finding, finding } from './types.ts';

/** Reads a file's document bytes: from disk, or from the archive entry it is. */
export type LoadFile = (file: LogFile) => Decoded;

/** The entries of the archives met so far, by their `archive!/entry` path. */
export class Sources {
  private readonly entries = new Map<string, Uint8Array>();
  constructor(private readonly decode: DecodeOptions) {}

  /** Decodes a file (an entry from memory, anything else from disk). Never throws. */
  readonly load: LoadFile = (file) => {
    const raw = this.entries.get(file.path);
    return raw ? decodeBytes(raw, this.decode) : decodeFileSync(file.readPath ?? file.path, this.decode);
  };

  /**
   * The files inside `file` when it is an archive (by its first bytes; a gzip by a `.tar.gz`/`.tgz`
   * name), else undefined. Entries that cannot be read are findings (errors: evidence not verified).
   */
  expand(file: LogFile): { files: LogFile[]; findings: Finding[] } | undefined {
    if (!mayBeArchive(file)) return undefined;
    const decoded = decodeFileSync(file.readPath ?? file.path, this.decode);
    if (!decoded.ok) {
      // A .tar.gz name on a file that is not one (or is broken): reported as an archive, since it claims to be one.
      return { files: [], findings: [finding('archive-unreadable', file.path, null, `archive ${file.path} cannot be read: ${decoded.reason}`)] };
    }
    if (!isArchive(decoded.bytes)) return undefined;
    const files: LogFile[] = [];
    const findings: Finding[] = [];
    const options = { maxEntryBytes: this.decode.maxFileBytes, inflate: this.decode.inflate };
    for (const entry of isZip(decoded.bytes) ? zipEntries(decoded.bytes, options) : tarEntries(decoded.bytes, options)) {
      const at = `${file.path}!/${entry.name ?? ''}`;
      if ('reject' in entry) {
        findings.push(finding('archive-unreadable', entry.name === null ? file.path : at, null, `${at}: ${entry.reject}; its files were not verified`));
      } else if ('bytes' in entry && entry.bytes) {
        this.entries.set(at, entry.bytes);
        files.push(toLogFile(at, entry.bytes.length));
      }
    }
    return { files, findings };
  }
}

/** A zip or tar by its first bytes, or a gzip named as a `.tar.gz`. */
function mayBeArchive(file: LogFile): boolean {
  const head = readHead(file.readPath ?? file.path, 512);
  if (!head) return false;
  if (isZip(head) || isArchive(head)) return true;
  return isGzip(head) && /\.(tar\.gz|tgz)$/i.test(file.path);
}
