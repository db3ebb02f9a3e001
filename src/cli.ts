#!/usr/bin/env -S MALLOC_MMAP_THRESHOLD_=131072 node --max-semi-space-size=2 --heap-growing-percent=60
/**
 * The command line: parses flags with yargs and runs the command handler (cli/commands.ts),
 * whose exit code it sets. The only module that knows about argv, stdout, the TTY and exit codes.
 *
 * The shebang's settings keep peak memory flat and low (docs/performance.md has the figures): the
 * young generation capped as for workers (workers/pool.ts), every heap collected at 1.6x its live
 * data, glibc's mmap threshold fixed at 128 KiB. `npm start` and the benchmark use the same line (tested).
 */
import process from 'node:process';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { ExitCode, type ExitCodeValue, RunError } from './errors.ts';
import { runCases, runExport, runReport, runValidate } from './cli/commands.ts';
import { runVerify } from './cli/verify.ts';
import { watchStrayErrors } from './cli/stray-errors.ts';
import { EXPORT_FORMATS } from './export/formats.ts';
import { REPORT_NAMES } from './reports/names.ts';
import { removeTempsOnExit } from './cli/signals.ts';
import { helpWidth, wrapHelp } from './cli/help-wrap.ts';
import { writeStdout } from './cli/stdout.ts';
import { runSql, type SqlArgs, sqlOptions } from './cli/sql.ts';
import { maxFileBytesOption, parseList, parseWorkers, withFilters, withInput } from './cli/flags.ts';

const RULES = 'Findings:';

/** The exit code the command handler returned (yargs keeps handlers' results to itself). */
let exitCode: ExitCodeValue = ExitCode.ok;

