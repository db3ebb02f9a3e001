/**
 * Renders a report document as text: terminal table, CSV, JSON or Markdown. Pure.
 */
import { type ReportName, REPORTS, type ReportTable } from '../reports/index.ts';
import type { ReportDocument } from '../reports/job.ts';
import type { FileCounts, RecordCounts } from '../types.ts';
import { toCsv } from './csv.ts';
import { toJsonDocument } from './json.ts';
import { markdownCell, toMarkdownTable } from './markdown.ts';
import { escapeControls } from './cells.ts';
import type { FailedFile } from '../read/file-counts.ts';
import { toTextTable } from './text-table.ts';
import { findingsCsv, findingsMarkdown, findingsText } from './findings.ts';
import { findingsJson } from '../reports/document.ts';

/**
 * The wide tables are too wide for a terminal: it shows who/what/when/where, and `--format csv`
 * (or json, md) has every column.
 */
const TERMINAL_COLUMNS: Partial<Record<ReportName, readonly string[]>> = {
  events: ['eventTime', 'category', 'eventName', 'identityType', 'principal', 'account', 'region', 'sourceIPAddress', 'errorCode', 'caseId'],
  principals: ['callerAccount', 'identityType', 'principal', 'credentialClass', 'count', 'errors', 'mfa', 'sourceIPs', 'firstSeen', 'lastSeen'],
  credentials: ['credentialClass', 'count', 'errors', 'identityTypes', 'principalCount', 'principals'],
  denied: ['principal', 'identityType', 'errorCode', 'denied', 'count', 'actions', 'firstSeen', 'lastSeen'],
  cases: [
    'caseId',
    'account',
    'status',
    'createdInWindow',
    'openedAt',
    'openedBy',
    'severityCode',
    'communications',
    'reads',
    'resolvedAt',
    'resolvedBy',
    'timeToResolve',
    'flags',
  ],
};

/** The columns a terminal table shows for a report. */
export function terminalColumns(name: ReportName, t: ReportTable): readonly string[] {
  return TERMINAL_COLUMNS[name] ?? t.columns;
}

export type ReportFormat = 'table' | 'csv' | 'json' | 'md';

/** The accounting identity as one line, e.g. `records: 300 seen = 80 Support + 200 filtered out + …`. */
export function accountingLine(r: RecordCounts): string {
  return (
    `records: ${r.seen} seen = ${r.support} Support kept + ${r.filteredOut} filtered out ` +
    `(${r.notSupport} not Support, ${r.excluded} excluded by filters) + ${r.rejected} rejected + ${r.duplicates} duplicates`
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

/** The JSON form: counts, rejects by stage, and every report as an array of row objects. */
export function toReportJson(doc: ReportDocument): unknown {
  return doc.toJSON();
}

/** The title of a report, with its row count; the event list says when it holds only the latest events. */
function titleOf(doc: ReportDocument, name: ReportName, rows: number): string {
  const list = doc.eventList;
  if (name !== 'events' || !list || list.complete) return `${REPORTS[name].title} (${rows})`;
  const n = (x: number) => x.toLocaleString('en');
  return `${REPORTS[name].title} (the latest ${n(list.shown)} of ${n(list.total)}; every event: cloudtrail-support export)`;
}

/** `summary.json` of `report --out DIR`: the counts, the failed files and rejects by stage. */
export const summaryOf = (doc: ReportDocument) => ({
  files: doc.files,
  failedFiles: doc.failedFiles,
  records: doc.records,
  rejects: doc.rejects,
  ...(doc.eventList ? { eventList: doc.eventList } : {}),
  ...findingsJson(doc.findings),
});

/** Renders the whole document in one format, for stdout. */
export function renderReport(doc: ReportDocument, format: ReportFormat): string {
  if (format === 'json') return toJsonDocument(toReportJson(doc));
  const parts: string[] = [];
  if (format === 'md') {
    parts.push('# AWS Support activity\n', `- ${filesLine(doc.files)}\n${failedFilesMarkdown(doc.failedFiles)}- ${accountingLine(doc.records)}\n`);
    if (doc.findings) parts.push(findingsMarkdown(doc.findings));
    for (const [name, t] of doc.reports) parts.push(`## ${titleOf(doc, name, t.rows.length)}\n\n${toMarkdownTable(t.rows, t.columns)}`);
    return parts.join('\n');
  }
  if (format === 'csv') {
    // One report (`--report events`) is plain CSV, for CSV tools. Several tables in one stream:
    // each is preceded by a `# name` line and separated by a blank line.
    if (doc.findings && doc.reports.size === 0) return findingsCsv(doc.findings.findings);
    if (!doc.findings && doc.reports.size === 1) { for (const t of doc.reports.values()) return toCsv(t.rows, t.columns); }
    if (doc.findings) parts.push(`# findings\n${findingsCsv(doc.findings.findings)}`);
    for (const [name, t] of doc.reports) parts.push(`# ${name}\n${toCsv(t.rows, t.columns)}`);
    return parts.join('\n');
  }
  parts.push(`${filesLine(doc.files)}\n${failedFilesText(doc.failedFiles)}${accountingLine(doc.records)}\n`);
  if (doc.findings) parts.push(findingsText(doc.findings));
  for (const [name, t] of doc.reports) parts.push(`${titleOf(doc, name, t.rows.length)}\n${toTextTable(t.rows, terminalColumns(name, t))}`);
  return parts.join('\n');
}

/** The findings file of `--out DIR` (JSON: the findings array; the others: the findings block). */
function findingsFile(doc: ReportDocument, format: ReportFormat): string {
  const r = doc.findings!;
  if (format === 'json') return toJsonDocument(r.findings);
  if (format === 'csv') return findingsCsv(r.findings);
  return format === 'md' ? findingsMarkdown(r) : findingsText(r);
}

/** One file's content per report (plus `summary.json`) for `--out DIR`. */
export function reportFiles(doc: ReportDocument, format: ReportFormat): Map<string, string> {
  const files = new Map<string, string>();
  const ext = format === 'table' ? 'txt' : format;
  if (doc.findings) files.set(`findings.${ext}`, findingsFile(doc, format));
  for (const [name, t] of doc.reports) {
    const body = format === 'json'
      ? toJsonDocument(t.rows)
      : format === 'csv'
      ? toCsv(t.rows, t.columns)
      : format === 'md'
      ? toMarkdownTable(t.rows, t.columns)
      : toTextTable(t.rows, t.columns);
    files.set(`${name}.${ext}`, body);
  }
  files.set('summary.json', toJsonDocument(summaryOf(doc)));
  return files;
}
