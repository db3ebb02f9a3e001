/**
 * Every report as a mergeable partial (what the workers load: no arquero): rows are folded where they are read (a file's rows, on a
 * worker), partials are merged in file order on the main thread, and the reports are finished
 * from the merged partial. What it holds grows with the groups, the case events and the bounded
 * event list, not with the Support events.
 */
import { type CaseState, emptyCaseState, foldCaseRows, mergeCaseStates } from '../cases/build-cases.ts';
import type { SupportRow } from '../types.ts';
import { type EventRow, keepLatest, trim } from './event-list.ts';
import { factsOf, type RecordOf } from './facts.ts';
import type { ReportName } from './names.ts';
import { isRolled, type RolledName, ROLLUPS } from './rollups.ts';
import { foldRows, type Groups, mergeGroups } from './rollup.ts';

/** The reports' state over the rows folded so far. Plain data (Maps, Sets, arrays): it crosses threads. */
export interface ReportPartial {
  readonly groups: Partial<Record<RolledName, Groups>>;
  readonly cases?: CaseState;
  /** The latest events (at most `eventLimit` once trimmed); `events` is asked for. */
  readonly events?: EventRow[];
}

/** An empty partial for the named reports. */
export function emptyPartial(names: readonly ReportName[]): ReportPartial {
  const groups: Partial<Record<RolledName, Groups>> = {};
  for (const name of names) if (isRolled(name)) groups[name] = new Map();
  return { groups, ...(names.includes('cases') ? { cases: emptyCaseState() } : {}), ...(names.includes('events') ? { events: [] } : {}) };
}

/** Folds rows into a partial (which it returns). */
export function foldReportRows(partial: ReportPartial, rows: readonly SupportRow[], eventLimit: number, recordOf?: RecordOf): ReportPartial {
  const names = Object.keys(partial.groups) as RolledName[];
  if (names.length > 0) {
    const facts = rows.map((row) => factsOf(row, recordOf));
    for (const name of names) foldRows(ROLLUPS[name], facts, partial.groups[name]);
  }
  if (partial.cases) foldCaseRows(partial.cases, rows, recordOf);
  if (partial.events) trim(keepLatest(partial.events, rows, eventLimit), eventLimit);
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
  return into;
}