/** Builds the yargs parser for the given arguments. */
function cli(argv: string[]) {
  return yargs(argv)
    .scriptName('cloudtrail-support')
    .usage('$0 <command> [paths..] [options]\n\nWho did what with AWS Support, when, from where: read offline from CloudTrail archives.')
    .command(
      ['report [paths..]', '$0 [paths..]'],
      `Support activity reports: ${REPORT_NAMES.join(', ')}`,
      (y) =>
        withFilters(withInput(y))
          .option('format', {
            choices: ['table', 'csv', 'json', 'md', 'parquet', 'arrow', 'sarif', 'html'] as const,
            describe:
              'Output format (default: table on a TTY without --out, json otherwise; parquet and arrow need --out; sarif: the findings as SARIF 2.1.0; html is one self-contained page, also implied by --out x.html)',
          })
          .option('out', { type: 'string', describe: 'Write one file per report plus summary.json into this folder (html: this one .html file)' })
          .option('public-keys', {
            type: 'string',
            array: true,
            describe: 'With --format html: verify the inputs too (as verify does) and show the verdict; output of `aws cloudtrail list-public-keys`',
          })
          .option('signatures', { type: 'string', describe: 'With --format html and --public-keys: JSON map of digest key -> hex signature' })
          .option('summary', {
            type: 'boolean',
            default: false,
            describe: 'With --format md: a short summary for a CI job page (verdict, top findings, accounting), at most 256 KiB, to stdout',
          })
          .option('report', {
            type: 'string',
            array: true,
            coerce: parseList('report', ['findings', ...REPORT_NAMES]),
            describe: `Only these reports, comma-separated or repeated: findings, ${REPORT_NAMES.join(', ')}`,
          })
          .option('rules', {
            type: 'string',
            array: true,
            group: RULES,
            describe: 'Sigma rule file or folder of them (.yml, .yaml), added to the built-in rules; repeatable',
          })
          .option('builtin-rules', {
            type: 'boolean',
            default: true,
            group: RULES,
            describe: 'Run the built-in Support rules (--no-builtin-rules: only --rules)',
          })
          .option('fail-on', {
            type: 'string',
            array: true,
            coerce: parseList('fail-on'),
            group: RULES,
            describe:
              'Exit 1 on a finding at or above a level (informational, low, medium, high, critical), of a rule id, or on failed-files, rejected-records, duplicates, empty; comma-separated or repeated',
          })
          .option('baseline', {
            type: 'string',
            group: RULES,
            describe: "A previous run's JSON (report --format json): only findings whose fingerprint it lacks count for --fail-on; they are marked new",
          })
          .example('$0 report ./AWSLogs', 'Report on a downloaded archive')
          .example('$0 report ./AWSLogs --since 2026-01-01 --format md --out report/', 'Markdown files for January on')
          .example('$0 report ./AWSLogs --format parquet --out report/', 'One Parquet file per report')
          .example('$0 report ./AWSLogs --out evidence.html', 'One self-contained HTML evidence report, with charts')
          .example('$0 report ./AWSLogs --strict --rejects rejects.ndjson', 'CI: fail on any unreadable file or record')
          .example('$0 report ./AWSLogs --fail-on high --format sarif > findings.sarif', 'CI: SARIF for code scanning, exit 1 on a high finding')
          .example('$0 report ./AWSLogs --rules my-rules/ --fail-on medium,failed-files', 'Your Sigma rules too; fail on medium findings or unreadable files')
          .example('$0 report ./AWSLogs --format md --summary >> "$GITHUB_STEP_SUMMARY"', 'CI: the job summary on GitHub Actions'),
      async (args) => void (exitCode = await runReport(args, process.stdout.isTTY === true)),
    )
    .command(
      'cases [paths..]',
      'One row per support case: opened, discussed, read and resolved by whom, with findings',
      (y) =>
        withFilters(withInput(y))
          .option('format', {
            choices: ['table', 'csv', 'json', 'md'] as const,
            describe: "Output format (default: --out's extension, .csv .json .md .txt; else table on a TTY, json otherwise)",
          })
          .option('out', { type: 'string', describe: 'Write the case table to this file (default: stdout)' })
          .example('$0 cases ./AWSLogs', 'Every support case in the archive and its lifecycle')
          .example('$0 cases ./AWSLogs --since 2026-01-01 --format csv --out cases.csv', 'Cases touched since January, for a spreadsheet'),
      async (args) => void (exitCode = await runCases(args, process.stdout.isTTY === true)),
    )
    .command(
      'export [paths..]',
      'One row per Support record, for spreadsheets and data tools',
      (y) =>
        withFilters(withInput(y))
          .option('format', {
            choices: EXPORT_FORMATS,
            describe:
              "Row format (default: --out's extension, .csv .ndjson .jsonl .json .parquet .arrow; else csv); rows are in file path order, then record index",
          })
          .option('out', { type: 'string', describe: 'Output file (default: stdout for csv, ndjson, json); with --partition-by, a new folder' })
          .option('partition-by', {
            type: 'string',
            array: true,
            describe: 'Hive-partitioned dataset by these keys: account, region, date (e.g. account,region,date)',
          })
          .option('workers', {
            type: 'string',
            coerce: parseWorkers,
            describe: 'Scan worker threads, 1-256 (default 1 for export: the writer is the bottleneck, and each worker costs memory)',
          })
          .example('$0 export ./AWSLogs --format csv --out support.csv', 'Every Support event as CSV')
          .example('$0 export ./AWSLogs --format parquet --out support.parquet', 'As Parquet, for DuckDB, Spark, Athena')
          .example('$0 export ./AWSLogs --format parquet --partition-by account,region,date --out dataset/', 'A Hive-partitioned dataset'),
      async (args) => void (exitCode = await runExport(args)),
    )
    .command(
      'validate [paths..]',
      'Validate every record of every log file against the CloudTrail record schema',
      (y) =>
        withInput(y)
          .option('format', { choices: ['table', 'json'] as const, describe: 'Output format (default: table on a TTY, json otherwise)' })
          .example('$0 validate ./AWSLogs --strict', 'Exit 1 if any record or file is invalid'),
      async (args) => void (exitCode = await runValidate(args, process.stdout.isTTY === true)),
    )
    .command(
      'verify [paths..]',
      'Verify integrity offline with the digest files: hashes, chains, signatures, unlisted files',
      (y) =>
        y
          .positional('paths', {
            describe: 'CloudTrail log and digest files or folders (searched recursively), .zip/.tar/.tar.gz archives too',
            type: 'string',
            array: true,
          })
          .option('public-keys', {
            type: 'string',
            array: true,
            describe: 'Output of `aws cloudtrail list-public-keys` (JSON), one file per region; repeatable',
          })
          .option('signatures', {
            type: 'string',
            describe:
              'JSON map of digest key -> hex signature (x-amz-meta-signature of the newest digests); --no-signatures: accept a NOT VERIFIED verdict (exit 0)',
          })
          .option('manifest', {
            type: 'string',
            describe: "Check the chain of custody instead: are the files still those this run's manifest.json names (paths default to the manifest's)",
          })
          .option('format', { choices: ['table', 'json', 'md'] as const, describe: 'Output format (default: table on a TTY, json otherwise)' })
          .option('strict', {
            type: 'boolean',
            default: false,
            describe: 'Also exit 1 on warnings: what could not be verified (no key, no newest signature, files no digest covers)',
          })
          .option('max-file-bytes', maxFileBytesOption('Cap on one file, stored and decompressed (bytes, or 512M, 2G); bigger files are unreadable'))
          .option('inflate', {
            choices: ['native', 'fflate'] as const,
            default: 'native' as const,
            describe: 'gzip decoder: the runtime zlib (fastest) or fflate (portable, pure JS)',
          })
          .example(
            '$0 verify ./AWSLogs --public-keys keys-us-east-1.json --signatures newest.json',
            'Exit 1 on any tampered, missing or unlisted file or broken chain',
          )
          .example('$0 verify ./AWSLogs --no-signatures', 'Hashes and chains only: NOT VERIFIED, exit 0, accepted knowingly')
          .example('$0 verify --manifest report/manifest.json', 'The chain of custody: changed, missing and new input files since the run')
          .example('$0 verify ./AWSLogs --format md > integrity.md', 'A Markdown report'),
      async (args) => void (exitCode = await runVerify(args, process.stdout.isTTY === true)),
    )
    .command(
      'sql [report]',
      'The SQL of a report, or of the findings that one record decides, for DuckDB, Athena, Trino or Spark, over our Parquet export or the CloudTrail table',
      (y) => sqlOptions(y),
      async (args) => void (exitCode = await runSql(args as unknown as SqlArgs)),
    )
    .strict()
    .help()
    .alias('h', 'help')
    .version()
    // Unwrapped: help-wrap.ts wraps by words (yargs' ESM wrap cuts words in the middle).
    .wrap(null)
    .fail((message, err) => {
      throw err instanceof RunError ? err : new RunError(message ?? err?.message ?? 'invalid arguments');
    });
}

