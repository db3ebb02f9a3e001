/**
 * The one per-file sequence every command runs: decode (size-capped); a `.zip`/`.tar` entry by
 * entry, anything else as one document; a file named as a digest or Insights file is skipped only
 * when its content agrees; each document's warnings (trailing gzip data, invalid UTF-8, a name
 * its content contradicts) go before its own ledger lines. A job says only what it does with a
 * document's records, so a rule about files is written here once.
 */
import { type ArchivePart, archiveParts, isArchive, noEntries } from './archive-parts.ts';
import { kindFromPath } from './aws-key.ts';
import { afterDocument } from './heap-hint.ts';
import { type Decoded, decodeFileSync, type DecodeOptions, DEFAULT_MAX_FILE_BYTES, readHead } from './decode.ts';
import { fileWarnings } from './file-warnings.ts';
import { type InputOutcome, type SeenInput, SKIP_REASONS, unreadInput } from './provenance.ts';
import { textOf } from './parse.ts';
import { confirmNamedKind, type FileRecords, recordsOfDocument } from './records.ts';
import { HEAD_BYTES, headMayBeCloudTrail, looksLikeCloudTrail } from './shapes/sniff.ts';
import type { EntryCounts, LogFile, RecordBatch, Reject } from '../types.ts';

/** What a job does with one document (the file, or one archive entry). */
export interface DocumentReader<T> {
  /**
   * A shortcut on the bytes of a document in a file named as a log (the report's prefilter);
   * undefined reads the document in full. A digest- or Insights-named file is always read in full:
   * its content decides.
   */
  readonly shortcut?: (bytes: Uint8Array, archivePath: string | null) => T | undefined;
  /** What the job makes of a document's records, as the shape readers unwrapped them. */
  readonly records: (batches: RecordBatch[], rejects: Reject[], archivePath: string | null) => T;
}

/** One document of a file that was read: its warnings and the job's value, or why it failed. */
export type DocumentPart<T> = { readonly warnings: Reject[]; readonly value: T } | { readonly reject: Reject };

/** What one file was: unusable (`reject`), skipped as a sidecar, or read as documents in order. */
export type LogFileRead<T> =
  & (
    | { readonly kind: 'failed'; readonly reject: Reject; readonly warnings: Reject[] }
    | { readonly kind: 'skipped'; readonly as: 'digest' | 'insight' | 'other' }
    | {
      readonly kind: 'read';
      /** The archive's own warnings (trailing data after a `.tar.gz` stream); the documents carry theirs. */
      readonly warnings: Reject[];
      readonly parts: DocumentPart<T>[];
      /** Set for a `.zip`/`.tar`: its entries are counted as the files. */
      readonly entries?: EntryCounts;
      /** The content digest of the file as stored (decode.ts contentDigest), to find byte-identical files. */
      readonly digest?: string;
    }
  )
  & {
    /** What the file (an archive: the container, then each entry) was and became, with its SHA-256 as stored: for the manifest. */
    readonly inputs: SeenInput[];
  };

/**
 * Reads one file with `reader`. Synchronous: the bytes live in this thread's reused inflate buffer
 * (decode.ts `reuse`), so nothing may await between decoding them and their last use. Never throws.
 */
export function readLogFile<T>(file: LogFile, options: DecodeOptions, reader: DocumentReader<T>): LogFileRead<T> {
  return finish(readLogFileSteps(file, { ...options, reuse: true }, reader));
}

/**
 * {@link readLogFile} a document at a time: it pauses after each document the reader was given,
 * yielding the file's content digest (decode.ts `contentDigest`, undefined when not asked for), so
 * that a caller may await, e.g. write what the reader took from that document, before the next
 * one is read: a streamed export then never holds an archive's rows at once. With `reuse`, no
 * other decode may run on this thread until the steps are done (their bytes would be overwritten).
 */
export function* readLogFileSteps<T>(file: LogFile, options: DecodeOptions, reader: DocumentReader<T>): Generator<string | undefined, LogFileRead<T>> {
  // A file whose extension is not on the list is read only when its content is CloudTrail (shapes/sniff.ts):
  // its first bytes say whether to read it at all, so a large unrelated file costs one small read.
  const head = file.kind === 'other' ? readHead(file.readPath ?? file.path, HEAD_BYTES) : undefined;
  if (head && !headMayBeCloudTrail(head)) {
    return {
      kind: 'skipped',
      as: 'other',
      inputs: [unreadInput(file, `${SKIP_REASONS.other} (by its first ${HEAD_BYTES} bytes): not read in full, so not hashed`)],
    };
  }
  const decoded = decodeFileSync(file.readPath ?? file.path, { ...options, digest: true });
  return yield* decodedSteps(file, decoded, options, reader);
}

