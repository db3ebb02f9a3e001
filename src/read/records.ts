/**
 * One file -> its records, or the reason the whole file is unusable: the shared front half of
 * every command. Decode, then dispatch on the content: a `.zip` or `.tar` is read entry by entry,
 * anything else goes to the shape readers (`shapes/`). Record indexes count within the file, or
 * within the archive entry.
 */
import { decodeFile, DEFAULT_MAX_FILE_BYTES, type DecodeOptions } from './decode.ts';
import { textOf } from './parse.ts';
import { BatchBuilder } from './shapes/batches.ts';
import { fromText } from './shapes/document.ts';
import { archiveParts, isArchive, noEntries, type ArchivePart } from './archive-parts.ts';
import type { EntryCounts, FileKind, LogFile, RecordBatch, Reject } from '../types.ts';

/**
 * A file's records in batches (one per shape and archive entry) with the records that could not
 * be unwrapped; or why it is unusable; or, for a sidecar document (digest, public keys), what to
 * skip it as.
 */
export type FileRecords =
  | {
      readonly ok: true;
      readonly batches: RecordBatch[];
      readonly rejects: Reject[];
      /** Set for archives: what their entries were. */
      readonly entries?: EntryCounts;
    }
  | { readonly ok: false; readonly reject: Reject }
  | { readonly ok: false; readonly skipAs: Exclude<FileKind, 'log' | 'insight'> };

/** Decodes, detects and reads one file. Never throws. */
export async function readRecords(file: LogFile, options: DecodeOptions): Promise<FileRecords> {
  const decoded = await decodeFile(file.readPath ?? file.path, options);
  if (!decoded.ok) return { ok: false, reject: { path: file.path, index: null, stage: decoded.stage, reason: decoded.reason } };
  return recordsFromBytes(file, decoded.bytes, decoded.gzip, options);
}

/**
 * Reads decompressed bytes (pure). An archive is read entry by entry, but its records are all
 * returned together: scan and validate use {@link archiveParts} to hold one entry at a time.
 */
export function recordsFromBytes(file: LogFile, bytes: Uint8Array, gzip: boolean, options: DecodeOptions = { maxFileBytes: DEFAULT_MAX_FILE_BYTES }): FileRecords {
  return isArchive(bytes) ? fromArchive(file, bytes, options) : recordsOfDocument(file, bytes, gzip);
}

/** Reads one document (a file, or one archive entry when `archivePath` is given) with the shape readers (pure). */
export function recordsOfDocument(file: LogFile, bytes: Uint8Array, gzip: boolean, archivePath: string | null = null): FileRecords {
  const out = new BatchBuilder(archivePath);
  const outcome = fromText(textOf(bytes), out);
  if (outcome.kind === 'skip') return { ok: false, skipAs: outcome.as };
  if (outcome.kind === 'reject') {
    const hint = outcome.stage === 'parse' && !gzip && (archivePath ?? file.path).toLowerCase().endsWith('.gz') ? ' (named .gz but not gzip: no 1f 8b magic bytes)' : '';
    const where = archivePath === null ? {} : { archivePath };
    const reject: Reject = { path: file.path, ...where, index: null, stage: outcome.stage, reason: outcome.reason + hint };
    return { ok: false, reject: outcome.pointer === undefined ? reject : { ...reject, pointer: outcome.pointer } };
  }
  const where = archivePath === null ? {} : { archivePath };
  const rejects = out.rejects.map((r) => ({ path: file.path, ...where, index: r.index, stage: r.stage, reason: r.reason, ...(r.pointer === undefined ? {} : { pointer: r.pointer }) }));
  return { ok: true, batches: out.batches(), rejects };
}

const isInsightEvent = (record: unknown) => (record as { eventType?: unknown } | null)?.eventType === 'AwsCloudTrailInsight';

/**
 * A file whose name says digest or Insights is skipped only when its content agrees: a digest
 * document (sidecar.ts), or records that are all Insights events. Anything else is read as a log
 * file, with a warning, so a log renamed `…_CloudTrail-Digest_…` or `…_cloudtrail-insight_…`
 * cannot hide its events. Undefined for a file named as a log.
 */
export function confirmNamedKind(file: LogFile, read: FileRecords): { skipAs: 'digest' | 'insight' } | { warning: Reject } | undefined {
  if (file.kind !== 'digest' && file.kind !== 'insight') return undefined;
  if (!read.ok && 'skipAs' in read && read.skipAs === 'digest') return { skipAs: 'digest' };
  if (read.ok && file.kind === 'insight' && read.rejects.length === 0 && read.batches.every((b) => b.records.every(isInsightEvent))) return { skipAs: 'insight' };
  const named = file.kind === 'digest' ? 'digest' : 'Insights';
  return { warning: { path: file.path, index: null, stage: 'read', reason: `named like a CloudTrail ${named} file, but its content is not one: read as a log file`, warning: true } };
}

/** Counts what one part of an archive was, once read (an entry read, skipped, or failed). */
export function tallyEntry(entries: EntryCounts, read: FileRecords | ArchivePart): void {
  if ('skipAs' in read) entries.skipped[read.skipAs]++;
  else if ('reject' in read) entries.failed++;
  else entries.read++;
}

function fromArchive(file: LogFile, bytes: Uint8Array, options: DecodeOptions): FileRecords {
  const entries = noEntries();
  const batches: RecordBatch[] = [];
  const rejects: Reject[] = [];
  for (const part of archiveParts(file, bytes, options)) {
    if ('reject' in part && part.whole) return { ok: false, reject: part.reject };
    const read = 'bytes' in part ? recordsOfDocument(file, part.bytes, false, part.name) : part;
    tallyEntry(entries, read);
    if ('reject' in read) rejects.push(read.reject);
    else if ('batches' in read) {
      batches.push(...read.batches);
      rejects.push(...read.rejects);
    }
  }
  return { ok: true, batches, rejects, entries };
}
