/**
 * Renders a report document as text: terminal table, CSV, JSON or Markdown. Pure.
 */
import { type ReportName, REPORTS, type ReportTable } from '../reports/index.ts';
import type { ReportDocument } from '../reports/job.ts';
import { csvChunks } from './csv.ts';
import { jsonDocumentChunks } from './json.ts';
import { markdownTableChunks } from './markdown.ts';
import { accountingLine, failedFilesMarkdown, filesLine } from './accounting.ts';
import { textTableChunks } from './text-table.ts';
import { findingsCsv, findingsMarkdown, findingsText } from './findings.ts';
import { findingsJson } from '../reports/document.ts';
import { endCut, fittedTableChunks } from './fit-table.ts';
import { caseLegend, DEFAULT_TERMINAL_WIDTH, terminalHead, WHOLE_COLUMNS } from './terminal.ts';
import type { RuleFinding } from '../findings/finding.ts';

/** The document's findings, when the detection rules ran. */
export const findingsOf = (doc: ReportDocument): readonly RuleFinding[] | undefined => doc.findings?.findings;

/**
 * The columns a terminal shows of the wide reports, most important first: when the terminal is
 * narrow the last ones are dropped (fit-table.ts). `--format csv` (or json, md) has every column.
 */
const TERMINAL_COLUMNS: Partial<Record<ReportName, readonly string[]>> = {
  events: ['eventTime', 'eventName', 'principal', 'errorCode', 'caseId', 'sourceIPAddress', 'account', 'region', 'category', 'identityType'],
  principals: ['principal', 'identityType', 'count', 'errors', 'mfa', 'callerAccount', 'credentialClass', 'sourceIPs', 'firstSeen', 'lastSeen'],
  credentials: ['credentialClass', 'count', 'errors', 'principalCount', 'identityTypes', 'principals'],
  actions: ['eventName', 'count', 'errors', 'principals', 'category', 'eventSource', 'firstSeen', 'lastSeen'],
  denied: ['principal', 'errorCode', 'count', 'actions', 'identityType', 'denied', 'firstSeen', 'lastSeen'],
  trustedAdvisor: ['eventName', 'principal', 'count', 'errors', 'checks', 'account', 'eventSource', 'identityType', 'errorCodes', 'firstSeen', 'lastSeen'],
  cases: [
    'caseId',
    'status',
    'flags',
    'openedBy',
    'openedAt',
    'resolvedBy',
    'resolvedAt',
    'account',
    'communications',
    'reads',
    'severityCode',
    'timeToResolve',
    'createdInWindow',
  ],
};

/** The columns a terminal table shows for a report. */
export function terminalColumns(name: ReportName, t: ReportTable): readonly string[] {
  return TERMINAL_COLUMNS[name] ?? t.columns;
}

export type ReportFormat = 'table' | 'csv' | 'json' | 'md';

export { accountingLine, failedFileLines, failedFilesMarkdown, failedFilesText, filesLine, SHOWN_FAILED_FILES } from './accounting.ts';

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

/** How text is laid out for a terminal. */
export interface RenderOptions {
  /** Terminal columns the `table` format fits into (default 100, the width off a terminal). */
  readonly width?: number;
}

/**
 * {@link renderReport} in pieces, for stdout: the JSON document is never one string
 * (render/json.ts), and a table is written a piece of lines at a time, its rows read as they are
 * written (the cases of a large archive are on disk: cases/case-rows.ts).
 */
export function renderReportChunks(doc: ReportDocument, format: ReportFormat, options: RenderOptions = {}): Iterable<string> {
  return format === 'json' ? jsonDocumentChunks(toReportJson(doc)) : reportTextChunks(doc, format, options);
}

/** Renders the whole document in one format, for stdout. */
export function renderReport(doc: ReportDocument, format: ReportFormat, options: RenderOptions = {}): string {
  return [...renderReportChunks(doc, format, options)].join('');
}

/** Text and pieces of text, in order. */
type Pieces = string | Iterable<string>;
function* piecesOf(...items: Pieces[]): Generator<string> {
  for (const item of items) typeof item === 'string' ? yield item : yield* item;
}
/** The parts with `separator` between them (a part's pieces are made only when it is reached). */
function* joinedWith(separator: string, parts: readonly Pieces[]): Generator<string> {
  for (let i = 0; i < parts.length; i++) yield* piecesOf(i === 0 ? '' : separator, parts[i]);
}

