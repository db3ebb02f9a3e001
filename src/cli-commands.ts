/**
 * What each CLI command does with its parsed flags: build library options, run, write output,
 * set the exit code. Kept apart from cli.ts so the flag definitions stay readable.
 */
import process from 'node:process';
import { join } from 'node:path';
import { checkArchive, type CheckResult } from './check.ts';
import type { InflateEngine } from './decode.ts';
import { ExitCode, RunError } from './errors.ts';
import { assertWritable, writeAtomic } from './export/atomic.ts';
import { toNdjson } from './export/json.ts';
import { renderReport, reportFiles, type ReportFormat } from './export/report-formats.ts';
import { checkTarget, openExport, type ExportFormat, type ExportTarget } from './export/open-export.ts';
import { assertFreshDir, parsePartitionBy } from './export/partition.ts';
import { reportTableFiles, type ReportTableFormat } from './export/report-tables.ts';
import type { ByteOut } from './export/row-sink.ts';
import { exportArchive } from './export-job.ts';
import { renderCheck } from './export/check-formats.ts';
import { parseTimeBound, type RowFilter } from './filter.ts';
import { hasProblems, report } from './report.ts';
import type { ReportName } from './reports/index.ts';
import type { ScanOptions } from './scan.ts';
import type { Reject } from './types.ts';

interface InputArgs {
  paths?: string[];
  'max-file-bytes': number;
  inflate: InflateEngine;
  rejects?: string;
  strict: boolean;
}

interface FilterArgs extends InputArgs {
  sources: 'support' | 'all';
  since?: string;
  until?: string;
  account?: string[];
  region?: string[];
  'event-name'?: string[];
  principal?: string[];
  'prune-by-path': boolean;
}

function pathsOf(args: InputArgs): string[] {
  if (!args.paths || args.paths.length === 0) {
    throw new RunError('no input paths given (try: cloudtrail-support report ./AWSLogs)');
  }
  return args.paths;
}

function filterOf(args: FilterArgs): RowFilter {
  return {
    since: args.since === undefined ? undefined : parseTimeBound(args.since, 'since'),
    until: args.until === undefined ? undefined : parseTimeBound(args.until, 'until'),
    accounts: args.account,
    regions: args.region,
    eventNames: args['event-name'],
    principals: args.principal,
  };
}

function scanOptionsOf(args: FilterArgs): ScanOptions {
  return {
    sources: args.sources,
    filter: filterOf(args),
    maxFileBytes: args['max-file-bytes'],
    inflate: args.inflate,
    pruneByPath: args['prune-by-path'],
  };
}

async function writeLedger(path: string | undefined, ledger: readonly Reject[]): Promise<void> {
  if (path) await writeAtomic(path, toNdjson(ledger));
}

const exitFor = (strict: boolean, problems: boolean) => (strict && problems ? ExitCode.problems : ExitCode.ok);

/** `report`: scan, build reports, print or write them. */
export async function runReport(args: FilterArgs & { format?: ReportFormat | ReportTableFormat; out?: string; report?: string[] }, isTTY: boolean): Promise<void> {
  const paths = pathsOf(args);
  const options = scanOptionsOf(args);
  const format = args.format ?? (isTTY ? 'table' : 'json');
  const binary = format === 'parquet' || format === 'arrow';
  if (binary && !args.out) throw new RunError(`--format ${format} needs --out DIR`);
  // Fail on an unwritable output before reading a possibly huge archive.
  if (args.out) await assertWritable(args.out, true);
  if (args.rejects) await assertWritable(args.rejects);
  const doc = await report(paths, { ...options, reports: args.report as ReportName[] | undefined });
  if (args.out) {
    const files = binary ? reportTableFiles(doc, format) : reportFiles(doc, format);
    for (const [name, body] of files) await writeAtomic(join(args.out, name), body);
    process.stderr.write(`wrote ${doc.reports.size + 1} files to ${args.out}\n`);
  } else {
    process.stdout.write(renderReport(doc, format as ReportFormat));
  }
  await writeLedger(args.rejects, doc.ledger);
  process.exitCode = exitFor(args.strict, hasProblems(doc));
}

/** stdout as an export output: each write waits for the stream, so a slow pipe holds the scan. */
const stdoutOut: ByteOut = {
  write: (data) => new Promise((resolve, reject) => process.stdout.write(data, (err) => (err ? reject(err) : resolve()))),
  commit: async () => undefined,
  abort: async () => undefined,
};

/** `export`: one row per Support record, streamed file by file into the output. */
export async function runExport(args: FilterArgs & { format: ExportFormat; out?: string; 'partition-by'?: string[] }): Promise<void> {
  const paths = pathsOf(args);
  const options = scanOptionsOf(args);
  const target: ExportTarget = { format: args.format, out: args.out, partitionBy: parsePartitionBy(args['partition-by'] ?? []) };
  checkTarget(target, true);
  const partitioned = (target.partitionBy?.length ?? 0) > 0;
  if (args.out) await assertWritable(args.out, partitioned);
  if (args.out && partitioned) await assertFreshDir(args.out);
  if (args.rejects) await assertWritable(args.rejects);
  const result = await exportArchive(paths, await openExport(target, stdoutOut), options);
  await writeLedger(args.rejects, result.rejects);
  process.exitCode = exitFor(args.strict, hasProblems(result));
}

/** `validate`: every record of every file against the record schema. */
export async function runValidate(args: InputArgs & { format?: 'table' | 'json' }, isTTY: boolean): Promise<void> {
  const paths = pathsOf(args);
  if (args.rejects) await assertWritable(args.rejects);
  const result: CheckResult = await checkArchive(paths, { maxFileBytes: args['max-file-bytes'], inflate: args.inflate });
  process.stdout.write(renderCheck(result, args.format ?? (isTTY ? 'table' : 'json')));
  await writeLedger(args.rejects, result.ledger);
  process.exitCode = exitFor(args.strict, result.files.failed > 0 || result.records.invalid > 0);
}
