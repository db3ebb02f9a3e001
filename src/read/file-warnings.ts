/**
 * Problems of a file (or archive entry) that cost no record but belong in the ledger, for every
 * job that reads records (report, validate): trailing bytes after the gzip stream, invalid UTF-8.
 */
import { isUtf8 } from 'node:buffer';
import type { LogFile, Reject } from '../types.ts';

/**
 * The warnings for one decoded document. isUtf8 is simdutf-fast (GB/s). Text
 * with a UTF-16LE byte order mark is decoded as UTF-16 (parse.ts), so it is not checked as UTF-8.
 */
export function fileWarnings(file: LogFile, bytes: Uint8Array, decodeWarning: string | undefined, archivePath: string | null): Reject[] {
  const warnings: Reject[] = [];
  const where = archivePath === null ? {} : { archivePath };
  if (decodeWarning) warnings.push({ path: file.path, ...where, index: null, stage: 'decode', reason: decodeWarning, warning: true });
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
  if (!utf16 && !isUtf8(bytes)) {
    warnings.push({ path: file.path, ...where, index: null, stage: 'parse', reason: 'invalid UTF-8 bytes were replaced by U+FFFD', warning: true });
  }
  return warnings;
}
