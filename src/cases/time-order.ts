import type { SupportRow } from '../types.ts';

/**
 * Time order of Support rows: eventTime, then eventID, file and index, so rows of the same
 * second still come out the same way on every run.
 */
export function compareRows(a: SupportRow, b: SupportRow): number {
  if (a.eventTime !== b.eventTime) return a.eventTime < b.eventTime ? -1 : 1;
  const ida = a.eventID ?? '';
  const idb = b.eventID ?? '';
  if (ida !== idb) return ida < idb ? -1 : 1;
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.index - b.index;
}

/** A sorted copy of the rows, in time order. */
export const inTimeOrder = (rows: readonly SupportRow[]): SupportRow[] => [...rows].sort(compareRows);
