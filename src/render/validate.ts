import type { ValidateResult } from '../validate/job.ts';
import { escapeControls } from './cells.ts';
import { failedFilesOf } from '../read/file-counts.ts';
import { toJsonDocument } from './json.ts';
import stringWidth from 'string-width';
import { MAX_WIDTH, tailOf, toTextTable, truncate } from './text-table.ts';
import type { Reject } from '../types.ts';

/** Problems shown in the terminal table; all of them are in `--format json` and `--rejects`. */
const SHOWN_PROBLEMS = 200;

/**
 * A path cut from the left to fit a table cell, so rows of one folder do not all show the same
 * prefix: the end stays, where a CloudTrail file name has its time and unique id. Cut at a `/`
 * when what follows fits (`…/2026/01/05/a.json.gz`), else at a `_` of the file name
 * (`…_20260105T0000Z_AbCdEfGh12345678.json.gz`), else anywhere. Control characters are escaped
 * first, as the table does.
 */
export function tailOfPath(path: string, width = MAX_WIDTH): string {
  const shown = escapeControls(path);
  const cut = tailOf(shown, width);
  if (cut === shown) return shown;
  const tail = cut.slice(1); // after the ellipsis
  const slash = tail.indexOf('/');
  const underscore = tail.indexOf('_');
  return `…${tail.slice(slash >= 0 ? slash : Math.max(0, underscore))}`;
}

// The offending value that validation reasons end with (`…, got "Wizard"`, `…, got number 7`).
const GOT = /, got (?:.(?!, got ))*$/;

/**
 * A validation reason cut to a table cell so that what was found survives: the pointer prefix
 * goes (the pointer has its own column), and a long reason loses the middle of what was expected,
 * not the `got …` end (`must be one of Root, IAMUse…` hid the bad value). Escaped as the table shows it.
 */
export function reasonCell(reason: string, pointer: string | undefined, width = MAX_WIDTH): string {
  const own = escapeControls(pointer && reason.startsWith(`${pointer}: `) ? reason.slice(pointer.length + 2) : reason);
  if (stringWidth(own) <= width) return own;
  const got = GOT.exec(own)?.[0];
  if (!got || stringWidth(got) > width / 2) return own;
  return truncate(own.slice(0, own.length - got.length), width - stringWidth(got)) + got;
}

/** Rows with their `path` (and `archivePath`, an entry's path in a .zip/.tar) cut from the left. */
function withPathTails<T extends { path: string; archivePath?: string }>(rows: readonly T[]): Record<string, unknown>[] {
  return rows.map((row) => ({ ...row, path: tailOfPath(row.path), ...(row.archivePath === undefined ? {} : { archivePath: tailOfPath(row.archivePath) }) }));
}

/** Ledger lines as table rows: paths cut from the left, reasons cut in the middle (reasonCell). */
const problemRows = (ledger: readonly Reject[]) => withPathTails(ledger).map((row, i) => ({ ...row, reason: reasonCell(ledger[i].reason, ledger[i].pointer) }));

/** Renders a `validate` result: per-file lines and totals. */
export function renderValidate(result: ValidateResult, format: 'table' | 'json'): string {
  if (format === 'json') {
    return toJsonDocument({
      files: result.files,
      failedFiles: failedFilesOf(result.ledger),
      records: result.records,
      perFile: result.perFile,
      problems: result.ledger,
    });
  }
  const { records, files } = result;
  const problemFiles = result.perFile.filter((f) => f.invalid > 0 || f.error !== null);
  // The archive entry column appears only when a problem is inside a .zip/.tar.
  const inArchive = result.ledger.some((r) => r.archivePath !== undefined);
  const problemColumns = inArchive ? ['path', 'archivePath', 'index', 'stage', 'pointer', 'reason'] : ['path', 'index', 'stage', 'pointer', 'reason'];
  return (
    `files: ${files.seen} seen, ${files.read} read, ${files.failed} failed\n` +
    `records: ${records.seen} seen = ${records.valid} valid + ${records.invalid} invalid\n\n` +
    `Files with problems (${problemFiles.length})\n` +
    toTextTable(withPathTails(problemFiles), ['path', 'records', 'valid', 'invalid', 'error']) +
    `\nProblems (${result.ledger.length})\n` +
    toTextTable(problemRows(result.ledger.slice(0, SHOWN_PROBLEMS)), problemColumns) +
    (result.ledger.length > SHOWN_PROBLEMS
      ? `  … and ${result.ledger.length - SHOWN_PROBLEMS} more: use --rejects FILE or --format json for all of them\n`
      : '')
  );
}
