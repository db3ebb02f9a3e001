import { type ColumnTable, table } from 'arquero';
import { CASE_COLUMNS, type CaseRow } from '../cases/case-row.ts';
import { eventInstant } from '../rows/time-order.ts';

/**
 * One row per support case (see cases/build-cases.ts), ordered by the instant of firstSeen (not
 * its text: `13:00:00.500Z` is after `13:00:00Z`), then caseId.
 */
export function casesTable(rows: readonly CaseRow[]): ColumnTable {
  const columns = Object.fromEntries(CASE_COLUMNS.map((c) => [c, rows.map((r) => r[c])]));
  return table({ ...columns, firstSeenInstant: rows.map((r) => eventInstant(r.firstSeen)) })
    .orderby('firstSeenInstant', 'caseId')
    .select(...CASE_COLUMNS);
}
