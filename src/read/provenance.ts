/**
 * Provenance: what a run saw of each input file, for the manifest (integrity/manifest.ts): the
 * file (or archive entry) as stored, its SHA-256, what it was and what became of it. Built on the
 * workers from the bytes they already read (one hash pass, decode.ts), and merged in file order.
 */
import { createHash } from 'node:crypto';
import type { FileKind, LogFile } from '../types.ts';

/** What became of one input. */
export type InputOutcome = 'read' | 'skipped' | 'failed';

/** One input the run saw: a file, an archive (`kind: 'archive'`), or one entry of an archive (`entry`). */
export interface SeenInput {
  readonly path: string;
  /** The entry name inside a `.zip`/`.tar`. */
  readonly entry?: string;
  /** Size as stored; null when it is not known (an archive entry that could not be read). */
  readonly bytes: number | null;
  /** Hex SHA-256 of the bytes as stored; null when the run did not read them in full (`reason` says why). */
  readonly sha256: string | null;
  /** log, digest, insight, other (what the run found it to be), or archive (the container of entries). */
  readonly kind: FileKind | 'archive';
  readonly outcome: InputOutcome;
  readonly reason?: string;
}

/** Hex SHA-256 of bytes in memory. */
export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Why each skip happened, in words. */
export const SKIP_REASONS = {
  digest: 'a digest file (its content says so): not an event log; `verify` checks it',
  insight: 'a CloudTrail Insights file: not an event log',
  other: 'not CloudTrail content',
  outOfRange: 'its path date is outside --since/--until: skipped unread, so not hashed',
  duplicate: 'byte-identical to a file read before it: its records are counted there',
} as const;

/** A file skipped before any byte of it was read (pruned by its path date). */
export function unreadInput(file: LogFile, reason: string): SeenInput {
  return { path: file.path, bytes: file.size, sha256: null, kind: file.kind, outcome: 'skipped', reason };
}

/** A file whose worker died on it: nothing is known of its bytes. */
export const crashedInput = (file: LogFile, reason: string): SeenInput => ({ ...unreadInput(file, reason), outcome: 'failed' });

/** A path discovery could not walk. */
export const unwalkedInput = (path: string, reason: string): SeenInput => ({ path, bytes: null, sha256: null, kind: 'other', outcome: 'failed', reason });

/** The same inputs, now counted as a duplicate copy of a file read before (the merge decides that, not the worker). */
export const asDuplicate = (inputs: readonly SeenInput[]): SeenInput[] =>
  inputs.map((input) => ({ ...input, outcome: 'skipped', reason: SKIP_REASONS.duplicate }));
