import { table, type ColumnTable } from 'arquero';
import { buildCases } from '../cases/build-cases.ts';
import { CASE_COLUMNS } from '../cases/case-row.ts';
import type { SupportRow } from '../types.ts';

/**
 * One row per support case (see cases/build-cases.ts). The table must carry the `raw` column:
 * case ids in caseIdList and attachment sets are read from the original record.
 */
export function cases(events: ColumnTable): ColumnTable {
  const rows = buildCases(events.objects() as unknown as SupportRow[]);
  return table(Object.fromEntries(CASE_COLUMNS.map((c) => [c, rows.map((r) => r[c])])))
    .orderby('firstSeen', 'caseId');
}
