/**
 * Renders the `cases` command: the case table of a report document, in one format. Pure.
 */
import type { ReportDocument } from '../reports/job.ts';
import type { ReportTable } from '../reports/index.ts';
import { csvChunks } from './csv.ts';
import { jsonDocumentChunks } from './json.ts';
import { markdownTableChunks } from './markdown.ts';
import { accountingLine, failedFilesMarkdown, filesLine, type RenderOptions, type ReportFormat, terminalColumns } from './report.ts';
import { fittedTableChunks } from './fit-table.ts';
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

/**
 * {@link renderCases} in pieces, for stdout: the JSON document is never one string
 * (render/json.ts), and the table is written a piece of lines at a time, its rows read as they
 * are written (the cases of a large archive are on disk: cases/case-rows.ts).
 */
export function* renderCasesChunks(doc: ReportDocument, format: ReportFormat, options: RenderOptions = {}): Generator<string> {
  const t = casesOf(doc);
  if (format === 'json') {
    return yield* jsonDocumentChunks({ files: doc.files, failedFiles: doc.failedFiles, records: doc.records, rejects: doc.rejects, cases: t.rows });
  }
  if (format === 'csv') return yield* csvChunks(t.rows, t.columns);
  if (format === 'md') {
    yield `# AWS Support cases (${t.rows.length})\n\n- ${filesLine(doc.files)}\n${failedFilesMarkdown(doc.failedFiles)}- ${accountingLine(doc.records)}\n\n`;
    return yield* markdownTableChunks(t.rows, t.columns);
  }
  const width = options.width ?? DEFAULT_TERMINAL_WIDTH;
  yield `${terminalHead(doc, width)}\nSupport cases (${t.rows.length})\n${caseLegend(t.rows, width)}`;
  yield* fittedTableChunks(t.rows, terminalColumns('cases', t), width, WHOLE_COLUMNS);
}
