/**
 * The accounting lines every text report starts with: file counts, the record identity, and the
 * failed files by name. Pure.
 */
import type { FailedFile } from '../read/file-counts.ts';
import type { FileCounts, RecordCounts } from '../types.ts';
import { escapeControls } from './cells.ts';
import { markdownCell } from './markdown.ts';

/** The accounting identity as one line, e.g. `records: 300 seen = 80 Support + 200 filtered out + …`. */
export function accountingLine(r: RecordCounts): string {
  return (
    `records: ${r.seen} seen = ${r.support} Support kept + ${r.filteredOut} filtered out ` +
    `(${r.notSupport} not Support, ${r.notSelected} not selected by --sources, ${r.excluded} excluded by filters) + ` +
    `${r.rejected} rejected + ${r.duplicates} duplicates`
  );
}

/** File counts as one line. */
export function filesLine(f: FileCounts): string {
  const s = f.skipped;
  return (
    `files: ${f.seen} seen = ${f.read} read + ${f.failed} failed + skipped (${s.digest} digest, ` +
    `${s.insight} insight, ${s.other} other, ${s.outOfRange} outside --since/--until` +
    // Shown when there are some, so the line on an archive without copies reads as before.
    `${s.duplicate > 0 ? `, ${s.duplicate} duplicate` : ''})`
  );
}

/** Failed files a terminal or Markdown report names; the JSON and --rejects have all of them. */
export const SHOWN_FAILED_FILES = 5;

const placeOf = (f: FailedFile) => (f.archivePath === null ? f.path : `${f.path}!/${f.archivePath}`);

/**
 * The first few failed files, one line each (`path: stage: reason`, an archive entry as
 * `archive!/entry`), after the count, so a terminal reader sees which files failed, not only how
 * many; empty when none did. Lines are plain text: each format escapes them for its medium.
 */
export function failedFileLines(failed: readonly FailedFile[]): { head: string; items: string[]; more: string | undefined } | undefined {
  if (failed.length === 0) return undefined;
  const items = failed.slice(0, SHOWN_FAILED_FILES).map((f) => `${placeOf(f)}: ${f.stage}: ${f.reason}`);
  const left = failed.length - items.length;
  return {
    head: `failed files (${failed.length}):`,
    items,
    more: left > 0 ? `… and ${left} more: use --rejects FILE or --format json for all of them` : undefined,
  };
}

/** The failed-files block of a terminal report: escaped, indented, ending with a newline (or '' when none failed). */
export function failedFilesText(failed: readonly FailedFile[]): string {
  const lines = failedFileLines(failed);
  if (!lines) return '';
  return [lines.head, ...lines.items.map((l) => `  ${escapeControls(l)}`), ...(lines.more ? [`  ${lines.more}`] : [])].join('\n') + '\n';
}

/** The failed-files block of a Markdown report: a list item with a nested list (or '' when none failed). */
export function failedFilesMarkdown(failed: readonly FailedFile[]): string {
  const lines = failedFileLines(failed);
  if (!lines) return '';
  return [`- ${lines.head}`, ...lines.items.map((l) => `  - ${markdownCell(l)}`), ...(lines.more ? [`  - ${markdownCell(lines.more)}`] : [])].join('\n') + '\n';
}
