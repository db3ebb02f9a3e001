/**
 * What a run's rules need and give: which records beyond the selected Support sources must be
 * parsed for them, the catalogue of every rule that ran (Sigma and stateful), and the findings
 * part of a report document. Pure.
 */
import type { CaseState } from '../cases/build-cases.ts';
import type { ShownFinding } from './finish.ts';
import { finishFindings } from './finish.ts';
import { markNew } from './gate.ts';
import type { FindingsPartial } from './fold.ts';
import { compiledRules } from './fold.ts';
import type { LoadedRules, RefusedRule } from './load-rules.ts';
import { sourcesOfRules } from './sigma-compile.ts';
import type { SigmaRule } from './sigma-rule.ts';
import { type RuleInfo, STATEFUL_RULES } from './stateful-rules.ts';

/** The rules a report runs: the loaded Sigma rules, and whether the stateful built-ins run too. */
export interface FindingsOptions {
  readonly loaded: LoadedRules;
  /** The stateful findings (stateful-rules.ts) run with the built-in rules. */
  readonly stateful: boolean;
  /** `--baseline`: the fingerprints of a previous run; each finding is then marked `new` or not. */
  readonly baseline?: ReadonlySet<string>;
}

/** What the rules cost beyond the Support rows. */
export interface RuleScope {
  /**
   * Event sources beyond the selected ones whose records the rules made the run parse (sorted);
   * null when a rule can match any record, so every record was parsed.
   */
  readonly extraSources: readonly string[] | null;
  /** Records parsed and matched only for the rules (counted as not Support all the same). */
  readonly recordsForRules: number;
}

/** The findings part of a report document. */
export interface FindingsResult {
  readonly findings: ShownFinding[];
  /** Every rule that ran, Sigma ones in load order, then the stateful ones. */
  readonly rules: readonly RuleInfo[];
  readonly refused: readonly RefusedRule[];
  readonly scope: RuleScope;
}

/** The event sources the rules need beyond `selected` (sorted; null: every record). */
export function ruleSourcesOf(rules: readonly SigmaRule[], selected: ReadonlySet<string>): string[] | null {
  const needed = sourcesOfRules(compiledRules(rules));
  return needed === null ? null : [...needed].filter((s) => !selected.has(s)).sort();
}

const infoOf = (r: SigmaRule): RuleInfo => ({
  id: r.id,
  title: r.title,
  description: r.description,
  level: r.level,
  references: r.references,
  tags: r.tags,
  author: r.author,
  file: r.file,
  ...(r.sha256 === undefined ? {} : { sha256: r.sha256 }),
});

/** Every rule of the run, Sigma rules first. */
export function catalogueOf(options: FindingsOptions): RuleInfo[] {
  return [...options.loaded.rules.map(infoOf), ...(options.stateful ? Object.values(STATEFUL_RULES) : [])];
}

/** The findings of a merged partial, with the catalogue and the scope. */
export function findingsResultOf(options: FindingsOptions, partial: FindingsPartial, cases: CaseState, extraSources: readonly string[] | null): FindingsResult {
  const rules = catalogueOf(options);
  const found = finishFindings(partial, cases, new Map(rules.map((r) => [r.id, r])));
  const findings = options.baseline ? markNew(found, options.baseline) : found;
  return { findings, rules, refused: options.loaded.refused, scope: { extraSources, recordsForRules: partial.recordsForRules } };
}