/**
 * A reader that closes the pipe early (`report | head`) ends the run quietly: no stack trace,
 * no more archive read for output nobody takes, and exit 141 as for a writer stopped by SIGPIPE.
 * Results are written through stdout.ts, which reports other write errors (exit 2); the
 * listeners only keep a stream error from crashing the process (an unwritable stderr: the run goes on).
 */
const isClosedPipe = (err: unknown) => (err as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';

function watchOutputStreams(): void {
  process.stdout.on('error', (err) => {
    process.exitCode = isClosedPipe(err) ? ExitCode.outputClosed : ExitCode.usage;
  });
  process.stderr.on('error', () => undefined);
}

async function main(): Promise<void> {
  watchOutputStreams();
  watchStrayErrors();
  removeTempsOnExit();
  try {
    // With a callback, yargs hands --help and --version text over instead of printing it and exiting.
    let shown = '';
    await cli(hideBin(process.argv)).parseAsync(hideBin(process.argv), {}, (_err, _argv, output) => void (shown = output));
    if (shown) await writeStdout(`${wrapHelp(shown, helpWidth(process.stdout.columns))}\n`);
    process.exitCode = exitCode;
  } catch (err) {
    if (isClosedPipe(err)) {
      process.exitCode = ExitCode.outputClosed;
      return;
    }
    if (err instanceof RunError) {
      process.stderr.write(`cloudtrail-support: ${err.message}\n`);
      process.exitCode = err.exitCode;
      return;
    }
    process.stderr.write(`cloudtrail-support: internal error: ${(err as Error)?.stack ?? err}\n`);
    process.exitCode = ExitCode.usage;
  }
}

await main();
