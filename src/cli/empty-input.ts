/**
 * Empty input: a run that read no record at all (an empty folder, a failed download, a
 * --since/--until window that matches no file). It is said on stderr, and fails `--strict`: CI
 * must not pass an audit of nothing.
 */
import { filesLine } from '../render/report.ts';
import type { FileCounts } from '../types.ts';

/** True when the run read no record. */
export const isEmptyRun = (records: { readonly seen: number }): boolean => records.seen === 0;

/** The stderr line for an empty run (pure). */
export function emptyRunWarning(paths: readonly string[], files: FileCounts): string {
  return `cloudtrail-support: warning: no CloudTrail record read from ${paths.join(' ')} (${filesLine(files)})\n`;
}
