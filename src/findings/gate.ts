/**
 * CI gates: `--fail-on LEVEL`, `--fail-on RULE_ID` and the problem classes, and `--baseline` (a
 * previous run's JSON: only findings whose fingerprint it lacks count, and they are marked new).
 * Pure: the CLI reads the baseline file and turns the verdict into an exit code.
 */
import { RunError } from '../errors.ts';
import { FINDING_LEVELS, type FindingLevel, type RuleFinding } from './finding.ts';
import { counted } from '../words.ts';

/** Problems of the input a team may fail on apart from findings (`--strict` fails on all of them). */
export const PROBLEM_CLASSES = ['failed-files', 'rejected-records', 'duplicates', 'empty'] as const;
export type ProblemClass = (typeof PROBLEM_CLASSES)[number];

/** What `--fail-on` asks for. */
export interface FailOn {
  /** Fail on a finding at or above this level. */
  readonly level?: FindingLevel;
  readonly ruleIds: readonly string[];
  readonly problems: readonly ProblemClass[];
}

/**
 * What the run had, by problem class. `duplicates` counts records whose eventID was read before and
 * files that are byte-identical copies of files read before; `duplicateFiles` says how many of it are files.
 */
export type ProblemCounts = Readonly<Record<ProblemClass, number>> & { readonly duplicateFiles?: number };

/** `class: count` for each of `classes` the run had, duplicates split into records and files when both may be there. */
export function problemReasons(classes: readonly ProblemClass[], counts: ProblemCounts): string[] {
  return classes.filter((p) => counts[p] > 0).map((p) => `${p}: ${counts[p]}${p === 'duplicates' ? duplicatesSplit(counts) : ''}`);
}

function duplicatesSplit(counts: ProblemCounts): string {
  const files = counts.duplicateFiles ?? 0;
  if (files === 0) return '';
  const records = counts.duplicates - files;
  return ` (${counted(records, 'record')} repeating an eventID read before, ${counted(files, 'file')} copying a file read before)`;
}

/**
 * Parses the `--fail-on` values: levels (the lowest given wins), problem classes, and rule ids,
 * which must name a rule that runs (a typo would otherwise never fail the build).
 */
export function parseFailOn(values: readonly string[], ruleIds: ReadonlySet<string>): FailOn {
  let level: FindingLevel | undefined;
  const ids: string[] = [];
  const problems: ProblemClass[] = [];
  for (const value of values) {
    if ((FINDING_LEVELS as readonly string[]).includes(value)) {
      const l = value as FindingLevel;
      if (level === undefined || FINDING_LEVELS.indexOf(l) < FINDING_LEVELS.indexOf(level)) level = l;
    } else if ((PROBLEM_CLASSES as readonly string[]).includes(value)) problems.push(value as ProblemClass);
    else if (ruleIds.has(value)) ids.push(value);
    else {
      throw new RunError(
        `--fail-on ${JSON.stringify(value)} is not a level (${FINDING_LEVELS.join(', ')}), a problem class (${
          PROBLEM_CLASSES.join(', ')
        }) or the id of a rule that runs`,
      );
    }
  }
  return { ...(level ? { level } : {}), ruleIds: ids, problems };
}

/** The fingerprints of a previous run's JSON (`report --format json`); throws RunError when it is not one. */
export function baselineFingerprints(text: string, file: string): Set<string> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new RunError(`--baseline ${file}: not JSON (${(err as Error).message})`);
  }
  const findings = (doc as { findings?: unknown } | null)?.findings;
  if (!Array.isArray(findings)) throw new RunError(`--baseline ${file}: no "findings" array (give the JSON of a previous report --format json run)`);
  const prints = new Set<string>();
  for (const [i, f] of findings.entries()) {
    const print = (f as { fingerprint?: unknown } | null)?.fingerprint;
    if (typeof print !== 'string') throw new RunError(`--baseline ${file}: findings[${i}] has no fingerprint`);
    prints.add(print);
  }
  return prints;
}

/** The findings marked `new` against a baseline (every finding is new when there is none). */
export function markNew<F extends RuleFinding>(findings: readonly F[], baseline: ReadonlySet<string>): F[] {
  return findings.map((f) => ({ ...f, new: !baseline.has(f.fingerprint) }));
}

/** The reasons the gate fails (empty: it passes). Only new findings count when a baseline marked them. */
export function gateFailures(failOn: FailOn, findings: readonly RuleFinding[], problems: ProblemCounts): string[] {
  const reasons: string[] = [];
  const counting = findings.filter((f) => f.new !== false);
  const baselined = findings.length - counting.length;
  const note = baselined > 0 ? ` (${baselined} in the baseline not counted)` : '';
  if (failOn.level) {
    const min = FINDING_LEVELS.indexOf(failOn.level);
    const hits = counting.filter((f) => FINDING_LEVELS.indexOf(f.level) >= min);
    if (hits.length > 0) reasons.push(`${counted(hits.length, 'finding')} at or above ${failOn.level}${note}`);
  }
  for (const id of failOn.ruleIds) {
    const hits = counting.filter((f) => f.ruleId === id);
    if (hits.length > 0) reasons.push(`${counted(hits.length, 'finding')} of rule ${id} (${hits[0].title})${note}`);
  }
  return [...reasons, ...problemReasons(failOn.problems, problems)];
}
