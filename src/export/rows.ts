import { SUPPORT_ROW_COLUMNS } from '../support-rows.ts';
import type { SupportRow } from '../types.ts';
import { toCsv } from './csv.ts';
import { toJsonDocument, toNdjson } from './json.ts';

export type RowFormat = 'csv' | 'json' | 'ndjson';

/** Support rows in time order (ties by eventID, then file, archive entry and index), so exports are deterministic. */
export function sortRows(rows: readonly SupportRow[]): SupportRow[] {
  const key = (r: SupportRow) => [r.eventTime, r.eventID ?? '', r.file, r.archivePath ?? ''] as const;
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return a.index - b.index;
  });
}

/** Renders Support rows, one per record, in a row format. */
export function renderRows(rows: readonly SupportRow[], format: RowFormat): string {
  const sorted = sortRows(rows) as unknown as Record<string, unknown>[];
  if (format === 'csv') return toCsv(sorted, SUPPORT_ROW_COLUMNS);
  if (format === 'ndjson') return toNdjson(sorted);
  return toJsonDocument(sorted);
}
