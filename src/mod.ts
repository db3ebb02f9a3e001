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
export type { CloudTrailRecord, FileCounts, FileKind, FileRecordCounts, LogFile, RecordCounts, Reject, Stage, SupportRow, ValidationIssue } from './types.ts';
/** The error thrown for run-level failures, and the exit codes it carries. */
export { ExitCode, RunError } from './errors.ts';
/** Discover: paths -> sorted stream of classified files. */
export { discover, toLogFile, type Discovered } from './discover.ts';
/** What an AWSLogs key says: kind, org, account, region, delivery date. */
export { factsFromPath, kindFromPath, type KeyFacts } from './aws-key.ts';
/** Decode: bytes -> document bytes (gzip sniffed, size-capped). */
export { decodeBytes, decodeFile, isGzip, DEFAULT_MAX_FILE_BYTES, type Decoded, type DecodeOptions, type InflateEngine } from './decode.ts';
/** Parse: bytes -> JSON document. */
export { parseJsonBytes, parseJsonText, recordsOf, type Parsed } from './parse.ts';
/** Validate: ajv validators compiled from schemas/. */
export { validateEnvelope, validateRecord, validateSupportRecord } from './validate.ts';
/** Support rows: which records are Support events, and their flat rows. */
export { ALL_SUPPORT_SOURCES, SUPPORT_API_SOURCE, SUPPORT_ROW_COLUMNS, caseIdOf, mfaOf, principalOf, sourcesFor, toSupportRow, type SourceSelection } from './support-rows.ts';
/** Filters on rows and on file paths. */
export { fileMayMatch, keepsRow, parseTimeBound, type RowFilter } from './filter.ts';
/** One file -> its records or a reject. */
export { readRecords, recordsFromBytes, type FileRecords } from './read-records.ts';
/** The report pipeline: scan an archive into Support rows, rejects and counts. */
export { scan, scanFile, outcomeOf, OutcomeMerger, type FileOutcome, type ScanOptions, type ScanResult } from './scan.ts';
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
export { writeAtomic, openAtomic, type AtomicFile } from './export/atomic.ts';
/** The export job: scan an archive and stream its rows into a sink, file by file, in discovery order. */
export { exportArchive } from './export-job.ts';
/** Export writers: open one for a format (and partitioning), or use a writer directly. */
export { openExport, checkTarget, EXPORT_FORMATS, type ExportFormat, type ExportTarget } from './export/open-export.ts';
export { BatchedSink, DEFAULT_BATCH_LIMITS, type BatchLimits, type ByteOut, type ExportRow, type RowSink } from './export/row-sink.ts';
export { textRowSink, renderTextRows, type TextRowFormat } from './export/text-rows.ts';
/** Typed export columns (Parquet and Arrow types come from here). */
export { EXPORT_COLUMNS, reportColumns, type ColumnKind, type ColumnSpec } from './export/columns.ts';
/** Parquet (hyparquet-writer): streamed row groups, or a whole table. */
export { ParquetSink, parquetSchema, toColumnData, toParquet } from './export/parquet.ts';
/** Arrow IPC file format: streamed record batches, or a whole table. */
export { ArrowSink, toArrowFile } from './export/arrow.ts';
/** Hive-partitioned datasets. */
export { PartitionedSink, parsePartitionBy, partitionDir, hiveValue, HIVE_NULL, PARTITION_KEYS, type PartitionKey, type PartitionOptions } from './export/partition.ts';
/** Reports as Parquet or Arrow files. */
export { reportTableFiles, type ReportTableFormat } from './export/report-tables.ts';
