import stringWidth from 'string-width';
import type { RowList } from '../reports/index.ts';
import { cellText, escapeControls, linesInPieces } from './cells.ts';

/** Widest a cell is shown in a terminal table, in terminal columns; longer text is cut with an ellipsis. */
export const MAX_WIDTH = 48;
const ELLIPSIS = '…';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

// A lone surrogate reaches the terminal as U+FFFD (one column) but measures as zero: make it so first.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Cuts text to at most `max` columns, ellipsis included, between grapheme clusters only. */
export function truncate(text: string, max: number): string {
  const room = max - stringWidth(ELLIPSIS);
  let kept = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = stringWidth(segment);
    if (used + w > room) break;
    kept += segment;
    used += w;
  }
  return kept + ELLIPSIS;
}

/**
 * The end of `text` in at most `max` columns, ellipsis first, cut between grapheme clusters only:
 * for values whose end tells them apart (file paths).
 */
export function tailOf(text: string, max: number): string {
  if (stringWidth(text) <= max) return text;
  const segments = [...graphemes.segment(text)].map((s) => s.segment);
  let room = max - stringWidth(ELLIPSIS);
  let from = segments.length;
  while (from > 0 && stringWidth(segments[from - 1]) <= room) room -= stringWidth(segments[--from]);
  return ELLIPSIS + segments.slice(from).join('');
}

interface Cell {
  text: string;
  width: number;
}

/** Width in terminal columns: East Asian Wide/Fullwidth and emoji 2, combining and zero-width marks 0. */
function cell(text: string): Cell {
  return { text, width: stringWidth(text) };
}

function shown(value: unknown): Cell {
  const text = escapeControls(cellText(value)).replace(LONE_SURROGATE, '\ufffd');
  const c = cell(text);
  return c.width > MAX_WIDTH ? cell(truncate(text, MAX_WIDTH)) : c;
}

/** The widest cell of each column, header included. A loop, not `Math.max(...cells)`: spreading ~125k rows overflows the stack. */
function widestCells(header: readonly Cell[], rows: Iterable<Record<string, unknown>>, columns: readonly string[]): number[] {
  const widths = header.map((h) => h.width);
  for (const row of rows) columns.forEach((c, i) => widths[i] = Math.max(widths[i], shown(row[c]).width));
  return widths;
}

/**
 * A plain, aligned text table for terminals; control characters are shown escaped, never sent.
 * Cells are measured and padded in terminal columns, so wide (CJK, fullwidth, emoji) and
 * zero-width (combining) characters keep the columns aligned.
 */
export function toTextTable(rows: RowList, columns: readonly string[]): string {
  return [...textTableChunks(rows, columns)].join('');
}

/** {@link toTextTable} in pieces: the rows are read twice (widths, then lines), never held. */
export function* textTableChunks(rows: RowList, columns: readonly string[]): Generator<string> {
  if (rows.length === 0) return yield '  (none)\n';
  const header = columns.map(cell);
  const widths = widestCells(header, rows, columns);
  const line = (values: readonly Cell[]) => '  ' + values.map((v, i) => v.text + ' '.repeat(widths[i] - v.width)).join('  ').trimEnd();
  const rule = widths.map((w) => cell('-'.repeat(w)));
  yield* linesInPieces([line(header), line(rule)], rows, (row) => line(columns.map((c) => shown(row[c]))));
}
