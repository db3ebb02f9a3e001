/**
 * Support rows -> one row per support case, joined by case id. Pure, and mergeable: rows are
 * folded file by file into a compact state (each case's lifecycle facts, case-facts.ts, and the
 * principals' histories for novelty), states merge in any order, and the cases come out of the
 * merged state. Memory grows with the cases and principals, not with the Support events.
 *
 * Calls name a case by requestParameters.caseId, CreateCase's responseElements.caseId or
 * DescribeCases' caseIdList. AddAttachmentsToSet names no case: it is linked through the
 * attachment set id that a CreateCase or AddCommunicationToCase of the case uses, which may be
 * read later, so such calls wait (few: one per attachment set) until the end.
 */
import { eventInstant } from '../rows/time-order.ts';
import type { SupportRow } from '../types.ts';
import { type CaseEvent, toCaseEvent } from './case-events.ts';
import { type AccountFirst, addCaseEvent, type CaseFacts, emptyCaseFacts, mergeCaseFacts } from './case-facts.ts';
import { byFirstActivity, type DiskRows, type KeyedRow, RowRuns } from './case-rows.ts';
import { CaseSpill, packCases, type PackedCases } from './case-spill.ts';
import type { SetLinks, SetOnlySpill } from './set-only-spill.ts';
import { internEvent, internFacts } from './intern-facts.ts';
import { collectWhenGrown } from '../read/heap-hint.ts';
import type { CaseRow } from './case-row.ts';
import { foldHistories, type Histories, mergeHistories } from './novelty.ts';
import { summarizeCase } from './summarize-case.ts';

/** What the cases need of the rows read so far. Plain data (but a main-thread `spill`): it crosses threads. */
export interface CaseState {
  /** The cases held as objects: all of them, or those since the last spill. */
  readonly cases: Map<string, CaseFacts>;
  /** A file's cases as lines ({@link packCaseState}, on the workers), instead of `cases`. */
  packed?: PackedCases;
  /** The cases as lines, in memory then on disk (the main thread's merged state only: case-spill.ts). */
  spill?: CaseSpill;
  /**
   * Which cases use each attachment set: the one case id, or a Set when there are more (read it
   * with {@link casesUsingSet}). Nearly every set of the 2,000-file dense corpus is used by one
   * case: with a Set each, the links held 6.2 MB of the main heap at the end of the scan, 3.6 MB
   * without (heap snapshots).
   */
  readonly setsToCases: Map<string, string | Set<string>>;
  /** Calls that name only an attachment set (AddAttachmentsToSet). */
  readonly bySetOnly: CaseEvent[];
  /** Where the merged ones wait instead, as lines (the main thread's merged state only: set-only-spill.ts). */
  setOnly?: SetOnlySpill;
  /** Where merged links wait instead of `setsToCases` until first read (the main thread's merged state only). */
  links?: SetLinks;
  readonly histories: Histories;
}

export const emptyCaseState = (): CaseState => ({ cases: new Map(), setsToCases: new Map(), bySetOnly: [], histories: new Map() });

function addToCase(cases: Map<string, CaseFacts>, caseId: string, event: CaseEvent): void {
  const facts = cases.get(caseId);
  if (facts) addCaseEvent(facts, event);
  else {
    const fresh = emptyCaseFacts(event.row);
    addCaseEvent(fresh, event);
    cases.set(caseId, fresh);
  }
}

/** Notes that case `id` uses attachment set `set`. */
function linkSet(state: CaseState, set: string, id: string): void {
  const cases = state.setsToCases.get(set);
  if (cases === undefined) state.setsToCases.set(set, id);
  else if (typeof cases !== 'string') cases.add(id);
  else if (cases !== id) state.setsToCases.set(set, new Set([cases, id]));
}

const idsOf = (cases: string | Set<string> | undefined): Iterable<string> => (cases === undefined ? [] : typeof cases === 'string' ? [cases] : cases);

