/**
 * One log file -> its records, or the reason the whole file is unusable. The shared front half of
 * every command: decode, parse, check the `{"Records":[…]}` envelope.
 */
import { decodeFile, type DecodeOptions } from './decode.ts';
import { parseJsonBytes, recordsOf } from './parse.ts';
import { sidecarKind } from './sidecar.ts';
import type { FileKind, LogFile, Reject } from './types.ts';
import { validateEnvelope } from './validate.ts';

/** A file's records; or why it is unusable; or, for a sidecar document (digest, public keys), what to skip it as. */
export type FileRecords =
  | { readonly ok: true; readonly records: unknown[] }
  | { readonly ok: false; readonly reject: Reject }
  | { readonly ok: false; readonly skipAs: Exclude<FileKind, 'log' | 'insight'> };

/** Decodes, parses and checks one file. Never throws. */
export async function readRecords(file: LogFile, options: DecodeOptions): Promise<FileRecords> {
  const decoded = await decodeFile(file.readPath ?? file.path, options);
  if (!decoded.ok) return fail(file, decoded.stage, decoded.reason);
  return recordsFromBytes(file, decoded.bytes, decoded.gzip);
}

/** Parses decompressed bytes and checks the envelope (pure). */
export function recordsFromBytes(file: LogFile, bytes: Uint8Array, gzip: boolean): FileRecords {
  const parsed = parseJsonBytes(bytes);
  if (!parsed.ok) {
    const hint = !gzip && file.path.toLowerCase().endsWith('.gz') ? ' (named .gz but not gzip: no 1f 8b magic bytes)' : '';
    return fail(file, 'parse', parsed.reason + hint);
  }
  const issues = validateEnvelope(parsed.document);
  const skipAs = issues.length > 0 ? sidecarKind(parsed.document) : undefined;
  if (skipAs) return { ok: false, skipAs };
  if (issues.length > 0) {
    const issue = issues[0];
    return { ok: false, reject: { path: file.path, index: null, stage: 'validate', reason: `not a CloudTrail log file: ${issue.message}`, pointer: issue.pointer } };
  }
  return { ok: true, records: recordsOf(parsed.document) };
}

function fail(file: LogFile, stage: Reject['stage'], reason: string): FileRecords {
  return { ok: false, reject: { path: file.path, index: null, stage, reason } };
}
