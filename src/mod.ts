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
export { discover, toLogFile, type Discovered } from './read/discover.ts';
/** What an AWSLogs key says: kind, org, account, region, delivery date. */
export { factsFromPath, kindFromPath, type KeyFacts } from './read/aws-key.ts';
/** Decode: bytes -> document bytes (gzip sniffed, size-capped). */
export { decodeBytes, decodeFile, isGzip, DEFAULT_MAX_FILE_BYTES, type Decoded, type DecodeOptions, type InflateEngine } from './read/decode.ts';
/** Parse: bytes -> JSON document. */
export { parseJsonBytes, parseJsonText, recordsOf, textOf, type Parsed } from './read/parse.ts';
/** Shapes: what a text is (by content), and the reader of each shape; records land in a BatchBuilder. */
export { fromText, type TextOutcome } from './read/shapes/document.ts';
export { firstNonSpace, headerKey, isRecordLike, kindOfText, kindOfValue, type TextKind, type ValueKind } from './read/shapes/detect.ts';
export { BatchBuilder, type ShapeReject } from './read/shapes/batches.ts';
export { fromLookupEvent, fromLookupPage } from './read/shapes/lookup-events.ts';
export { fromEnvelope } from './read/shapes/eventbridge.ts';
export { fromExportText, fromLogEventsPage } from './read/shapes/cloudwatch.ts';
export { fromCsvText } from './read/shapes/console-csv.ts';
export { parseCsv, type CsvParsed, type CsvRow } from './read/shapes/csv-parse.ts';
export { splitJsonValues, type JsonValue } from './read/shapes/ndjson.ts';
export { instantOf, partialRecord, toEventTime, type SummaryFields } from './read/shapes/partial.ts';
/** Archives: .zip and .tar entries read in memory, capped, with zip-slip-safe names. */
export { isZip, zipEntries } from './read/archives/zip.ts';
export { isTar, tarEntries } from './read/archives/tar.ts';
export { unsafeEntryName, type ArchiveEntry, type ArchiveOptions } from './read/archives/entry.ts';
/** Validate: ajv validators compiled from schemas/. */
export { validateEnvelope, validatePartialRecord, validateRecord, validateSupportRecord } from './validate/schemas.ts';
/** Support rows: which records are Support events, and their flat rows. */
export { ALL_SUPPORT_SOURCES, SUPPORT_API_SOURCE, SUPPORT_ROW_COLUMNS, TRAIL_FILE_ORIGIN, caseIdOf, mfaOf, principalOf, sourcesFor, toSupportRow, type RowOrigin, type SourceSelection } from './rows/support-row.ts';
/** Support categories: which part of AWS Support (case management, Trusted Advisor, Support App, ...) an event is. */
export { categoryOf, SUPPORT_CATEGORIES, type SupportCategory } from './rows/category.ts';
/** Identity facts: the credential class (the three questions), role and session, invokedBy, sourceIdentity, caller account. */
export { CREDENTIAL_CLASSES, callerAccountOf, credentialClassOf, invokedByOf, roleSessionOf, sourceIdentityOf, type CredentialClass } from './rows/identity.ts';
/** Support cases: one row per case joined by case id, from Support rows (pure). */
export { buildCases, eventsByCase } from './cases/build-cases.ts';
/** The case row: its columns, lifecycle status, finding flags and duration text. */
export { CASE_COLUMNS, CASE_FLAGS, formatDuration, type CaseFlag, type CaseRow, type CaseStatus } from './cases/case-row.ts';
/** Which Support API calls are about a case, and which case (caseId, caseIdList, attachment sets). */
export { toCaseEvent, type CaseAction, type CaseEvent } from './cases/case-events.ts';
/** One case's events -> its row. */
export { summarizeCase } from './cases/summarize-case.ts';
/** "Not seen before for that principal": new source IPs and user agents, judged in time order. */
export { sightingsOf, principalKey, type Sighting } from './cases/novelty.ts';
export { PRINCIPAL_KEY, principalKeyOf } from './rows/identity.ts';
/** The time order of Support rows used by the case lifecycle (eventTime, eventID, file, index). */
export { compareRows, inTimeOrder } from './rows/time-order.ts';
/** Filters on rows and on file paths. */
export { fileMayMatch, keepsRow, parseTimeBound, type RowFilter } from './rows/filter.ts';
/** One file -> its records (in batches by shape and archive entry) or a reject. */
export { readRecords, recordsFromBytes, recordsOfDocument, tallyEntry, type FileRecords } from './read/records.ts';
/** Archives as parts, one entry at a time (what scan and validate hold in memory). */
export { archiveParts, isArchive, noEntries, type ArchivePart } from './read/archive-parts.ts';
export { outcomeOfArchive, type SortEntry } from './scan/archive.ts';
/** The report pipeline: scan an archive into Support rows, rejects and counts. */
export { scan, type ScanOptions, type ScanResult } from './scan/scan.ts';
/** One file's outcome (the unit a worker runs), and the in-order merge of outcomes. */
export { scanFile, type FileOutcome, type FileScanOptions } from './scan/file.ts';
/** Sorting one file's (or archive entry's) records into rows, rejects and counts (pure). */
export { outcomeOf, outcomeOfBatches } from './scan/outcome.ts';
export { OutcomeMerger } from './scan/merge.ts';
export { WorkerPool, defaultWorkers } from './workers/pool.ts';
/** Bounded, in-order per-file jobs (shared by report and validate), and the jobs themselves. */
export { consumeInOrder, FileRunner } from './workers/runner.ts';
export { runTask, type FileTasks, type TaskName } from './workers/file-tasks.ts';
export { checkFile, type FileCheckOutcome } from './validate/file.ts';
/** The prefilter: byte-level checks that let files without Support events skip JSON.parse. */
export { containsAny, escapeHits, eventSourceHits, NeedleSet, sourceNeedles } from './scan/prefilter.ts';
/** CloudTrail's compact delivery form: record bounds and counts, and one record parsed from its slice. */
export { compactRecordBounds, countCompactRecords, NOT_A_RECORD, parseCompactRecord, recordIndexAt } from './scan/compact-form.ts';
/** Reports: arquero tables with an explicit order. */
export { buildReports, toEventsTable, toReportTable, REPORTS, REPORT_NAMES, type ReportDefinition, type ReportName, type ReportTable } from './reports/index.ts';
/** The report job: scan + reports as one document. */
export { report, accountingHolds, hasProblems, type ReportOptions } from './reports/job.ts';
export { toReportDocument, type ReportDocument } from './reports/document.ts';
/** The validate job: every record through the record schema. */
export { checkArchive, type CheckOptions, type CheckResult, type FileCheck } from './validate/job.ts';
/** Output: report formats, row exports, safe cells, atomic writes. */
export { renderReport, reportFiles, toReportJson, accountingLine, filesLine, terminalColumns, type ReportFormat } from './render/report.ts';
/** The `cases` command output: the case table in one format. */
export { renderCases, casesOf } from './render/cases.ts';
export { renderRows, sortRows, type RowFormat } from './export/rows.ts';
export { toCsv, csvField } from './render/csv.ts';
export { toMarkdownTable, markdownCell } from './render/markdown.ts';
export { toTextTable } from './render/text-table.ts';
export { escapeControls, neutralizeFormula } from './render/cells.ts';
export { writeAtomic, openAtomic, type AtomicFile } from './export/atomic.ts';
/** The export job: scan an archive and stream its rows into a sink, file by file, in discovery order. */
export { exportArchive } from './export/job.ts';
/** Export writers: open one for a format (and partitioning), or use a writer directly. */
export { openExport, checkTarget, EXPORT_FORMATS, type ExportFormat, type ExportTarget } from './export/open-export.ts';
export { BatchedSink, DEFAULT_BATCH_LIMITS, type BatchLimits, type ByteOut, type ExportRow, type RowSink } from './export/row-sink.ts';
export { textRowSink, renderTextRows, type TextRowFormat } from './export/text-rows.ts';
/** Typed export columns (Parquet and Arrow types come from here). */
export { EXPORT_COLUMNS, type ColumnKind, type ColumnSpec } from './export/columns.ts';
/** Parquet (hyparquet-writer): streamed row groups, or a whole table. */
export { ParquetSink, parquetSchema, toColumnData, toParquet } from './export/parquet.ts';
/** Arrow IPC file format: streamed record batches, or a whole table. */
export { ArrowSink, toArrowFile } from './export/arrow.ts';
/** Hive-partitioned datasets. */
export { PartitionedSink, parsePartitionBy, partitionDir, hiveValue, HIVE_NULL, PARTITION_KEYS, type PartitionKey, type PartitionOptions } from './export/partition.ts';
/** Reports as Parquet or Arrow files. */
export { REPORT_COLUMN_KINDS, reportColumnSpecs, reportTableFiles, type ReportTableFormat } from './export/report-tables.ts';
/**
 * Integrity: verify an archive offline with its digest files. Hashes of the decompressed log
 * files, digest chains (missing, moved, modified digests; restarts), RSA signatures with the keys
 * of `aws cloudtrail list-public-keys`, log files no digest lists, and coverage.
 */