/** The ids of the cases that use attachment set `set`, as far as the state knows (the links set aside are taken in first). */
export function casesUsingSet(state: CaseState, set: string): Iterable<string> {
  const aside = state.links;
  if (aside) {
    state.links = undefined;
    for (const [linked, id] of aside.drain()) linkSet(state, linked, id);
  }
  return idsOf(state.setsToCases.get(set));
}

/**
 * Adds rows to a case state (which it returns). "New IP / user agent" findings are judged against
 * every row, not only case calls. `hidden` rows (dropped by the filters) count in the facts of
 * their cases and in the principals' histories, but a case is listed only when one of its calls
 * was not hidden: filters choose which cases are shown, never what a case's facts are.
 */
export function foldCaseRows(state: CaseState, rows: readonly SupportRow[], recordOf?: (row: SupportRow) => object | undefined, hidden = false): CaseState {
  for (const row of rows) {
    const event = toCaseEvent(row, recordOf?.(row), hidden);
    if (!event) continue;
    if (event.caseIds.length === 0) {
      state.bySetOnly.push(event);
      continue;
    }
    for (const set of event.attachmentSetIds) for (const id of event.caseIds) linkSet(state, set, id);
    for (const id of event.caseIds) addToCase(state.cases, id, event);
  }
  foldHistories(state.histories, rows);
  return state;
}

/**
 * The state's cases packed as lines (case-spill.ts), so they cross threads as a few strings, with
 * the findings' first call per case and account (`firsts`, emptied too); in place.
 */
export function packCaseState(state: CaseState, firsts?: Map<string, AccountFirst[]>): CaseState {
  if (state.cases.size > 0 || (firsts && firsts.size > 0)) state.packed = packCases(state.cases, firsts);
  state.cases.clear();
  firsts?.clear();
  return state;
}

/** The first calls per case and account that went with the case lines, one partition at a time (none for a state without a spill). */
export function* accountFirstsOf(state: CaseState): Generator<Map<string, AccountFirst[]>> {
  if (!state.spill) return;
  for (const { firsts } of state.spill.partitions(undefined, 'firsts')) yield firsts;
}

/** Merges `from` into `into` (which it returns). Packed cases go to `into`'s spill (made if need be, all on disk). */
export function mergeCaseStates(into: CaseState, from: CaseState): CaseState {
  if (from.packed) (into.spill ??= CaseSpill.open()).add(from.packed);
  for (const [id, facts] of from.cases) {
    const mine = into.cases.get(id);
    if (mine) mergeCaseFacts(mine, facts);
    else into.cases.set(id, internFacts(facts));
  }
  for (const [set, cases] of from.setsToCases) {
    for (const id of idsOf(cases)) {
      if (into.links) into.links.add([set, id]);
      else linkSet(into, set, id);
    }
  }
  // Held to the end (~17,000 on the 2,000-file dense corpus): as lines when the state has a spill
  // for them; as objects, their file paths and user agents were ~5 MB of copies.
  for (const event of from.bySetOnly) {
    if (into.setOnly) into.setOnly.add(event);
    else into.bySetOnly.push(internEvent(event));
  }
  mergeHistories(into.histories, from.histories);
  return into;
}

/**
 * Every case of the state, in maps that each hold whole cases: the cases in memory, or (once
 * spilled) those too sent to disk and every partition read back merged (the cases of `only`, when
 * given: the others may be left out). The state keeps its spill.
 */
function* allCases(state: CaseState, only?: ReadonlySet<string>): Generator<Map<string, CaseFacts>> {
  if (!state.spill) return yield state.cases;
  state.spill.write(state.cases);
  state.cases.clear();
  for (const { cases } of state.spill.partitions(only, 'facts')) yield cases;
}

/** Removes the state's files on disk, if any (its cases and the calls set aside are gone with them). */
export function releaseCases(state: CaseState): void {
  state.spill?.remove();
  state.spill = undefined;
  state.setOnly?.remove();
  state.links?.remove();
}

