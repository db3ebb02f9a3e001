import type { CheckResult } from '../check.ts';
import { toJsonDocument } from './json.ts';
import { toTextTable } from './text-table.ts';

/** Problems shown in the terminal table; all of them are in `--format json` and `--rejects`. */
const SHOWN_PROBLEMS = 200;

/** Renders a `validate` result: per-file lines and totals. */
export function renderCheck(result: CheckResult, format: 'table' | 'json'): string {
  if (format === 'json') return toJsonDocument({ files: result.files, records: result.records, perFile: result.perFile, problems: result.ledger });
  const { records, files } = result;
  const problemFiles = result.perFile.filter((f) => f.invalid > 0 || f.error !== null);
  // The archive entry column appears only when a problem is inside a .zip/.tar.
  const inArchive = result.ledger.some((r) => r.archivePath !== undefined);
  const problemColumns = inArchive ? ['path', 'archivePath', 'index', 'stage', 'pointer', 'reason'] : ['path', 'index', 'stage', 'pointer', 'reason'];
  return (
    `files: ${files.seen} seen, ${files.read} read, ${files.failed} failed\n` +
    `records: ${records.seen} seen = ${records.valid} valid + ${records.invalid} invalid\n\n` +
    `Files with problems (${problemFiles.length})\n` +
    toTextTable(problemFiles as unknown as Record<string, unknown>[], ['path', 'records', 'valid', 'invalid', 'error']) +
    `\nProblems (${result.ledger.length})\n` +
    toTextTable(result.ledger.slice(0, SHOWN_PROBLEMS) as unknown as Record<string, unknown>[], problemColumns) +
    (result.ledger.length > SHOWN_PROBLEMS ? `  … and ${result.ledger.length - SHOWN_PROBLEMS} more: use --rejects FILE or --format json for all of them\n` : '')
  );
}
