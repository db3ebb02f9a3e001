/**
 * The reports finished from a merged partial (fold.ts): arquero orders and formats each one.
 */
import type { SupportRow } from '../types.ts';
import { casesReport } from './cases.ts';
import { trim } from './event-list.ts';
import { eventsTable } from './events.ts';
import { emptyPartial, foldReportRows, type ReportPartial } from './fold.ts';
import { REPORT_NAMES, type ReportName, type ReportTable, ROLLED, toReportTable } from './index.ts';
import { toRolledTable } from './rolled-table.ts';
import { isRolled } from './rollups.ts';

/** The named reports of a partial, in registry order. */
export function finishReports(partial: ReportPartial, names: readonly ReportName[], eventLimit: number): Map<ReportName, ReportTable> {
  const out = new Map<ReportName, ReportTable>();
  for (const name of REPORT_NAMES) {
    if (!names.includes(name)) continue;
    if (isRolled(name)) out.set(name, toReportTable(ROLLED[name].finish(toRolledTable(ROLLED[name].rollup, partial.groups[name]!))));
    else if (name === 'cases') out.set(name, casesReport(partial.cases!));
    else out.set(name, toReportTable(eventsTable(trim(partial.events!, eventLimit))));
  }
  return out;
}

/** Builds the named reports (all by default) from rows held in memory, the whole event list included. */
export function buildReports(rows: readonly SupportRow[], names: readonly ReportName[] = REPORT_NAMES): Map<ReportName, ReportTable> {
  return finishReports(foldReportRows(emptyPartial(names), rows, Infinity), names, Infinity);
}
