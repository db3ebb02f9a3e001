/**
 * One document (a file, or an archive entry) -> its records, by the shape readers (`shapes/`), or
 * why it is unusable; and whether a digest- or Insights-named file really is one. Record indexes
 * count within the file, or within the archive entry.
 */
import { decodeText } from './parse.ts';
import { BatchBuilder } from './shapes/batches.ts';
import { fromText } from './shapes/document.ts';
import type { EntryCounts, FileKind, LogFile, RecordBatch, Reject } from '../types.ts';

/**
 * A document's records in batches (one per shape) with the records that could not be unwrapped;
 * or why it is unusable; or, for a sidecar document (digest, public keys), what to skip it as.
 * For a whole file read by readRecords, `entries` says what an archive's entries were.
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
  | { readonly ok: false; readonly skipAs: Exclude<FileKind, 'log'> };

/** Reads one document (a file, or one archive entry when `archivePath` is given) with the shape readers (pure). */
export function recordsOfDocument(file: LogFile, bytes: Uint8Array, gzip: boolean, archivePath: string | null = null): FileRecords {
  const out = new BatchBuilder(archivePath);
  const text = decodeText(bytes);
  const outcome = text.ok ? fromText(text.text, out) : { kind: 'reject' as const, stage: 'parse' as const, reason: text.reason };
  if (outcome.kind === 'skip') return { ok: false, skipAs: outcome.as };
  if (outcome.kind === 'reject') {
    const hint = outcome.stage === 'parse' && !gzip && (archivePath ?? file.path).toLowerCase().endsWith('.gz')
      ? ' (named .gz but not gzip: no 1f 8b magic bytes)'
      : '';
    const where = archivePath === null ? {} : { archivePath };
    const reject: Reject = { path: file.path, ...where, index: null, stage: outcome.stage, reason: outcome.reason + hint };
    return { ok: false, reject: outcome.pointer === undefined ? reject : { ...reject, pointer: outcome.pointer } };
  }
  const where = archivePath === null ? {} : { archivePath };
  const rejects = out.rejects.map((r) => ({
    path: file.path,
    ...where,
    index: r.index,
    stage: r.stage,
    reason: r.reason,
    ...(r.pointer === undefined ? {} : { pointer: r.pointer }),
  }));
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
  if (read.ok && file.kind === 'insight' && read.rejects.length === 0 && read.batches.every((b) => b.records.every(isInsightEvent))) {
    return { skipAs: 'insight' };
  }
  const named = file.kind === 'digest' ? 'digest' : 'Insights';
  return {
    warning: {
      path: file.path,
      index: null,
      stage: 'read',
      reason: `named like a CloudTrail ${named} file, but its content is not one: read as a log file`,
      warning: true,
    },
  };
}
