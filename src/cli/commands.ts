/**
 * What each CLI command does with its parsed flags: build library options, run, write output,
 * return the exit code (so a handler can be run and tested in-process). Kept apart from cli.ts so the flag definitions stay readable.
 */
import process from 'node:process';
import { pathsOf } from './input-paths.ts';
import { join } from 'node:path';
import { validateArchive, type ValidateResult } from '../validate/job.ts';
import type { InflateEngine } from '../read/decode.ts';
import { ExitCode, type ExitCodeValue, RunError } from '../errors.ts';
import { writeAtomic } from '../export/atomic.ts';
import { CASES_EXTENSIONS, checkOutputs, chooseFormat, defaultReportFormat, EXPORT_EXTENSIONS, type Output } from './outputs.ts';
import { REPORT_NAMES } from '../reports/names.ts';
import { toNdjson } from '../render/json.ts';
import type { ReportFormat } from '../render/report.ts';
import type { ExportFormat } from '../export/formats.ts';
import type { ExportTarget } from '../export/open-export.ts';
import type { ReportTableFormat } from '../export/report-tables.ts';
import type { ByteOut } from '../export/row-sink.ts';
import { renderValidate } from '../render/validate.ts';
import { parseWindow, type RowFilter } from '../rows/filter.ts';
import { withProgress } from './with-progress.ts';
import { writeStdout } from './stdout.ts';
import { hasProblems, report } from '../reports/job.ts';
import type { ReportName } from '../reports/index.ts';
import type { ScanOptions } from '../scan/scan.ts';
import type { FileCounts, Reject } from '../types.ts';
import { emptyRunWarning, isEmptyRun } from './empty-input.ts';
import { MANIFEST_NAME, manifestPath, optionsInEffect, runManifest, startClock, writeManifest } from './manifest.ts';
import { reportCounts } from '../integrity/manifest.ts';
import { defaultWorkers } from '../workers/pool.ts';

interface InputArgs {
  paths?: string[];
  'max-file-bytes': number;
  inflate: InflateEngine;
  rejects?: string;
  manifest?: string;
  strict: boolean;
  workers?: number;
  quiet?: boolean;
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
  prefilter: boolean;
}

function filterOf(args: FilterArgs): RowFilter {
  return {
    ...parseWindow(args.since, args.until),
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
    prefilter: args.prefilter,
    workers: args.workers,
  };
}

/** The outputs of a command: its --out (when given), --rejects and --manifest. */
function outputsOf(args: InputArgs, out: Output | undefined): Output[] {
  const files = [['--rejects', args.rejects], ['--manifest', args.manifest]].flatMap(([flag, path]) => (path === undefined ? [] : [{ flag: flag!, path }]));
  return [...(out ? [out] : []), ...files];
}

/** The files a run wrote besides its --out: for the manifest's `outputs`. */
const sideFiles = (args: InputArgs) => (args.rejects === undefined ? [] : [args.rejects]);

async function writeLedger(path: string | undefined, ledger: readonly Reject[]): Promise<void> {
  if (path) await writeAtomic(path, toNdjson(ledger));
}

/** The options in effect for the manifest: the flags as parsed, with the worker count the run used. */
const optionsOf = (args: InputArgs, defaultWorkerCount = defaultWorkers()) =>
  optionsInEffect(args as unknown as Record<string, unknown>, { workers: args.workers ?? defaultWorkerCount });

const exitFor = (strict: boolean, problems: boolean): ExitCodeValue => (strict && problems ? ExitCode.problems : ExitCode.ok);

/** Says so on stderr when the run read no record; returns whether it did (empty input fails --strict). */
function warnIfEmpty(paths: readonly string[], files: FileCounts, records: { readonly seen: number }): boolean {
  if (!isEmptyRun(records)) return false;
  process.stderr.write(emptyRunWarning(paths, files));
  return true;
}

/** `report`: scan, build reports, print or write them. */
export async function runReport(
  args: FilterArgs & { format?: ReportFormat | ReportTableFormat; out?: string; report?: string[] },
  isTTY: boolean,
): Promise<ExitCodeValue> {
  const clock = startClock();
  const paths = pathsOf(args);
  const options = scanOptionsOf(args);
  const format = args.format ?? defaultReportFormat(args.out, isTTY);
  const manifestAt = manifestPath(args, args.out);
  const binary = format === 'parquet' || format === 'arrow';
  if (binary && !args.out) throw new RunError(`--format ${format} needs --out DIR`);
  // Fail on an unwritable or colliding output before reading a possibly huge archive.
  const names = [...(args.report ?? REPORT_NAMES).map((name) => `${name}.${format === 'table' ? 'txt' : format}`), 'summary.json'];
  const inOut = args.manifest === undefined ? [MANIFEST_NAME] : [];
  await checkOutputs(outputsOf(args, args.out === undefined ? undefined : { flag: '--out', path: args.out, files: [...names, ...inOut] }), paths);
  const reports = args.report as ReportName[] | undefined;
  const doc = await withProgress(args, paths, options, (o) => report(paths, { ...o, reports, inputs: manifestAt !== undefined }));
  // Output modules load after the scan (Parquet and Arrow writers only when asked for), so
  // start-up does not delay reading the archive.
  const { renderReport, reportFiles } = await import('../render/report.ts');
  if (args.out) {
    const files = binary
      ? (await import('../export/report-tables.ts')).reportTableFiles(doc, format as ReportTableFormat)
      : reportFiles(doc, format as ReportFormat);
    for (const [name, body] of files) await writeAtomic(join(args.out, name), body);
    if (!args.quiet) process.stderr.write(`wrote ${doc.reports.size + 1} files${manifestAt ? ' and a manifest' : ''} to ${args.out}\n`);
  } else {
    await writeStdout(renderReport(doc, format as ReportFormat));
  }
  await writeLedger(args.rejects, doc.ledger);
  const written = [...(args.out === undefined ? [] : names.map((name) => join(args.out!, name))), ...sideFiles(args)];
  if (manifestAt) {
    await writeManifest(manifestAt, runManifest('report', paths, optionsOf(args), clock, { counts: reportCounts(doc), inputs: doc.inputs }, written));
  }
  if (doc.files.skipped.digest > 0 && !args.quiet) {
    process.stderr.write(
      `note: ${doc.files.skipped.digest} digest files found; check the archive's integrity with: cloudtrail-support verify ${paths.join(' ')}\n`,
    );
  }
  const empty = warnIfEmpty(paths, doc.files, doc.records);
  return exitFor(args.strict, hasProblems(doc.ledger) || empty);
}

