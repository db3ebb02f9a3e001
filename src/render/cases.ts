/**
 * Renders the `cases` command: the case table of a report document, in one format. Pure.
 */
import type { ReportDocument } from '../reports/job.ts';
import type { ReportTable } from '../reports/index.ts';
import { toCsv } from './csv.ts';
import { toJsonDocument } from './json.ts';
import { toMarkdownTable } from './markdown.ts';
import { accountingLine, failedFilesMarkdown, failedFilesText, filesLine, type ReportFormat, terminalColumns } from './report.ts';
import { toTextTable } from './text-table.ts';

/** The `cases` table of a document built with the `cases` report. */
export function casesOf(doc: ReportDocument): ReportTable {
  const t = doc.reports.get('cases');
  if (!t) throw new Error('the report document was built without the cases report');
  return t;
}

/**
 * The case table alone: CSV is the bare table; JSON holds the counts and `cases`; Markdown and
 * the terminal table start with the accounting lines.
 */
export function renderCases(doc: ReportDocument, format: ReportFormat): string {
  const t = casesOf(doc);
  if (format === 'csv') return toCsv(t.rows, t.columns);
  if (format === 'json') return toJsonDocument({ files: doc.files, failedFiles: doc.failedFiles, records: doc.records, rejects: doc.rejects, cases: t.rows });
  if (format === 'md') {
    return `# AWS Support cases (${t.rows.length})\n\n- ${filesLine(doc.files)}\n${failedFilesMarkdown(doc.failedFiles)}- ${accountingLine(doc.records)}\n\n${
      toMarkdownTable(t.rows, t.columns)
    }`;
  }
  return `${filesLine(doc.files)}\n${failedFilesText(doc.failedFiles)}${accountingLine(doc.records)}\n\nSupport cases (${t.rows.length})\n${
    toTextTable(t.rows, terminalColumns('cases', t))
  }`;
}
