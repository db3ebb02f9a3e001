/**
 * Renders the `cases` command: the case table of a report document, in one format. Pure.
 */
import type { ReportDocument } from '../reports/job.ts';
import type { ReportTable } from '../reports/index.ts';
import { toCsv } from './csv.ts';
import { jsonDocumentChunks } from './json.ts';
import { toMarkdownTable } from './markdown.ts';
import { accountingLine, failedFilesMarkdown, filesLine, type RenderOptions, type ReportFormat, terminalColumns } from './report.ts';
import { toFittedTable } from './fit-table.ts';
import { caseLegend, DEFAULT_TERMINAL_WIDTH, terminalHead, WHOLE_COLUMNS } from './terminal.ts';

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
export function renderCases(doc: ReportDocument, format: ReportFormat, options: RenderOptions = {}): string {
  return [...renderCasesChunks(doc, format, options)].join('');
}

/** {@link renderCases} in pieces, for stdout: the JSON document is never one string (render/json.ts). */
export function* renderCasesChunks(doc: ReportDocument, format: ReportFormat, options: RenderOptions = {}): Generator<string> {
  const t = casesOf(doc);
  if (format === 'json') {
    return yield* jsonDocumentChunks({ files: doc.files, failedFiles: doc.failedFiles, records: doc.records, rejects: doc.rejects, cases: t.rows });
  }
  yield casesText(doc, t, format, options);
}

function casesText(doc: ReportDocument, t: ReportTable, format: ReportFormat, options: RenderOptions): string {
  if (format === 'csv') return toCsv(t.rows, t.columns);
  if (format === 'md') {
    return `# AWS Support cases (${t.rows.length})\n\n- ${filesLine(doc.files)}\n${failedFilesMarkdown(doc.failedFiles)}- ${accountingLine(doc.records)}\n\n${
      toMarkdownTable(t.rows, t.columns)
    }`;
  }
  const width = options.width ?? DEFAULT_TERMINAL_WIDTH;
  return `${terminalHead(doc, width)}\nSupport cases (${t.rows.length})\n${caseLegend(t.rows, width)}${
    toFittedTable(t.rows, terminalColumns('cases', t), width, WHOLE_COLUMNS)
  }`;
}
