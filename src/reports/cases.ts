import { type ColumnTable, table } from 'arquero';
import { buildCases } from '../cases/build-cases.ts';
import { CASE_COLUMNS } from '../cases/case-row.ts';
import { eventInstant } from '../rows/time-order.ts';
import type { SupportRow } from '../types.ts';

/**
 * One row per support case (see cases/build-cases.ts), ordered by the instant of firstSeen (not
 * its text: `13:00:00.500Z` is after `13:00:00Z`), then caseId. The table must carry the `raw`
 * column: case ids in caseIdList and attachment sets are read from the original record.
 */
export function cases(events: ColumnTable): ColumnTable {
  const rows = buildCases(events.objects() as unknown as SupportRow[]);
  const columns = Object.fromEntries(CASE_COLUMNS.map((c) => [c, rows.map((r) => r[c])]));
  return table({ ...columns, firstSeenInstant: rows.map((r) => eventInstant(r.firstSeen)) })
    .orderby('firstSeenInstant', 'caseId')
    .select(...CASE_COLUMNS);
}
