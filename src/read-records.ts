/**
 * One file -> its records, or the reason the whole file is unusable: the shared front half of
 * every command. Decode, then dispatch on the content: a `.zip` or `.tar` is read entry by entry,
 * anything else goes to the shape readers (`shapes/`). Record indexes count within the file, or
 * within the archive entry.
 */
import { tarEntries, isTar } from './archives/tar.ts';
import { isZip, zipEntries } from './archives/zip.ts';
import { kindFromPath } from './aws-key.ts';
import { decodeBytes, decodeFile, DEFAULT_MAX_FILE_BYTES, type DecodeOptions } from './decode.ts';
import { textOf } from './parse.ts';
import { BatchBuilder } from './shapes/batches.ts';
import { fromText } from './shapes/document.ts';
import type { EntryCounts, FileKind, LogFile, RecordBatch, Reject } from './types.ts';

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
  const decoded = await decodeFile(file.path, options);
  if (!decoded.ok) return fail(file, decoded.stage, decoded.reason);
  return recordsFromBytes(file, decoded.bytes, decoded.gzip, options);
}

/** Reads decompressed bytes (pure). `options` give the cap and inflater for archive entries. */
export function recordsFromBytes(file: LogFile, bytes: Uint8Array, gzip: boolean, options: DecodeOptions = { maxFileBytes: DEFAULT_MAX_FILE_BYTES }): FileRecords {
  if (isZip(bytes) || isTar(bytes)) return fromArchive(file, bytes, options);
  const out = new BatchBuilder(null);
  const outcome = fromText(textOf(bytes), out);
  if (outcome.kind === 'skip') return { ok: false, skipAs: outcome.as };
  if (outcome.kind === 'reject') {
    const hint = outcome.stage === 'parse' && !gzip && file.path.toLowerCase().endsWith('.gz') ? ' (named .gz but not gzip: no 1f 8b magic bytes)' : '';
    const reject: Reject = { path: file.path, index: null, stage: outcome.stage, reason: outcome.reason + hint };
    return { ok: false, reject: outcome.pointer === undefined ? reject : { ...reject, pointer: outcome.pointer } };
  }
  return { ok: true, batches: out.batches(), rejects: rejectsOf(file, out) };
}

function rejectsOf(file: LogFile, out: BatchBuilder): Reject[] {
  const archivePath = out.archivePath === null ? {} : { archivePath: out.archivePath };
  return out.rejects.map((r) => ({ path: file.path, ...archivePath, index: r.index, stage: r.stage, reason: r.reason, ...(r.pointer === undefined ? {} : { pointer: r.pointer }) }));
}

const wantsEntry = (name: string) => kindFromPath(name) === 'log';

function fromArchive(file: LogFile, bytes: Uint8Array, options: DecodeOptions): FileRecords {
  const entries: EntryCounts = { read: 0, failed: 0, skipped: { digest: 0, insight: 0, other: 0 } };
  const batches: RecordBatch[] = [];
  const rejects: Reject[] = [];
  const failEntry = (archivePath: string | null, stage: Reject['stage'], reason: string, pointer?: string) => {
    entries.failed++;
    rejects.push({ path: file.path, ...(archivePath === null ? {} : { archivePath }), index: null, stage, reason, ...(pointer === undefined ? {} : { pointer }) });
  };
  const archive = { maxEntryBytes: options.maxFileBytes, wants: wantsEntry };
  for (const entry of isZip(bytes) ? zipEntries(bytes, archive) : tarEntries(bytes, archive)) {
    if ('reject' in entry) {
      // A broken archive with nothing read before the break fails as a file; otherwise the
      // entries before the break count, and the rest is one failed entry.
      const seen = entries.read + entries.failed + entries.skipped.digest + entries.skipped.insight + entries.skipped.other;
      if (entry.name === null && seen === 0) return fail(file, 'decode', entry.reject);
      failEntry(entry.name, 'decode', entry.name === null ? `${entry.reject} (the entries before it were read)` : entry.reject);
      continue;
    }
    if ('skipped' in entry) {
      const kind = kindFromPath(entry.name);
      entries.skipped[kind === 'digest' || kind === 'insight' ? kind : 'other']++;
      continue;
    }
    const decoded = decodeBytes(entry.bytes, options);
    if (!decoded.ok) {
      failEntry(entry.name, 'decode', decoded.reason);
      continue;
    }
    if (isZip(decoded.bytes) || isTar(decoded.bytes)) {
      failEntry(entry.name, 'decode', 'an archive inside an archive is not read (extract the outer one first)');
      continue;
    }
    const out = new BatchBuilder(entry.name);
    const outcome = fromText(textOf(decoded.bytes), out);
    if (outcome.kind === 'skip') entries.skipped[outcome.as]++;
    else if (outcome.kind === 'reject') failEntry(entry.name, outcome.stage, outcome.reason, outcome.pointer);
    else {
      entries.read++;
      batches.push(...out.batches());
      rejects.push(...rejectsOf(file, out));
    }
  }
  return { ok: true, batches, rejects, entries };
}

function fail(file: LogFile, stage: Reject['stage'], reason: string): FileRecords {
  return { ok: false, reject: { path: file.path, index: null, stage, reason } };
}
