/**
 * Support rows -> one row per support case, joined by case id. Pure.
 *
 * Calls name a case by requestParameters.caseId, CreateCase's responseElements.caseId or
 * DescribeCases' caseIdList. AddAttachmentsToSet names no case: it is linked through the
 * attachment set id that a CreateCase or AddCommunicationToCase of the case uses.
 */
import type { SupportRow } from '../types.ts';
import { type CaseEvent, toCaseEvent } from './case-events.ts';
import type { CaseRow } from './case-row.ts';
import { sightingsOf } from './novelty.ts';
import { summarizeCase } from './summarize-case.ts';
import { eventInstant, inTimeOrder } from '../rows/time-order.ts';

/** Which cases use each attachment set. */
function casesBySet(events: readonly CaseEvent[]): Map<string, Set<string>> {
  const bySet = new Map<string, Set<string>>();
  for (const e of events) {
    for (const set of e.caseIds.length > 0 ? e.attachmentSetIds : []) {
      const cases = bySet.get(set) ?? new Set();
      for (const id of e.caseIds) cases.add(id);
      bySet.set(set, cases);
    }
  }
  return bySet;
}

/** Groups case events by case id, in time order within each case. */
export function eventsByCase(rows: readonly SupportRow[]): Map<string, CaseEvent[]> {
  const events = inTimeOrder(rows).map(toCaseEvent).filter((e): e is CaseEvent => e !== null);
  const bySet = casesBySet(events);
  const byCase = new Map<string, CaseEvent[]>();
  for (const e of events) {
    const ids = e.caseIds.length > 0 ? e.caseIds : [...new Set(e.attachmentSetIds.flatMap((s) => [...(bySet.get(s) ?? [])]))];
    for (const id of ids) {
      const list = byCase.get(id) ?? [];
      list.push(e);
      byCase.set(id, list);
    }
  }
  return byCase;
}

/**
 * One row per case named in `rows`, sorted by the instant of first activity then case id. "New IP / user agent"
 * findings are judged against all of `rows` (every Support call of the principal, not only case calls).
 */
export function buildCases(rows: readonly SupportRow[]): CaseRow[] {
  const sightings = sightingsOf(rows);
  const cases = [...eventsByCase(rows)].map(([caseId, events]) => ({
    row: summarizeCase(caseId, events, sightings),
    at: eventInstant(events[0].row.eventTime),
  }));
  cases.sort((a, b) => (a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.row.caseId < b.row.caseId ? -1 : a.row.caseId > b.row.caseId ? 1 : 0));
  return cases.map((c) => c.row);
}