/** The opening row (earliest successful CreateCase) of each of `ids` that has one. */
export function openersOf(state: CaseState, ids: ReadonlySet<string>): Map<string, CaseEvent['row']> {
  const openers = new Map<string, CaseEvent['row']>();
  if (ids.size === 0) return openers;
  for (const cases of allCases(state, ids)) {
    for (const id of ids) {
      const row = cases.get(id)?.opened?.row;
      if (row) openers.set(id, row);
    }
  }
  return openers;
}

/** The calls that name only an attachment set, by each case that uses the set. */
function setOnlyEventsByCase(state: CaseState): Map<string, CaseEvent[]> {
  const byCase = new Map<string, CaseEvent[]>();
  for (const event of setOnlyEvents(state)) {
    const ids = new Set(event.attachmentSetIds.flatMap((set) => [...casesUsingSet(state, set)]));
    for (const id of ids) {
      const events = byCase.get(id);
      if (events) events.push(event);
      else byCase.set(id, [event]);
    }
  }
  return byCase;
}

/** The calls that name only an attachment set, in the order folded or merged: those held, then those set aside (drained). */
function* setOnlyEvents(state: CaseState): Generator<CaseEvent> {
  yield* state.bySetOnly;
  if (state.setOnly) yield* state.setOnly.drain();
}

/** Case rows in report order: an array, or (once the state went to disk) rows read from disk as they are iterated. */
export type CaseRows<R> = readonly R[] | DiskRows<R>;

/**
 * One row per case in the state, sorted by the instant of first activity then case id, each made
 * by `toRow` from the case's summary. With `drain`, each case's facts leave the state as its row is
 * made, so the state (about 2 KB a case) shrinks while the rows grow and the two are never both
 * whole: 123,072 cases on the dense bench (2,000 files). The state holds no case afterwards, and
 * its files on disk are removed. A state that went to disk gives its rows on disk too (case-rows.ts).
 */
export function casesOf<R = CaseRow>(state: CaseState, toRow: (row: CaseRow) => R = (row) => row as R, drain = false): CaseRows<R> {
  const setOnly = setOnlyEventsByCase(state);
  state.bySetOnly.length = 0;
  if (drain) state.setsToCases.clear();
  // Rows on disk when the cases were (decided once the cases held as objects are added: allCases).
  let runs: RowRuns<R> | null | undefined;
  let made: KeyedRow<R>[] = [];
  let drained = 0;
  const summarize = (cases: Map<string, CaseFacts>) => {
    runs ??= state.spill?.onDisk ? new RowRuns<R>() : null;
    for (const [id, facts] of cases) {
      for (const event of setOnly.get(id) ?? []) addCaseEvent(facts, event);
      setOnly.delete(id);
      if (facts.shown) made.push({ at: eventInstant(facts.first.eventTime), id, row: toRow(summarizeCase(id, facts, state.histories)) });
      if (!drain) continue;
      cases.delete(id);
      // The drained facts are garbage in the old generation: collected as they pile up, not after.
      if (++drained % 8192 === 0) collectWhenGrown(1.5);
    }
    if (!runs) return;
    runs.add(made);
    made = [];
  };
  for (const cases of allCases(state)) summarize(cases);
  // A set's user the state never held (not seen so far): the call makes the case, as it would in memory.
  const unheld = new Map<string, CaseFacts>();
  for (const [id, events] of setOnly) for (const event of events) addToCase(unheld, id, event);
  setOnly.clear();
  summarize(unheld);
  if (drain) releaseCases(state);
  if (runs) return runs.finish();
  return made.sort(byFirstActivity).map((m) => m.row);
}

/** One row per case named in `rows` (see {@link casesOf}). */
export const buildCases = (rows: readonly SupportRow[]): CaseRow[] =>
  // A state folded here has no spill (only a merge of packed cases makes one), so its rows are an array.
  casesOf(foldCaseRows(emptyCaseState(), rows)) as CaseRow[];
