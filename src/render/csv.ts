import { cellText, linesInPieces, neutralizeFormula } from './cells.ts';

/** Quotes a field per RFC 4180 when it holds a comma, quote, CR or LF. */
export function csvField(value: unknown): string {
  // A list is text once joined: neutralized like any string.
  const text = typeof value === 'string' || Array.isArray(value) ? neutralizeFormula(cellText(value)) : cellText(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line (no line break) for the given columns of a row. */
export function csvLine(row: Record<string, unknown>, columns: readonly string[]): string {
  return columns.map((c) => csvField(row[c])).join(',');
}

/** RFC 4180 CSV with a header line, formula-leading cells neutralized, `\n` line breaks. */
export function toCsv(rows: Iterable<Record<string, unknown>>, columns: readonly string[]): string {
  return [...csvChunks(rows, columns)].join('');
}

/** {@link toCsv} in pieces of up to 1,024 lines, for rows read as they are written (cases on disk). */
export function* csvChunks(rows: Iterable<Record<string, unknown>>, columns: readonly string[]): Generator<string> {
  yield* linesInPieces([columns.map(csvField).join(',')], rows, (row) => csvLine(row, columns));
}
