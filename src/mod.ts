/**
 * cloudtrail-support: the library API. Re-exports only; each stage lives in its own folder
 * (read/ -> rows/ -> scan/ -> reports/, cases/ -> render/, export/; validate/ and integrity/ beside).
 *
 * ```ts
 * import { report, renderReport } from 'cloudtrail-support';
 * const doc = await report(['./AWSLogs'], { sources: 'all' });
 * process.stdout.write(renderReport(doc, 'md'));
 * ```
 * @module
 */

// ---- The public API: jobs, their results, renderers and the types they carry ----

/** The report job: scan an archive and build every report as one document (`JSON.stringify` gives the `--format json` form). */
export { accountingHolds, hasProblems, report, type ReportOptions } from './reports/job.ts';
export type { ReportDocument, ReportJson } from './reports/document.ts';
export { REPORT_NAMES, type ReportName } from './reports/names.ts';
/** The scan under every job: an archive -> Support rows, the rejects ledger, and counts that add up. */
export { scan, type ScanOptions, type ScanResult } from './scan/scan.ts';
/** Support cases: one row per case joined by case id, from Support rows (pure). */
export { buildCases } from './cases/build-cases.ts';
export { CASE_COLUMNS, CASE_FLAGS, type CaseFlag, type CaseRow, type CaseStatus } from './cases/case-row.ts';
/** The export job: stream an archive's Support rows into a writer, file by file. */
export { exportArchive } from './export/job.ts';
export { EXPORT_FORMATS, type ExportFormat, type ExportTarget, openExport } from './export/open-export.ts';
export type { ExportRow, RowSink } from './export/row-sink.ts';
export { type ColumnKind, type ColumnSpec, EXPORT_COLUMNS } from './export/columns.ts';
/** The validate job: every record of every log file against the CloudTrail record schema. */
export { type FileCheck, validateArchive, type ValidateOptions, type ValidateResult } from './validate/job.ts';
/** The verify job: integrity offline with the digest files (hashes, chains, signatures, coverage). */
export { verifyArchive, type VerifyOptions } from './integrity/verify.ts';
export type { Finding, VerifyResult } from './integrity/types.ts';
export { loadPublicKeys, loadSignatures } from './integrity/load.ts';
/**
 * Findings: Sigma detection rules (the built-in ones and yours) and stateful checks, in one finding
 * shape. `report(paths, { findings: { loaded: loadRules(['my-rules/']), stateful: true } })` runs them.
 */
export type { IdList, RuleFinding } from './findings/finding.ts';
export { loadRules } from './findings/load-rules.ts';
export type { Verdict } from './integrity/verdict.ts';
/** The provenance manifest of a run (pure; run a job with `inputs: true` for its inputs), and the chain-of-custody check against it. */
export { buildManifest, type ManifestInput, type ManifestRun, reportCounts, type RunManifest } from './integrity/manifest.ts';
export { checkCustody, type CustodyResult, loadManifest } from './integrity/custody.ts';
/** Renderers: results as text (table, CSV, JSON, Markdown), and report tables as Parquet or Arrow files. */
export { renderReport, reportFiles, type ReportFormat } from './render/report.ts';
export { renderCases } from './render/cases.ts';
export { renderValidate } from './render/validate.ts';
export { renderVerify, type VerifyFormat } from './render/verify.ts';
export { renderSarif } from './render/sarif.ts';
/** The HTML evidence report: one self-contained page; its charts are drawn by Vega, loaded on first use. */
export { type HtmlReportContext, renderHtmlReport, type ReportScope } from './render/html/report-html.ts';
export { renderCustody } from './render/custody.ts';
export { reportTableFiles, type ReportTableFormat } from './export/report-tables.ts';
/** Shared types: files, records, rows, rejects, counts; the run-level error and exit codes. */
export type { CloudTrailRecord, FileCounts, InputShape, LogFile, RecordCounts, Reject, Stage, SupportRow } from './types.ts';
export { ExitCode, RunError } from './errors.ts';

// ---- Building blocks, kept for advanced use (pure unless named load/read/write) ----

/** Reading: paths -> classified files -> records (every input shape, archives included). */
export { discover } from './read/discover.ts';
export { readRecords } from './read/log-file.ts';
export type { FileRecords } from './read/records.ts';
export { factsFromPath } from './read/aws-key.ts';
/** Rows: which records are Support events, and their flat rows; identity facts; filters. */
export { ALL_SUPPORT_SOURCES, type SourceSelection, SUPPORT_API_SOURCE, SUPPORT_ROW_COLUMNS, toSupportRow } from './rows/support-row.ts';
export { categoryOf, type SupportCategory } from './rows/category.ts';
export { type CredentialClass, credentialClassOf, roleSessionOf } from './rows/identity.ts';
export { keepsRow, parseTimeBound, type RowFilter } from './rows/filter.ts';
/** Validation of one record against the record and Support schemas. */
export { validateRecord, validateSupportRecord } from './validate/schemas.ts';
/** Cells and tables as safe text; files written atomically. */
export { toCsv } from './render/csv.ts';
export { toMarkdownTable } from './render/markdown.ts';
export { toTextTable } from './render/text-table.ts';
export { writeAtomic } from './export/atomic.ts';
