/**
 * The rule and gate flags of `report`: `--rules`, `--no-builtin-rules`, `--fail-on`, `--baseline`.
 * Everything here is settled before the archive is read (a bad rule file, an unknown rule id or an
 * unreadable baseline is exit 2 up front); after the run, the gate says whether it fails (exit 1)
 * and why, on stderr.
 */
import process from 'node:process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RunError } from '../errors.ts';
import { baselineFingerprints, type FailOn, gateFailures, parseFailOn, type ProblemCounts } from '../findings/gate.ts';
import { loadRules } from '../findings/load-rules.ts';
import { catalogueOf, type FindingsOptions } from '../findings/run-rules.ts';
import type { ReportDocument } from '../reports/document.ts';
import { isEmptyRun } from './empty-input.ts';

/** The rule and gate flags as yargs gives them. */
export interface FindingsArgs {
  rules?: string[];
  'builtin-rules'?: boolean;
  'fail-on'?: string[];
  baseline?: string;
  quiet?: boolean;
}

/** The rules to run (undefined: findings are not asked for) and the gate to apply. */
export interface FindingsPlan {
  readonly options: FindingsOptions | undefined;
  readonly failOn: FailOn;
}

/**
 * Loads the rules and the baseline and parses `--fail-on`. `wanted`: the findings are shown (no
 * --report, or --report findings, or SARIF); a findings gate or a baseline runs them anyway.
 */
export function planFindings(args: FindingsArgs, wanted: boolean): FindingsPlan {
  const builtin = args['builtin-rules'] !== false;
  const loaded = loadRules(args.rules ?? [], builtin);
  const options: FindingsOptions = { loaded, stateful: builtin };
  const failOn = parseFailOn(args['fail-on'] ?? [], new Set(catalogueOf(options).map((r) => r.id)));
  const baseline = args.baseline === undefined ? undefined : readBaseline(args.baseline);
  const needed = wanted || failOn.level !== undefined || failOn.ruleIds.length > 0 || baseline !== undefined;
  for (const r of loaded.refused) process.stderr.write(`cloudtrail-support: warning: rule ${r.file} refused: ${r.reason}\n`);
  return { options: needed ? { ...options, ...(baseline ? { baseline } : {}) } : undefined, failOn };
}

function readBaseline(path: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new RunError(`--baseline ${path}: cannot be read (${(err as Error).message})`);
  }
  return baselineFingerprints(text, path);
}

/** What the run had of each problem class `--fail-on` can name. */
export function problemCountsOf(run: Pick<ReportDocument, 'files' | 'records'>): ProblemCounts {
  return {
    'failed-files': run.files.failed,
    'rejected-records': run.records.rejected,
    duplicates: run.records.duplicates + run.files.skipped.duplicate,
    duplicateFiles: run.files.skipped.duplicate,
    empty: isEmptyRun(run.records) ? 1 : 0,
  };
}

/** Applies the gate: true when it fails the run (each reason said on stderr). */
export function gateFails(plan: FindingsPlan, doc: ReportDocument): boolean {
  const reasons = gateFailures(plan.failOn, doc.findings?.findings ?? [], problemCountsOf(doc));
  for (const reason of reasons) process.stderr.write(`cloudtrail-support: --fail-on: ${reason}\n`);
  return reasons.length > 0;
}

/** This tool's version (package.json at the package root, from src/cli/ or dist/src/cli/). */
export function toolVersion(): string {
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(fileURLToPath(new URL(up, import.meta.url)), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'cloudtrail-support' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not this one: try the next level up
    }
  }
  return '0.0.0';
}
