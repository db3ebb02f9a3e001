/**
 * The terminal form of a report (`--format table`): what is wrong first, then the tables, each
 * fitted to the terminal's width so nothing wraps. In order: the accounting lines, the failed
 * files by name, the findings (when the document has them), then each report with a one-line
 * legend for the case flags and statuses it shows. Pure: the width comes from the caller.
 */
import type { FindingsResult } from '../findings/run-rules.ts';
import { findingRow, findingsCountLine, rulesLine } from './findings.ts';
import type { FileCounts, RecordCounts } from '../types.ts';
import { failedFileLines } from './accounting.ts';
import type { FailedFile } from '../read/file-counts.ts';
import { escapeControls } from './cells.ts';
import { middleCut, toFittedTable } from './fit-table.ts';
import { CASE_FLAG_MEANINGS, CASE_STATUS_MEANINGS } from './legend.ts';

/** The width used when the output is not a terminal (a pipe, a file): wide enough for the main columns. */
export const DEFAULT_TERMINAL_WIDTH = 100;
/** Columns a terminal never cuts: a cut flag or status says nothing. */
export const WHOLE_COLUMNS: readonly string[] = ['flags', 'status'];
/** Findings listed on a terminal; `--format json` has all of them. */
export const SHOWN_FINDINGS = 20;

/**
 * Puts `parts` on lines of at most `width` columns, never splitting a part: a part that does not
 * fit starts a new line, indented by `indent` (one part longer than a line is left whole).
 */
export function flow(parts: readonly string[], width: number, indent = '    '): string[] {
  const lines: string[] = [];
  let line = '';
  for (const part of parts) {
    if (line === '') line = part;
    else if ([...line].length + 1 + [...part].length <= width) line += ` ${part}`;
    else {
      lines.push(line);
      line = indent + part;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** The accounting identity in lines that fit: the records, then what "filtered out" is made of. */
export function accountingLines(files: FileCounts, r: RecordCounts, width: number): string[] {
  const s = files.skipped;
  const skipped = s.digest + s.insight + s.other + s.outOfRange + s.duplicate;
  const kinds = [`${s.digest} digest`, `${s.insight} insight`, `${s.other} other`, `${s.outOfRange} outside --since/--until`];
  if (s.duplicate > 0) kinds.push(`${s.duplicate} duplicate`);
  const listed = kinds.map((k, i) => (i === 0 ? '(' : '') + k + (i === kinds.length - 1 ? ')' : ','));
  return [
    ...flow([`files: ${files.seen} seen =`, `${files.read} read +`, `${files.failed} failed +`, `${skipped} skipped`, ...listed], width),
    ...flow([
      `records: ${r.seen} seen =`,
      `${r.support} Support kept +`,
      `${r.filteredOut} filtered out +`,
      `${r.rejected} rejected +`,
      `${r.duplicates} duplicates`,
    ], width),
    ...flow(
      [`  filtered out = ${r.notSupport} not Support +`, `${r.notSelected} not selected by --sources +`, `${r.excluded} excluded by filters`],
      width,
    ),
  ];
}

/** The failed files by name (the first few), each line cut to the width keeping its end. */
export function failedFilesLines(failed: readonly FailedFile[], width: number): string[] {
  const lines = failedFileLines(failed);
  if (!lines) return [];
  return [lines.head, ...lines.items.map((l) => middleCut(`  ${escapeControls(l)}`, width)), ...(lines.more ? [`  ${lines.more}`] : [])];
}

const FINDING_COLUMNS = ['level', 'title', 'principal', 'count', 'new', 'account', 'caseIds', 'lastSeen'];
/** How many eventIDs or case ids a terminal cell lists before saying how many more. */
const SHOWN_IDS = 3;

/**
 * The findings block: what the rules ran on (and any rule file refused), the count by level, then
 * the first findings as a fitted table; `--format json` has all of them.
 */
export function findingsBlock(r: FindingsResult, width: number): string {
  const lines = [rulesLine(r), ...r.refused.map((x) => `refused rule ${x.file}: ${x.reason}`)].flatMap((l) => flow(escapeControls(l).split(' '), width));
  const head = `Findings (${findingsCountLine(r.findings)})`;
  if (r.findings.length === 0) return `${lines.join('\n')}\n${head}\n`;
  const shown = r.findings.slice(0, SHOWN_FINDINGS).map((f) => findingRow(f, SHOWN_IDS));
  const more = r.findings.length - shown.length;
  return `${lines.join('\n')}\n${head}\n${toFittedTable(shown, FINDING_COLUMNS, width, ['level'])}` +
    (more > 0 ? `  … and ${more} more: --format json (findings) has all of them\n` : '');
}

/**
 * The legend of a cases table: the statuses and flags that appear in it, with what they mean,
 * as one line (continued on the next lines only when wider than the terminal).
 */
export function caseLegend(rows: Iterable<Record<string, unknown>>, width: number): string {
  const statuses = new Set<string>();
  const flags = new Set<string>();
  for (const r of rows) {
    statuses.add(String(r.status));
    for (const flag of Array.isArray(r.flags) ? r.flags.map(String) : String(r.flags ?? '').split(' ').filter(Boolean)) flags.add(flag);
  }
  const items = [
    ...Object.entries(CASE_STATUS_MEANINGS).filter(([s]) => statuses.has(s)).map(([s, m]) => `${s}: ${m};`),
    ...Object.entries(CASE_FLAG_MEANINGS).filter(([f]) => flags.has(f)).map(([f, m]) => `${f}: ${m};`),
  ];
  if (items.length === 0) return '';
  items[items.length - 1] = items[items.length - 1].slice(0, -1);
  return flow(['  legend:', ...items], width, '    ').join('\n') + '\n';
}

/** The head of a terminal report: accounting lines, failed files by name, findings. */
export function terminalHead(
  doc: { files: FileCounts; records: RecordCounts; failedFiles: readonly FailedFile[] },
  width: number,
  findings?: FindingsResult,
): string {
  const lines = [...accountingLines(doc.files, doc.records, width), ...failedFilesLines(doc.failedFiles, width)];
  return lines.join('\n') + '\n' + (findings ? `\n${findingsBlock(findings, width)}` : '');
}
