/**
 * Every report as a mergeable partial (what the workers load: no arquero): rows are folded where they are read (a file's rows, on a
 * worker), partials are merged in file order on the main thread, and the reports are finished
 * from the merged partial. What it holds grows with the groups, the case events and the bounded
 * event list, not with the Support events.
 */
import { type CaseState, emptyCaseState, foldCaseRows, mergeCaseStates } from '../cases/build-cases.ts';
import type { CloudTrailRecord, SupportRow } from '../types.ts';
import { aboveFloor, type EventFloor, type EventRow, keepLatest, trim } from './event-list.ts';
import { factsOf, type RecordOf } from './facts.ts';
import type { ReportName } from './names.ts';
import { isRolled, type RolledName, ROLLUPS } from './rollups.ts';
import { foldRows, type Groups, mergeGroups } from './rollup.ts';
import { emptyFindings, type FindingsPartial, foldFindingRows } from '../findings/fold.ts';
import { mergeFindings } from '../findings/merge.ts';
import type { SigmaRule } from '../findings/sigma-rule.ts';

/** The reports' state over the rows folded so far. Plain data (Maps, Sets, arrays): it crosses threads. */
export interface ReportPartial {
  readonly groups: Partial<Record<RolledName, Groups>>;
  readonly cases?: CaseState;
  /** The latest events (at most `eventLimit` once trimmed); `events` is asked for. */
  readonly events?: EventRow[];
  /** Set when detection rules run (findings/fold.ts); the case state is then kept too (stateful findings read it). */
  readonly findings?: FindingsPartial;
}

/** An empty partial for the named reports, with findings when `findings` is true. */
export function emptyPartial(names: readonly ReportName[], findings = false): ReportPartial {
  const groups: Partial<Record<RolledName, Groups>> = {};
  for (const name of names) if (isRolled(name)) groups[name] = new Map();
  return {
    groups,
    ...(names.includes('cases') || findings ? { cases: emptyCaseState() } : {}),
    ...(names.includes('events') ? { events: [] } : {}),
    ...(findings ? { findings: emptyFindings() } : {}),
  };
}

/**
 * Folds rows into a partial (which it returns); `rules` are the detection rules when findings are
 * on. `caseRows` are the rows the cases take (all of `rows` unless some repeat events the cases
 * already hold).
 */
export function foldReportRows(
  partial: ReportPartial,
  rows: readonly SupportRow[],
  eventLimit: number,
  recordOf?: RecordOf,
  rules: readonly SigmaRule[] = [],
  caseRows: readonly SupportRow[] = rows,
  eventFloor?: EventFloor,
): ReportPartial {
  const forCases = caseRows === rows ? undefined : new Set(caseRows);
  for (const row of rows) foldReportRow(partial, row, recordOf?.(row), eventLimit, rules, forCases?.has(row) ?? true, eventFloor);
  return endDocument(partial, eventLimit);
}

/**
 * Folds one row, its parsed record at hand: the report's per-file job folds each row as it is made
 * (scan/outcome.ts RowSink), so the record dies young. On the dense bench (400 files, 160,000
 * Support rows, one thread) a document's rows and records held until its end were promoted by
 * nearly every scavenge: 1,315 scavenges took 1.7 s of 6.9 s of CPU. `forCases` is false for a
 * row whose event the cases already hold; without its `record`, what needs it reads `row.raw`. Call
 * {@link endDocument} when the document is done.
 */
export function foldReportRow(
  partial: ReportPartial,
  row: SupportRow,
  record: CloudTrailRecord | undefined,
  eventLimit: number,
  rules: readonly SigmaRule[],
  forCases: boolean,
  eventFloor?: EventFloor,
): void {
  const one = [row];
  const recordOf = () => record;
  const names = Object.keys(partial.groups) as RolledName[];
  if (names.length > 0) {
    const facts = [factsOf(row, recordOf)];
    for (const name of names) foldRows(ROLLUPS[name], facts, partial.groups[name]);
  }
  if (partial.cases && forCases) foldCaseRows(partial.cases, one, recordOf);
  if (partial.events) keepLatest(partial.events, aboveFloor(one, eventFloor), eventLimit);
  if (partial.findings) foldFindingRows(partial.findings, rules, one, recordOf);
}

/** Settles what is kept per document once its rows are folded one by one: the event list is trimmed to its bound. */
export function endDocument(partial: ReportPartial, eventLimit: number): ReportPartial {
  if (partial.events) trim(partial.events, eventLimit);
  return partial;
}

/** Folds rows the filters dropped into the cases only: they count in case facts and novelty, but show no case. */
export function foldHiddenRows(partial: ReportPartial, rows: readonly SupportRow[], recordOf?: RecordOf): ReportPartial {
  if (partial.cases) foldCaseRows(partial.cases, rows, recordOf, true);
  return partial;
}

/** Merges `from` into `into` (which it returns): the same as folding both partials' rows. */
export function mergePartials(into: ReportPartial, from: ReportPartial, eventLimit: number): ReportPartial {
  for (const name of Object.keys(into.groups) as RolledName[]) {
    const groups = from.groups[name];
    if (groups) mergeGroups(ROLLUPS[name], into.groups[name]!, groups);
  }
  if (into.cases && from.cases) mergeCaseStates(into.cases, from.cases);
  if (into.events && from.events) keepLatest(into.events, from.events, eventLimit);
  if (into.findings && from.findings) mergeFindings(into.findings, from.findings);
  return into;
}