/** `cases`: one row per support case, to stdout or one file. */
export async function runCases(args: FilterArgs & { format?: ReportFormat; out?: string }, isTTY: boolean): Promise<ExitCodeValue> {
  const clock = startClock();
  const paths = pathsOf(args);
  const options = scanOptionsOf(args);
  // A file gets the format its extension names, else the one a pipe would: json.
  const format: ReportFormat = chooseFormat(args.format, args.out, CASES_EXTENSIONS, defaultReportFormat(args.out, isTTY));
  await checkOutputs(outputsOf(args, args.out === undefined ? undefined : { flag: '--out', path: args.out }), paths);
  const doc = await withProgress(args, paths, options, (o) => report(paths, { ...o, reports: ['cases'], inputs: args.manifest !== undefined }));
  const { renderCases } = await import('../render/cases.ts');
  const body = renderCases(doc, format);
  if (args.out) await writeAtomic(args.out, body);
  else await writeStdout(body);
  await writeLedger(args.rejects, doc.ledger);
  if (args.manifest) {
    const written = [...(args.out === undefined ? [] : [args.out]), ...sideFiles(args)];
    await writeManifest(args.manifest, runManifest('cases', paths, optionsOf(args), clock, { counts: reportCounts(doc), inputs: doc.inputs }, written));
  }
  const empty = warnIfEmpty(paths, doc.files, doc.records);
  return exitFor(args.strict, hasProblems(doc.ledger) || empty);
}

/** stdout as an export output: each write waits until it is out, so a slow pipe holds the scan and a failed write stops it. */
const stdoutOut: ByteOut = {
  write: writeStdout,
  commit: async () => undefined,
  abort: async () => undefined,
};

/** `export`: one row per Support record, streamed file by file into the output. */
export async function runExport(args: FilterArgs & { format?: ExportFormat; out?: string; 'partition-by'?: string[] }): Promise<ExitCodeValue> {
  const clock = startClock();
  const paths = pathsOf(args);
  const options = { ...scanOptionsOf(args), inputs: args.manifest !== undefined };
  const [{ assertFreshDir, parsePartitionBy }, { checkTarget, openExport }, { exportArchive }] = await Promise.all([
    import('../export/partition.ts'),
    import('../export/open-export.ts'),
    import('../export/job.ts'),
  ]);
  const format = chooseFormat(args.format, args.out, EXPORT_EXTENSIONS, 'csv');
  const target: ExportTarget = { format, out: args.out, partitionBy: parsePartitionBy(args['partition-by'] ?? []) };
  checkTarget(target, true);
  const partitioned = (target.partitionBy?.length ?? 0) > 0;
  await checkOutputs(outputsOf(args, args.out === undefined ? undefined : { flag: '--out', path: args.out, ...(partitioned ? { files: null } : {}) }), paths);
  if (args.out && partitioned) await assertFreshDir(args.out);
  const output = await openExport(target, stdoutOut);
  const result = await withProgress(args, paths, options, (o) => exportArchive(paths, output, o));
  await writeLedger(args.rejects, result.rejects);
  if (args.manifest) {
    const written = [...(args.out === undefined ? [] : [args.out]), ...sideFiles(args)];
    const counts = reportCounts({ files: result.files, records: result.records });
    await writeManifest(args.manifest, runManifest('export', paths, optionsOf(args, 1), clock, { counts, inputs: result.inputs }, written));
  }
  const empty = warnIfEmpty(paths, result.files, result.records);
  return exitFor(args.strict, hasProblems(result.rejects) || empty);
}

/** `validate`: every record of every file against the record schema. */
export async function runValidate(args: InputArgs & { format?: 'table' | 'json' }, isTTY: boolean): Promise<ExitCodeValue> {
  const clock = startClock();
  const paths = pathsOf(args);
  await checkOutputs(outputsOf(args, undefined), paths);
  const inputs = args.manifest !== undefined;
  const result: ValidateResult = await validateArchive(paths, { maxFileBytes: args['max-file-bytes'], inflate: args.inflate, workers: args.workers, inputs });
  await writeStdout(renderValidate(result, args.format ?? (isTTY ? 'table' : 'json')));
  await writeLedger(args.rejects, result.ledger);
  if (args.manifest) {
    const counts = { files: result.files, records: result.records };
    await writeManifest(args.manifest, runManifest('validate', paths, optionsOf(args), clock, { counts, inputs: result.inputs }, sideFiles(args)));
  }
  const empty = warnIfEmpty(paths, result.files, result.records);
  return exitFor(args.strict, result.files.failed > 0 || result.records.invalid > 0 || hasProblems(result.ledger) || empty);
}
