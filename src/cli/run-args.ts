/**
 * What every command handler shares: the input and filter flags, scan options from them, the
 * outputs a run writes, the rejects ledger, the empty-run warning and the exit code for problems.
 */
import process from 'node:process';
import type { InflateEngine } from '../read/decode.ts';
import { ExitCode, type ExitCodeValue } from '../errors.ts';
import { writeAtomicParts } from '../export/atomic.ts';
import { type Output } from './outputs.ts';
import { toNdjson } from '../render/json.ts';
import { parseWindow, type RowFilter } from '../rows/filter.ts';
import type { ScanOptions } from '../scan/scan.ts';
import type { SourceSelection } from '../rows/support-row.ts';
import type { FileCounts, LedgerLines } from '../types.ts';
import { emptyRunWarning, isEmptyRun } from './empty-input.ts';
import { optionsInEffect } from './manifest.ts';
import { defaultWorkers } from '../workers/pool.ts';
import { PROBLEM_CLASSES, type ProblemCounts, problemReasons } from '../findings/gate.ts';
import { counted } from '../words.ts';

export interface InputArgs {
  paths?: string[];
  'max-file-bytes': number;
  inflate: InflateEngine;
  rejects?: string;
  manifest?: string;
  strict: boolean;
  workers?: number;
  quiet?: boolean;
}

export interface FilterArgs extends InputArgs {
  sources: SourceSelection;
  since?: string;
  until?: string;
  account?: string[];
  region?: string[];
  'event-name'?: string[];
  principal?: string[];
  'prune-by-path': boolean;
  prefilter: boolean;
}

export function filterOf(args: FilterArgs): RowFilter {
  return {
    ...parseWindow(args.since, args.until),
    accounts: args.account,
    regions: args.region,
    eventNames: args['event-name'],
    principals: args.principal,
  };
}

export function scanOptionsOf(args: FilterArgs): ScanOptions {
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
export function outputsOf(args: InputArgs, out: Output | undefined): Output[] {
  const files = [['--rejects', args.rejects], ['--manifest', args.manifest]].flatMap(([flag, path]) => (path === undefined ? [] : [{ flag: flag!, path }]));
  return [...(out ? [out] : []), ...files];
}

/** The files a run wrote besides its --out: for the manifest's `outputs`. */
export const sideFiles = (args: InputArgs) => (args.rejects === undefined ? [] : [args.rejects]);

/**
 * Ledger lines rendered into one text per write. The whole ledger as one text failed past V8's
 * longest string (~512 MiB): a 23 MB zip holding one 31 MiB entry under 48 names has 2.25M
 * duplicate lines, and `--rejects` ended the run with an internal error after the scan.
 */
const LEDGER_SLICE = 10_000;

/** Writes the ledger as NDJSON to `path` (nothing without one). */
export async function writeLedger(path: string | undefined, ledger: LedgerLines): Promise<void> {
  if (path) await writeAtomicParts(path, ledgerSlices(ledger));
}

/** The ledger as NDJSON texts of LEDGER_SLICE lines: a compact ledger makes only these lines at a time. */
function* ledgerSlices(ledger: LedgerLines): Generator<string> {
  for (let from = 0; from < ledger.length; from += LEDGER_SLICE) yield toNdjson(ledger.slice(from, from + LEDGER_SLICE));
}

/** The terminal's width in columns on a terminal (tables are fitted to it), else the default. */
export const terminalWidth = (isTTY: boolean): number | undefined => (isTTY && process.stdout.columns > 0 ? process.stdout.columns : undefined);

/** The options in effect for the manifest: the flags as parsed, with the worker count the run used. */
export const optionsOf = (args: InputArgs, defaultWorkerCount = defaultWorkers()) =>
  optionsInEffect(args as unknown as Record<string, unknown>, { workers: args.workers ?? defaultWorkerCount });

/** What a run that fails `--strict` says of why: its ledger, its problem classes, where the ledger went. */
export interface StrictProblems {
  readonly ledgerLines: number;
  readonly counts: ProblemCounts;
  readonly rejects: string | undefined;
}

/** Exit 1 when `--strict` and the run had problems, said on stderr (as `--fail-on` says its reasons); else 0. */
export function exitFor(strict: boolean, problems: boolean, why: StrictProblems): ExitCodeValue {
  if (!strict || !problems) return ExitCode.ok;
  process.stderr.write(`cloudtrail-support: --strict: ${strictReason(why)}\n`);
  return ExitCode.problems;
}

/** Why `--strict` fails the run, in one line. Pure. */
export function strictReason({ ledgerLines, counts, rejects }: StrictProblems): string {
  const parts = problemReasons(PROBLEM_CLASSES, counts);
  const where = rejects === undefined ? '--rejects FILE writes them' : `written to ${rejects}`;
  if (ledgerLines > 0) parts.push(`${counted(ledgerLines, 'line')} in the rejects ledger (${where})`);
  return parts.join('; ');
}

/** Says so on stderr when the run read no record; returns whether it did (empty input fails --strict). */
export function warnIfEmpty(paths: readonly string[], files: FileCounts, records: { readonly seen: number }): boolean {
  if (!isEmptyRun(records)) return false;
  process.stderr.write(emptyRunWarning(paths, files));
  return true;
}
