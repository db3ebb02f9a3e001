/**
 * What each CLI command does with its parsed flags: build library options, run, write output,
 * return the exit code (so a handler can be run and tested in-process). Kept apart from cli.ts so the flag definitions stay readable.
 */
import process from 'node:process';
import { pathsOf } from './input-paths.ts';
import { join } from 'node:path';
import { validateArchive, type ValidateResult } from '../validate/job.ts';
import { ExitCode, type ExitCodeValue, RunError } from '../errors.ts';
import { writeAtomic } from '../export/atomic.ts';
import { CASES_EXTENSIONS, checkOutputs, chooseFormat, defaultReportFormat, EXPORT_EXTENSIONS } from './outputs.ts';
import { REPORT_NAMES } from '../reports/names.ts';
import type { ReportFormat } from '../render/report.ts';
import type { ExportFormat } from '../export/formats.ts';
import type { ExportTarget } from '../export/open-export.ts';
import type { ReportTableFormat } from '../export/report-tables.ts';
import type { ByteOut } from '../export/row-sink.ts';
import { renderValidate } from '../render/validate.ts';
import { withProgress } from './with-progress.ts';
import { writeStdout, writeStdoutChunks } from './stdout.ts';
import { hasProblems, report } from '../reports/job.ts';
import type { ReportName } from '../reports/index.ts';
import type { ReportDocument } from '../reports/document.ts';
import type { LedgerLines } from '../types.ts';
import type { VerifyResult } from '../integrity/types.ts';
import { type FindingsArgs, gateFails, planFindings, problemCountsOf, toolVersion } from './findings.ts';
import { htmlContextOf, type IntegrityArgs, integrityCheckOf, isHtmlReport, preloadCharts, scopeOf } from './html-report.ts';
import { MANIFEST_NAME, manifestPath, ruleFilesOf, runManifest, startClock, writeManifest } from './manifest.ts';
import { reportCounts } from '../integrity/manifest.ts';

import {
  exitFor,
  type FilterArgs,
  type InputArgs,
  optionsOf,
  outputsOf,
  scanOptionsOf,
  sideFiles,
  type StrictProblems,
  terminalWidth,
  warnIfEmpty,
  writeLedger,
} from './run-args.ts';

/** `report`: scan, build reports and findings, print or write them (the HTML report: one file, or stdout); the exit code says whether a gate failed. */
export async function runReport(
  args: FilterArgs & FindingsArgs & IntegrityArgs & {
    format?: ReportFormat | ReportTableFormat | 'sarif' | 'html';
    out?: string;
    report?: string[];
    summary?: boolean;
  },
  isTTY: boolean,
): Promise<ExitCodeValue> {
  const clock = startClock();
  const startedAt = new Date();
  const paths = pathsOf(args);
  const options = scanOptionsOf(args);
  const html = isHtmlReport(args.format, args.out, args.report);
  const format = html ? 'html' : args.format ?? defaultReportFormat(args.out, isTTY);
  if (args.summary && (format !== 'md' || args.out !== undefined)) {
    throw new RunError('--summary prints a Markdown summary to stdout: use it with --format md and without --out');
  }
  // The HTML report embeds its manifest; --out DIR gets DIR/manifest.json; --manifest FILE anywhere.
  const manifestAt = manifestPath(args, html ? undefined : args.out);
  const binary = format === 'parquet' || format === 'arrow';
  if (binary && !args.out) throw new RunError(`--format ${format} needs --out DIR`);
  // On a terminal the event list is shown only when asked for (--report events); `export` has every event.
  const asked: readonly string[] = args.report ?? (format === 'table' && !args.out ? REPORT_NAMES.filter((n) => n !== 'events') : REPORT_NAMES);
  const reports = asked.filter((name): name is ReportName => name !== 'findings');
  const plan = planFindings(args, args.report === undefined || args.report.includes('findings') || format === 'sarif');
  // Fail on an unwritable or colliding output before reading a possibly huge archive.
  const names = format === 'sarif'
    ? ['findings.sarif']
    : [...(plan.options && !binary ? ['findings'] : []), ...reports].map((name) => `${name}.${format === 'table' ? 'txt' : format}`).concat('summary.json');
  const inOut = args.manifest === undefined && !html ? [MANIFEST_NAME] : [];
  const out = args.out === undefined ? undefined : { flag: '--out', path: args.out, ...(html ? {} : { files: [...names, ...inOut] }) };
  await checkOutputs(outputsOf(args, out), paths);
  const integrity = await integrityCheckOf(args, html, paths);
  let verified: VerifyResult | undefined;
  // Vega loads while the workers read the archive (only on this path: nothing else draws).
  if (html) void preloadCharts();
  const findings = plan.options ? { findings: plan.options } : {};
  const doc = await withProgress(args, paths, options, (o) => report(paths, { ...o, reports, ...findings, inputs: manifestAt !== undefined || html }));
  const written = [...(args.out === undefined ? [] : html ? [args.out] : names.map((name) => join(args.out!, name))), ...sideFiles(args)];
  const manifest = () =>
    runManifest('report', paths, optionsOf(args), clock, { counts: reportCounts(doc), inputs: doc.inputs }, written, ruleFilesOf(doc.findings));
  // Output modules load after the scan (Parquet and Arrow writers only when asked for), so
  // start-up does not delay reading the archive.
  if (html) {
    const { renderHtmlReport } = await import('../render/html/report-html.ts');
    verified = await integrity?.();
    const page = await renderHtmlReport(doc, htmlContextOf(scopeOf(args, paths, startedAt), verified, doc.findings?.findings, manifest()));
    if (args.out) await writeAtomic(args.out, page);
    else await writeStdout(page);
    if (args.out && !args.quiet) process.stderr.write(`wrote ${args.out}\n`);
  } else if (format === 'sarif') {
    const body = (await import('../render/sarif.ts')).renderSarif(doc.findings!, toolVersion(), doc);
    if (args.out) await writeAtomic(join(args.out, 'findings.sarif'), body);
    else await writeStdout(body);
    if (args.out && !args.quiet) process.stderr.write(`wrote findings.sarif to ${args.out}\n`);
  } else if (args.out) {
    const { reportFileChunks } = await import('../render/report.ts');
    const files = binary
      ? (await import('../export/report-tables.ts')).reportTableFiles(doc, format as ReportTableFormat)
      : reportFileChunks(doc, format as ReportFormat);
    for (const [name, body] of files) await writeAtomic(join(args.out, name), body);
    if (!args.quiet) process.stderr.write(`wrote ${files.size} files${manifestAt ? ' and a manifest' : ''} to ${args.out}\n`);
  } else if (args.summary) {
    const [{ toMarkdownSummary }, { findingsOf }] = await Promise.all([import('../render/summary.ts'), import('../render/report.ts')]);
    await writeStdout(toMarkdownSummary(doc, findingsOf(doc)));
  } else {
    await writeStdoutChunks((await import('../render/report.ts')).renderReportChunks(doc, format as ReportFormat, { width: terminalWidth(isTTY) }));
  }
  await writeLedger(args.rejects, doc.ledger);
  if (manifestAt) await writeManifest(manifestAt, manifest());
  if (doc.files.skipped.digest > 0 && !args.quiet && !verified) {
    process.stderr.write(
      `note: ${doc.files.skipped.digest} digest files found; check the archive's integrity with: cloudtrail-support verify ${paths.join(' ')}\n`,
    );
  }
  const empty = warnIfEmpty(paths, doc.files, doc.records);
  const gate = gateFails(plan, doc);
  // An integrity error fails the run as it fails `verify`, --strict or not.
  if (gate || (verified?.errors ?? 0) > 0) return ExitCode.problems;
  return exitFor(args.strict, hasProblems(doc.ledger) || empty, strictProblemsOf(doc, args));
}