export { verifyArchive, type VerifyOptions } from './integrity/verify.ts';
/** Integrity results: findings with their severities, log file statuses, chain and coverage rows. */
export { FINDING_SEVERITY, finding, type ChainSummary, type CoverageHole, type CoverageRow, type DigestCounts, type Finding, type FindingKind, type LogCounts, type LogFileResult, type LogStatus, type Severity, type VerifyResult } from './integrity/types.ts';
/** Integrity inputs from the AWS CLI: public keys (list-public-keys JSON) and newest-digest signatures. */
export { loadPublicKeys, loadSignatures, fromSignaturesJson } from './integrity/load.ts';
export { fromPublicKeysJson, findKey, type KeyLookup, type PublicKey } from './integrity/keys.ts';
/** Integrity building blocks (pure): digest shape, S3 key names, the signed string, chains, signatures, log checks, coverage. */
export { toDigest, startsChain, type DigestDocument, type DigestShape, type ListedLogFile } from './integrity/digest.ts';
export { awsLogsKey, chainId, digestName, matchKey, siblingDigestKey, type DigestName } from './integrity/s3-keys.ts';
export { signingString, verifyDigestSignature, SIGNATURE_ALGORITHM } from './integrity/signature.ts';
export { sha256Hex, md5Hex } from './integrity/hash.ts';
export { readDigest, type DigestRead } from './integrity/read-digest.ts';
export { walkChains, summarizeChains, type ChainGroup, type ChainWalk, type DigestEntry } from './integrity/chain.ts';
export { checkSignatures, type SignatureCheck } from './integrity/check-signatures.ts';
export { planLogChecks, classifyLogs, type FileHash, type ListedLog, type LogClassification, type LogPlan } from './integrity/logs.ts';
export { coverageRows, isCovered, mergePeriods, type LogTime, type Period } from './integrity/coverage.ts';
/** Output of `verify`: terminal table, Markdown or JSON. */
export { renderVerify, verdictLine, countLines, type VerifyFormat } from './render/verify.ts';