function reportTextChunks(doc: ReportDocument, format: Exclude<ReportFormat, 'json'>, options: RenderOptions): Generator<string> {
  const tables = [...doc.reports];
  if (format === 'md') {
    return joinedWith('\n', [
      '# AWS Support activity\n',
      `- ${filesLine(doc.files)}\n${failedFilesMarkdown(doc.failedFiles)}- ${accountingLine(doc.records)}\n`,
      ...(doc.findings ? [findingsMarkdown(doc.findings)] : []),
      ...tables.map(([name, t]) => piecesOf(`## ${titleOf(doc, name, t.rows.length)}\n\n`, markdownTableChunks(t.rows, t.columns))),
    ]);
  }
  if (format === 'csv') {
    // One report (`--report events`) is plain CSV, for CSV tools. Several tables in one stream:
    // each is preceded by a `# name` line and separated by a blank line.
    if (doc.findings && tables.length === 0) return piecesOf(findingsCsv(doc.findings.findings));
    if (!doc.findings && tables.length === 1) return csvChunks(tables[0][1].rows, tables[0][1].columns);
    return joinedWith('\n', [
      ...(doc.findings ? [`# findings\n${findingsCsv(doc.findings.findings)}`] : []),
      ...tables.map(([name, t]) => piecesOf(`# ${name}\n`, csvChunks(t.rows, t.columns))),
    ]);
  }
  const width = options.width ?? DEFAULT_TERMINAL_WIDTH;
  return joinedWith('\n', [
    terminalHead(doc, width, doc.findings),
    ...tables.map(([name, t]) =>
      piecesOf(
        `${endCut(titleOf(doc, name, t.rows.length), width)}\n${name === 'cases' ? caseLegend(t.rows, width) : ''}`,
        fittedTableChunks(t.rows, terminalColumns(name, t), width, WHOLE_COLUMNS),
      )
    ),
  ]);
}

/** Text made when it is first read: a file of `--out DIR` is rendered only as it is written. */
const madeWhenRead = (make: () => string): Iterable<string> => ({
  *[Symbol.iterator]() {
    yield make();
  },
});

/** The findings file of `--out DIR` (JSON: the findings array; the others: the findings block). */
function findingsFile(doc: ReportDocument, format: ReportFormat): Iterable<string> {
  const r = doc.findings!;
  if (format === 'json') return jsonDocumentChunks(r.findings);
  return madeWhenRead(() => format === 'csv' ? findingsCsv(r.findings) : format === 'md' ? findingsMarkdown(r) : findingsText(r));
}

/**
 * One file per report (plus `summary.json`) for `--out DIR`, each as text in pieces made as it is
 * written: a JSON file is never one string (the findings of 2.3M eventIDs were a 111 MB text, the
 * 123,072 cases of the dense corpus 182 MB), and no file is made before the one before it is out.
 */
export function reportFileChunks(doc: ReportDocument, format: ReportFormat): Map<string, Iterable<string>> {
  const files = new Map<string, Iterable<string>>();
  const ext = format === 'table' ? 'txt' : format;
  if (doc.findings) files.set(`findings.${ext}`, findingsFile(doc, format));
  for (const [name, t] of doc.reports) {
    const body = format === 'json'
      ? jsonDocumentChunks(t.rows)
      : format === 'csv'
      ? csvChunks(t.rows, t.columns)
      : format === 'md'
      ? markdownTableChunks(t.rows, t.columns)
      : textTableChunks(t.rows, t.columns);
    files.set(`${name}.${ext}`, body);
  }
  files.set('summary.json', jsonDocumentChunks(summaryOf(doc)));
  return files;
}

/** One file's content per report (plus `summary.json`) for `--out DIR`: {@link reportFileChunks}, each joined. */
export function reportFiles(doc: ReportDocument, format: ReportFormat): Map<string, string> {
  return new Map([...reportFileChunks(doc, format)].map(([name, chunks]) => [name, [...chunks].join('')]));
}