/** What `--strict` says when a report, cases or export run fails it. */
const strictProblemsOf = (run: Pick<ReportDocument, 'files' | 'records'> & { readonly ledger: LedgerLines }, args: InputArgs): StrictProblems => ({
  ledgerLines: run.ledger.length,
  counts: problemCountsOf(run),
  rejects: args.rejects,
});

/** `cases`: one row per support case, to stdout or one file. */
export async function runCases(args: FilterArgs & { format?: ReportFormat; out?: string }, isTTY: boolean): Promise<ExitCodeValue> {
  const clock = startClock();
  const paths = pathsOf(args);
  const options = scanOptionsOf(args);
  // A file gets the format its extension names, else the one a pipe would: json.
  const format: ReportFormat = chooseFormat(args.format, args.out, CASES_EXTENSIONS, defaultReportFormat(args.out, isTTY));
  await checkOutputs(outputsOf(args, args.out === undefined ? undefined : { flag: '--out', path: args.out }), paths);
  const doc = await withProgress(args, paths, options, (o) => report(paths, { ...o, reports: ['cases'], inputs: args.manifest !== undefined }));
  const { renderCasesChunks } = await import('../render/cases.ts');
  const body = renderCasesChunks(doc, format, { width: terminalWidth(isTTY) });
  if (args.out) await writeAtomic(args.out, body);
  else await writeStdoutChunks(body);
  await writeLedger(args.rejects, doc.ledger);
  if (args.manifest) {
    const written = [...(args.out === undefined ? [] : [args.out]), ...sideFiles(args)];
    await writeManifest(args.manifest, runManifest('cases', paths, optionsOf(args), clock, { counts: reportCounts(doc), inputs: doc.inputs }, written));
  }
  const empty = warnIfEmpty(paths, doc.files, doc.records);
  return exitFor(args.strict, hasProblems(doc.ledger) || empty, strictProblemsOf(doc, args));
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
  await writeLedger(args.rejects, result.ledger);
  if (args.manifest) {
    const written = [...(args.out === undefined ? [] : [args.out]), ...sideFiles(args)];
    const counts = reportCounts({ files: result.files, records: result.records });
    await writeManifest(args.manifest, runManifest('export', paths, optionsOf(args, 1), clock, { counts, inputs: result.inputs }, written));
  }
  const empty = warnIfEmpty(paths, result.files, result.records);
  return exitFor(args.strict, hasProblems(result.ledger) || empty, strictProblemsOf(result, args));
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
  const counts = { 'failed-files': result.files.failed, 'rejected-records': result.records.invalid, duplicates: 0, empty: empty ? 1 : 0 };
  const why = { ledgerLines: result.ledger.length, counts, rejects: args.rejects };
  return exitFor(args.strict, result.files.failed > 0 || result.records.invalid > 0 || hasProblems(result.ledger) || empty, why);
}
