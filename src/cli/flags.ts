/**
 * Flag parsing shared by the commands: value parsers (sizes, worker counts, lists) and the input
 * and filter option groups, as yargs builders. cli.ts puts them together into commands.
 */
import type { Argv } from 'yargs';
import { RunError } from '../errors.ts';
import { DEFAULT_MAX_FILE_BYTES } from '../read/decode.ts';

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

export const maxFileBytesOption = (describe: string) => ({ type: 'string', default: String(DEFAULT_MAX_FILE_BYTES), coerce: parseByteSize, describe } as const);

export function withInput<T>(y: Argv<T>) {
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
    .option('manifest', {
      type: 'string',
      describe: 'Write the provenance manifest (tool, argv, options, counts, SHA-256 of every input) to this file (report --out DIR: DIR/manifest.json)',
    })
    .option('strict', {
      type: 'boolean',
      default: false,
      describe: 'Exit 1 when the rejects ledger has any line (failed file, rejected record, duplicate, warning)',
    })
    .option('quiet', { type: 'boolean', default: false, describe: 'No progress line on stderr (it is shown only on a terminal anyway)' });
}

export function withFilters<T>(y: Argv<T>) {
  return y
    .option('sources', {
      choices: ['all', 'api', 'support'] as const,
      default: 'all' as const,
      describe: 'all: every AWS Support source (cases, plans, Support App, Trusted Advisor, permits); api: support.amazonaws.com only ' +
        '(`support` is the old name of api). Support records left out are counted "not selected"',
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
      describe: 'Count, not parse, records of no AWS Support source (--no-prefilter parses all)',
    })
    .option('prune-by-path', {
      type: 'boolean',
      default: true,
      group: FILTERS,
      describe: 'Skip files whose path date is outside --since/--until (1 h slack); not when cases are built (they use every record)',
    });
}
