/**
 * The one finding shape: what a detection rule (Sigma, built-in or the user's) or a stateful check
 * over the aggregates found. Every output (JSON, terminal, Markdown, HTML, SARIF, CI gates) carries
 * this shape, so a finding reads the same wherever it is shown.
 */

/** Sigma's levels, lowest first: the order `--fail-on LEVEL` compares with. */
export const FINDING_LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;

/**
 * A list of eventIDs: an array, or (in a finished finding) a list whose texts are made when read,
 * since one finding can name millions of events. `JSON.stringify` writes either as an array.
 */
export interface IdList extends Iterable<string> {
  readonly length: number;
  slice(from?: number, to?: number): string[];
}

/** How much a finding matters, in Sigma's words. */
export type FindingLevel = (typeof FINDING_LEVELS)[number];

/** One finding: a rule that matched, for one principal in one account, with every matching event. */
export interface RuleFinding {
  /** The rule's `id` (a UUID for Sigma rules; a stable name for the stateful checks). */
  readonly ruleId: string;
  readonly title: string;
  readonly level: FindingLevel;
  /** The acting principal as the reports name it (ARN, or the principal key the rows use). */
  readonly principal: string;
  readonly account: string;
  /** The Support cases the matching events touched (sorted; empty when none). */
  readonly caseIds: readonly string[];
  /** Every matching event's eventID (sorted): an array, or a list read on demand (findings/id-set.ts). */
  readonly eventIDs: IdList;
  /** ISO-8601 UTC times of the first and last matching events. */
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** How many events matched (equals `eventIDs.length`). */
  readonly count: number;
  /** Stable across runs on the same archive: same archive, same finding, same fingerprint. */
  readonly fingerprint: string;
  /** Set by `--baseline`: true when the fingerprint is not in the baseline run. */
  readonly new?: boolean;
}
