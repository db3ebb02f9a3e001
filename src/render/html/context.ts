/**
 * What the HTML report shows besides the report document: the scope of the run, and the results
 * of the other jobs when they ran (findings, the provenance manifest, the verify result).
 */
import type { SourceSelection } from '../../rows/support-row.ts';
import type { RuleFinding } from '../../findings/finding.ts';
import type { RunManifest } from '../../integrity/manifest.ts';
import type { VerifyResult } from '../../integrity/types.ts';

/** The run as the title section states it: what was read, with which window and filters, by what, when. */
export interface ReportScope {
  /** The input paths as given. */
  readonly inputs: readonly string[];
  /** `--since` and `--until` as given (ISO date or date-time). */
  readonly since?: string;
  readonly until?: string;
  /** The value filters in effect (`--account` and so on), by flag name without dashes. */
  readonly filters: Readonly<Record<string, readonly string[] | undefined>>;
  readonly sources: SourceSelection;
  /** When the report was written, ISO-8601 UTC. */
  readonly generatedAt: string;
  readonly tool: { readonly name: string; readonly version: string };
  readonly runtime: { readonly name: string; readonly version: string };
  /** The command line and working folder, when known (the manifest section shows them). */
  readonly argv?: readonly string[];
  readonly cwd?: string;
  /** When the run started, ISO-8601 UTC. */
  readonly startedAt?: string;
}

/** Everything the HTML report is drawn from besides the report document. */
export interface HtmlReportContext {
  readonly scope: ReportScope;
  /** Rule findings, when a findings engine ran; without them the verdict shows the case flags and denied calls. */
  readonly findings?: readonly RuleFinding[];
  /** The provenance manifest of the run, embedded whole when given. */
  readonly manifest?: RunManifest;
  /** The integrity verdict, when `verify` ran on the same inputs; else the report says integrity was not checked. */
  readonly verify?: VerifyResult;
  /** How many of the newest events the appendix lists (default {@link APPENDIX_EVENTS}). */
  readonly appendixEvents?: number;
}

/** Events listed in the appendix by default: the newest ones. */
export const APPENDIX_EVENTS = 200;

/** Rows a table of the report lists before it says how many more there are and where to get them. */
export const TABLE_ROWS = 100;
