/**
 * cloudtrail-support: the library API. Re-exports only; each stage lives in its own module.
 *
 * ```ts
 * import { report, renderReport } from 'cloudtrail-support';
 * const doc = await report(['./AWSLogs'], { sources: 'all' });
 * process.stdout.write(renderReport(doc, 'md'));
 * ```
 * @module
 */

/** Shared types: files, records, rows, rejects, counts. */
export type { CloudTrailRecord, EntryCounts, FileCounts, FileKind, FileRecordCounts, InputShape, LogFile, RecordBatch, RecordCounts, Reject, Stage, SupportRow, ValidationIssue } from './types.ts';
/** The error thrown for run-level failures, and the exit codes it carries. */
export { ExitCode, RunError } from './errors.ts';
/** Discover: paths -> sorted stream of classified files. */
export { discover, toLogFile, type Discovered } from './discover.ts';
/** What an AWSLogs key says: kind, org, account, region, delivery date. */
export { factsFromPath, kindFromPath, type KeyFacts } from './aws-key.ts';
/** Decode: bytes -> document bytes (gzip sniffed, size-capped). */
export { decodeBytes, decodeFile, isGzip, DEFAULT_MAX_FILE_BYTES, type Decoded, type DecodeOptions, type InflateEngine } from './decode.ts';
/** Parse: bytes -> JSON document. */
export { parseJsonBytes, parseJsonText, recordsOf, textOf, type Parsed } from './parse.ts';
/** Shapes: what a text is (by content), and the reader of each shape; records land in a BatchBuilder. */
export { fromText, type TextOutcome } from './shapes/document.ts';
export { firstNonSpace, headerKey, isRecordLike, kindOfText, kindOfValue, type TextKind, type ValueKind } from './shapes/detect.ts';
export { BatchBuilder, type ShapeReject } from './shapes/batches.ts';
export { fromLookupEvent, fromLookupPage } from './shapes/lookup-events.ts';
export { fromEnvelope } from './shapes/eventbridge.ts';
export { fromExportText, fromLogEventsPage } from './shapes/cloudwatch.ts';
export { fromCsvText } from './shapes/console-csv.ts';
export { parseCsv, type CsvParsed, type CsvRow } from './shapes/csv-parse.ts';
export { splitJsonValues, type JsonValue } from './shapes/ndjson.ts';
export { instantOf, partialRecord, toEventTime, type SummaryFields } from './shapes/partial.ts';
/** Archives: .zip and .tar entries read in memory, capped, with zip-slip-safe names. */
export { isZip, zipEntries } from './archives/zip.ts';
export { isTar, tarEntries } from './archives/tar.ts';
export { unsafeEntryName, type ArchiveEntry, type ArchiveOptions } from './archives/entry.ts';
/** Validate: ajv validators compiled from schemas/. */
export { validateEnvelope, validatePartialRecord, validateRecord, validateSupportRecord } from './validate.ts';
/** Support rows: which records are Support events, and their flat rows. */
export { ALL_SUPPORT_SOURCES, SUPPORT_API_SOURCE, SUPPORT_ROW_COLUMNS, TRAIL_FILE_ORIGIN, caseIdOf, mfaOf, principalOf, sourcesFor, toSupportRow, type RowOrigin, type SourceSelection } from './support-rows.ts';
/** Filters on rows and on file paths. */
export { fileMayMatch, keepsRow, parseTimeBound, type RowFilter } from './filter.ts';
/** One file -> its records (in batches by shape and archive entry) or a reject. */
export { readRecords, recordsFromBytes, type FileRecords } from './read-records.ts';
/** The report pipeline: scan an archive into Support rows, rejects and counts. */
export { scan, type ScanOptions, type ScanResult } from './scan.ts';
/** One file's outcome (the unit a worker runs), and the in-order merge of outcomes. */
export { scanFile, outcomeOf, outcomeOfBatches, type FileOutcome, type FileScanOptions } from './scan-file.ts';
export { OutcomeMerger } from './outcome-merger.ts';
export { ScanPool, defaultWorkers } from './scan-pool.ts';
/** The prefilter: byte-level checks that let files without Support events skip JSON.parse. */
export { compactRecordBounds, containsAny, countCompactRecords, eventSourceHits, recordIndexAt, sourceNeedles } from './prefilter.ts';
/** Reports: arquero tables with an explicit order. */
export { buildReports, toEventsTable, REPORTS, REPORT_NAMES, type ReportName, type ReportTable } from './reports/index.ts';
/** The report job: scan + reports as one document. */
export { report, toReportDocument, accountingHolds, hasProblems, type ReportDocument, type ReportOptions } from './report.ts';
/** The validate job: every record through the record schema. */
export { checkArchive, type CheckOptions, type CheckResult, type FileCheck } from './check.ts';
/** Output: report formats, row exports, safe cells, atomic writes. */
export { renderReport, reportFiles, toReportJson, accountingLine, filesLine, type ReportFormat } from './export/report-formats.ts';
export { renderRows, sortRows, type RowFormat } from './export/rows.ts';
export { toCsv, csvField } from './export/csv.ts';
export { toMarkdownTable, markdownCell } from './export/markdown.ts';
export { toTextTable } from './export/text-table.ts';
export { escapeControls, neutralizeFormula } from './export/cells.ts';
export { writeAtomic } from './export/atomic.ts';
