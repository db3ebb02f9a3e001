#!/usr/bin/env -S node --max-semi-space-size=2
/**
 * The command line: parses flags with yargs and runs the command handler (cli/commands.ts),
 * whose exit code it sets. The only module that knows about argv, stdout, the TTY and exit codes.
 *
 * The shebang caps V8's young generation on this thread, as the worker pool does for report
 * workers, so peak memory stays flat however long the run (worker-pool.ts `limits` says why).
 * `npm start` and the benchmark use the same flags (tested).
 */
import process from 'node:process';
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { ExitCode, type ExitCodeValue, RunError } from './errors.ts';
import { runCases, runExport, runReport, runValidate, runVerify } from './cli/commands.ts';
import { watchStrayErrors } from './cli/stray-errors.ts';
import { EXPORT_FORMATS } from './export/formats.ts';
import { REPORT_NAMES } from './reports/names.ts';
import { DEFAULT_MAX_FILE_BYTES } from './read/decode.ts';
import { removeTempsOnExit } from './cli/signals.ts';
import { helpWidth, wrapHelp } from './cli/help-wrap.ts';
import { writeStdout } from './cli/stdout.ts';

const FILTERS = 'Filters:';

const UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

/**
 * `--max-file-bytes`: a whole number of bytes, or with a binary unit (`512K`, `64M`, `1.5G`,
 * `2GiB`). Anything else is a usage error: a value that read as NaN used to turn the cap off.
 */
export function parseByteSize(value: unknown): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(?:i?B)?\s*$/i.exec(String(value));
  const bytes = match ? Math.floor(Number(match[1]) * UNITS[match[2].toUpperCase()]) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1) {
    throw new RunError(`--max-file-bytes must be a size of at least 1 byte, such as 33554432, 512M or 2G (got ${JSON.stringify(value)})`);
  }
  return bytes;
}

/**
 * A list flag given repeated or comma-separated (`--report principals,events`, as `--partition-by`
 * takes it), checked against `valid` when given. An empty item or an unknown name is exit 2.
 */
export function parseList(flag: string, valid?: readonly string[]) {
  return (values: unknown): string[] => {
    const items = (Array.isArray(values) ? values : [values]).flatMap((v) => String(v).split(',')).map((v) => v.trim());
    if (items.some((item) => item === '')) throw new RunError(`--${flag} has an empty item (give names separated by commas, or repeat the flag)`);
    const unknown = valid ? items.find((item) => !valid.includes(item)) : undefined;
    if (unknown !== undefined) throw new RunError(`--${flag} ${JSON.stringify(unknown)} is not one of ${valid!.join(', ')}`);
    return [...new Set(items)];
  };
}

const MAX_WORKERS = 256;

/** `--workers`: a whole number from 1 to 256. */
export function parseWorkers(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\s*\d+\s*$/.test(String(value)) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORKERS) {
    throw new RunError(`--workers must be a whole number from 1 to ${MAX_WORKERS} (got ${JSON.stringify(value)})`);
  }
  return n;
}

const maxFileBytesOption = (describe: string) => ({ type: 'string', default: String(DEFAULT_MAX_FILE_BYTES), coerce: parseByteSize, describe } as const);

function withInput<T>(y: Argv<T>) {
  return y
    .positional('paths', { describe: 'CloudTrail files or folders (searched recursively)', type: 'string', array: true, demandOption: true })
    .option(
      'max-file-bytes',
      maxFileBytesOption('Cap on one file, stored and decompressed, and on one archive entry (bytes, or 512M, 2G); bigger files are rejected'),
    )
    .option('inflate', {
      choices: ['native', 'fflate'] as const,
      default: 'native' as const,
      describe: 'gzip decoder: the runtime zlib (fastest) or fflate (portable, pure JS)',
    })
    .option('workers', {
      type: 'string',
      coerce: parseWorkers,
      describe: 'Worker threads, 1-256 (default: one per core; 1 = none). Output is identical for any count',
    })
    .option('rejects', { type: 'string', describe: 'Write the rejects ledger (NDJSON: path, index, stage, reason) to this file' })
    .option('strict', {
      type: 'boolean',
      default: false,
      describe: 'Exit 1 when the rejects ledger has any line (failed file, rejected record, duplicate, warning)',
    })
    .option('quiet', { type: 'boolean', default: false, describe: 'No progress line on stderr (it is shown only on a terminal anyway)' });
}

function withFilters<T>(y: Argv<T>) {
  return y
    .option('sources', {
      choices: ['support', 'all'] as const,
      default: 'support' as const,
      describe: 'support.amazonaws.com only, or every AWS Support source',
    })
    .option('since', { type: 'string', group: FILTERS, describe: 'Keep events at or after this ISO date/date-time (UTC)' })
    .option('until', { type: 'string', group: FILTERS, describe: 'Keep events before this ISO date-time (a bare date includes that day)' })
    .option('account', {
      type: 'string',
      array: true,
      coerce: parseList('account'),
      group: FILTERS,
      describe: 'Keep these account ids (comma-separated or repeated)',
    })
    .option('region', {
      type: 'string',
      array: true,
      coerce: parseList('region'),
      group: FILTERS,
      describe: 'Keep these regions (comma-separated or repeated)',
    })
    .option('event-name', {
      type: 'string',
      array: true,
      coerce: parseList('event-name'),
      group: FILTERS,
      describe: 'Keep these event names (comma-separated or repeated)',
    })
    .option('principal', { type: 'string', array: true, group: FILTERS, describe: 'Keep these principals, by name or ARN (repeatable)' })
    .option('prefilter', {
      type: 'boolean',
      default: true,
      describe: 'Count, not parse, files that contain no selected Support source (--no-prefilter parses all)',
    })
    .option('prune-by-path', { type: 'boolean', default: true, group: FILTERS, describe: 'Skip files whose path date is outside --since/--until (1 h slack)' });
}

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
            choices: ['table', 'csv', 'json', 'md', 'parquet', 'arrow'] as const,
            describe: 'Output format (default: table on a TTY without --out, json otherwise; parquet and arrow need --out)',
          })
          .option('out', { type: 'string', describe: 'Write one file per report plus summary.json into this folder' })
          .option('report', {
            type: 'string',
            array: true,
            coerce: parseList('report', REPORT_NAMES),
            describe: `Only these reports, comma-separated or repeated: ${REPORT_NAMES.join(', ')}`,
          })
          .example('$0 report ./AWSLogs', 'Report on a downloaded archive')
          .example('$0 report ./AWSLogs --since 2026-01-01 --format md --out report/', 'Markdown files for January on')
          .example('$0 report ./AWSLogs --format parquet --out report/', 'One Parquet file per report')
          .example('$0 report ./AWSLogs --sources all --strict --rejects rejects.ndjson', 'CI: fail on any unreadable file or record'),
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
            describe: 'CloudTrail log and digest files or folders (searched recursively)',
            type: 'string',
            array: true,
            demandOption: true,
          })
          .option('public-keys', {
            type: 'string',
            array: true,
            describe: 'Output of `aws cloudtrail list-public-keys` (JSON), one file per region; repeatable',
          })
          .option('signatures', { type: 'string', describe: 'JSON map of digest key -> hex signature (x-amz-meta-signature of the newest digests)' })
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
          .example('$0 verify ./AWSLogs --format md > integrity.md', 'A Markdown report (signatures not checked without keys)'),
      async (args) => void (exitCode = await runVerify(args, process.stdout.isTTY === true)),
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
 * listeners here only keep a stream error from crashing the process. Stderr carries notes and
 * progress: when it cannot be written, there is nowhere to say so, and the run goes on.
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