/** Runs steps to their end. */
function finish<R>(steps: Generator<unknown, R>): R {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** {@link readLogFile} on a file already decoded (pure). */
export function readDecoded<T>(file: LogFile, decoded: Decoded, options: DecodeOptions, reader: DocumentReader<T>): LogFileRead<T> {
  return finish(decodedSteps(file, decoded, options, reader));
}

/** {@link readDecoded}, pausing after each document (see {@link readLogFileSteps}). */
function* decodedSteps<T>(file: LogFile, decoded: Decoded, options: DecodeOptions, reader: DocumentReader<T>): Generator<string | undefined, LogFileRead<T>> {
  const input = fileInput(file, decoded);
  if (!decoded.ok) {
    const reject: Reject = { path: file.path, index: null, stage: decoded.stage, reason: decoded.reason };
    return { kind: 'failed', reject, warnings: [], inputs: [input('failed', file.kind, decoded.reason)] };
  }
  const sniffed = file.kind === 'other';
  if (!isArchive(decoded.bytes)) {
    const part = readDocument(file, decoded.bytes, decoded.gzip, null, decoded.warning, reader, sniffed);
    if ('value' in part) yield decoded.digest;
    afterDocument(decoded.bytes.length);
    if ('skipAs' in part) return { kind: 'skipped', as: part.skipAs, inputs: [input('skipped', part.skipAs, SKIP_REASONS[part.skipAs])] };
    if ('reject' in part) return { kind: 'failed', reject: part.reject, warnings: [], inputs: [input('failed', file.kind, part.reject.reason)] };
    const digest = decoded.digest === undefined ? {} : { digest: decoded.digest };
    return { kind: 'read', warnings: [], parts: [part], ...digest, inputs: [input('read', file.kind)] };
  }
  // An archive under a name not on the list (an office document, a jar) is not CloudTrail evidence.
  if (sniffed) return { kind: 'skipped', as: 'other', inputs: [input('skipped', 'other', `${SKIP_REASONS.other} (an archive under a name not on the list)`)] };
  // A .tar.gz with trailing garbage after its gzip stream: the archive's own warning.
  const warnings: Reject[] = decoded.warning ? [{ path: file.path, index: null, stage: 'decode', reason: decoded.warning, warning: true }] : [];
  const entries = noEntries();
  const parts: DocumentPart<T>[] = [];
  const inputs = [input('read', 'archive')];
  // Not `reuse`: a gzip entry of a .tar.gz inflated into the reused buffer would overwrite the archive being read.
  const archive = { maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, inflate: options.inflate };
  for (const entry of archiveParts(file, decoded.bytes, archive)) {
    if ('reject' in entry && entry.whole) return { kind: 'failed', reject: entry.reject, warnings, inputs: [input('failed', 'archive', entry.reject.reason)] };
    const part = 'bytes' in entry ? readDocument(file, entry.bytes, false, entry.name, entry.warning, reader, kindFromPath(entry.name) === 'other') : entry;
    inputs.push(entryInput(file, entry, part));
    if ('skipAs' in part) {
      entries.skipped[part.skipAs]++;
      continue;
    }
    if ('reject' in part) entries.failed++;
    else entries.read++;
    parts.push('reject' in part ? { reject: part.reject } : part);
    if ('value' in part) yield decoded.digest;
    if ('bytes' in entry) afterDocument(entry.bytes.length);
  }
  return { kind: 'read', warnings, parts, entries, ...(decoded.digest === undefined ? {} : { digest: decoded.digest }), inputs };
}

/** The manifest line of the file itself, once decoded (its hash is there unless it could not be read at all). */
function fileInput(file: LogFile, decoded: Decoded) {
  const stored = { path: file.path, bytes: decoded.stored ?? file.size, sha256: decoded.sha256 ?? null };
  return (outcome: InputOutcome, kind: SeenInput['kind'], reason?: string): SeenInput => ({ ...stored, kind, outcome, ...(reason ? { reason } : {}) });
}

/** The manifest line of one archive entry. */
function entryInput(file: LogFile, entry: ArchivePart, part: DocumentPart<unknown> | { skipAs: 'digest' | 'insight' | 'other' }): SeenInput {
  const name = 'name' in entry ? entry.name : entry.reject.archivePath;
  const at = { path: file.path, ...(name === undefined ? {} : { entry: name }), bytes: entry.stored?.bytes ?? null, sha256: entry.stored?.sha256 ?? null };
  const kind = name === undefined ? 'other' : kindFromPath(name);
  if ('skipAs' in part) return { ...at, kind: part.skipAs, outcome: 'skipped', reason: SKIP_REASONS[part.skipAs] };
  if ('reject' in part) return { ...at, kind, outcome: 'failed', reason: part.reject.reason };
  return { ...at, kind, outcome: 'read' };
}

/**
 * Whether {@link readLogFile} reads a file of kind `other` (an extension not on the list) rather
 * than skip it: its content is CloudTrail, or it cannot be decoded (then it fails in the ledger).
 * For `verify`, which must hold every file `report` reads to the digests. Never throws.
 */
export function otherFileIsRead(file: LogFile, options: DecodeOptions): boolean {
  const head = readHead(file.readPath ?? file.path, HEAD_BYTES);
  if (head && !headMayBeCloudTrail(head)) return false;
  const decoded = decodeFileSync(file.readPath ?? file.path, options);
  if (!decoded.ok) return true;
  return !isArchive(decoded.bytes) && looksLikeCloudTrail(textOf(decoded.bytes));
}

/** One document through the shortcut or the shape readers, with its warnings. */
function readDocument<T>(
  file: LogFile,
  bytes: Uint8Array,
  gzip: boolean,
  archivePath: string | null,
  decodeWarning: string | undefined,
  reader: DocumentReader<T>,
  sniffed = false,
): DocumentPart<T> | { skipAs: 'digest' | 'insight' | 'other' } {
  if (sniffed && !looksLikeCloudTrail(textOf(bytes))) return { skipAs: 'other' };
  const fast = file.kind === 'log' && reader.shortcut ? reader.shortcut(bytes, archivePath) : undefined;
  if (fast !== undefined) return { warnings: fileWarnings(file, bytes, decodeWarning, archivePath), value: fast };
  const read = recordsOfDocument(file, bytes, gzip, archivePath);
  const named = confirmNamedKind(file, read);
  if (named && 'skipAs' in named) return { skipAs: named.skipAs };
  if (!read.ok) return 'skipAs' in read ? { skipAs: read.skipAs } : { reject: read.reject };
  const warnings = fileWarnings(file, bytes, decodeWarning, archivePath);
  if (named) warnings.push(named.warning);
  return { warnings, value: reader.records(read.batches, read.rejects, archivePath) };
}

/** The ledger lines of a file read, in order: archive warnings, then each document's warnings and its own lines. */
export function ledgerOf<T>(read: LogFileRead<T>, linesOf: (value: T) => readonly Reject[]): Reject[] {
  if (read.kind === 'skipped') return [];
  if (read.kind === 'failed') return [...read.warnings, read.reject];
  const ledger = [...read.warnings];
  for (const part of read.parts) {
    if ('reject' in part) ledger.push(part.reject);
    else for (const lines of [part.warnings, linesOf(part.value)]) for (const line of lines) ledger.push(line);
  }
  return ledger;
}

/**
 * A whole file's records, for callers that want them all at once (tests, tools): an archive's
 * entries together, the failed entries among the rejects. Jobs read with {@link readLogFile},
 * which holds one entry at a time. Never throws.
 */
export async function readRecords(file: LogFile, options: DecodeOptions): Promise<FileRecords> {
  return recordsOf(readLogFile(file, options, collect));
}

/** {@link readRecords} on decompressed bytes (pure). */
export function recordsFromBytes(
  file: LogFile,
  bytes: Uint8Array,
  gzip: boolean,
  options: DecodeOptions = { maxFileBytes: DEFAULT_MAX_FILE_BYTES },
): FileRecords {
  return recordsOf(readDecoded(file, { ok: true, bytes, gzip }, options, collect));
}

const collect: DocumentReader<{ batches: RecordBatch[]; rejects: Reject[] }> = { records: (batches, rejects) => ({ batches, rejects }) };

function recordsOf(read: LogFileRead<{ batches: RecordBatch[]; rejects: Reject[] }>): FileRecords {
  if (read.kind === 'failed') return { ok: false, reject: read.reject };
  if (read.kind === 'skipped') return { ok: false, skipAs: read.as };
  const batches = read.parts.flatMap((part) => ('value' in part ? part.value.batches : []));
  const rejects = read.parts.flatMap((part) => ('value' in part ? part.value.rejects : [part.reject]));
  return read.entries ? { ok: true, batches, rejects, entries: read.entries } : { ok: true, batches, rejects };
}
