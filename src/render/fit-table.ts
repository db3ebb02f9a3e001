/**
 * A text table fitted to a terminal width: nothing wraps. Columns come in priority order (the
 * first matter most); when the table is too wide, the widest columns are narrowed first (down to
 * a floor), then the last columns are dropped, and the table says which. A cell too long for its
 * column is cut in the middle, keeping its end: a role session's person
 * (`AWSReservedSSO_Admin…/maria.garcia@example.com`), a file's name. Pure.
 */
import stringWidth from 'string-width';
import type { RowList } from '../reports/index.ts';
import { cellText, escapeControls, linesInPieces } from './cells.ts';

const ELLIPSIS = '…';
const GAP = 2;
const INDENT = 2;
/**
 * A column is not narrowed below this many columns, and one no wider is never cut: a time (20),
 * an account (12), an event name stay whole, and a column is dropped before it becomes unreadable.
 * Long texts (principals, user agents, lists) are what gets narrowed.
 */
const FLOOR = 24;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
// A lone surrogate reaches the terminal as U+FFFD (one column) but measures as zero: make it so first.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const segmentsOf = (text: string) => [...graphemes.segment(text)].map((s) => ({ text: s.segment, width: stringWidth(s.segment) }));

/** Takes graphemes from `segments` (in the given order) while they fit in `room` columns. */
function take(segments: readonly { text: string; width: number }[], room: number): { texts: string[]; width: number } {
  const texts: string[] = [];
  let width = 0;
  for (const s of segments) {
    if (width + s.width > room) break;
    texts.push(s.text);
    width += s.width;
  }
  return { texts, width };
}

/**
 * `text` in at most `max` columns, cut in the middle with an ellipsis, between graphemes only. The
 * last part after a `/` (a role session's person, a file name) is kept whole when it fits, the
 * start getting what room is left; otherwise about two fifths of the room go to the start.
 */
export function middleCut(text: string, max: number): string {
  if (stringWidth(text) <= max) return text;
  if (max <= 1) return max === 1 ? ELLIPSIS : '';
  const segments = segmentsOf(text);
  const room = max - 1;
  const slash = text.lastIndexOf('/');
  const lastPart = slash > 0 ? stringWidth(text.slice(slash)) : Infinity;
  const tailRoom = lastPart <= room ? lastPart : room - Math.floor((room * 2) / 5);
  const tail = take([...segments].reverse(), tailRoom);
  const head = take(segments, room - tail.width);
  return head.texts.join('') + ELLIPSIS + tail.texts.reverse().join('');
}

/** `text` in at most `max` columns, cut at the end with an ellipsis. */
export function endCut(text: string, max: number): string {
  if (stringWidth(text) <= max) return text;
  return take(segmentsOf(text), max - 1).texts.join('') + ELLIPSIS;
}

/** A cell as shown: escaped (control, bidi, zero-width characters), lone surrogates as U+FFFD. */
export const shownText = (value: unknown): string => escapeControls(cellText(value)).replace(LONE_SURROGATE, '\ufffd');

/** How a table was fitted: the widths of the columns kept, and the columns dropped. */
export interface TableFit {
  readonly columns: readonly string[];
  readonly widths: readonly number[];
  readonly dropped: readonly string[];
}

const tableWidth = (widths: readonly number[]) => INDENT + widths.reduce((a, w) => a + w, 0) + GAP * Math.max(0, widths.length - 1);

/**
 * Column widths that fit `width`: natural widths, then the widest narrowed one column at
 * a time down to the floor, then the last columns dropped until the rest fit (at least one stays).
 */
export function fitColumns(columns: readonly string[], natural: readonly number[], width: number, whole: readonly string[] = []): TableFit {
  const floors = natural.map((w, i) => (whole.includes(columns[i]) ? w : Math.min(w, FLOOR)));
  const widths = [...natural];
  let kept = columns.length;
  for (;;) {
    const used = widths.slice(0, kept);
    let over = tableWidth(used) - width;
    while (over > 0) {
      let widest = -1;
      for (let i = 0; i < kept; i++) if (widths[i] > floors[i] && (widest < 0 || widths[i] > widths[widest])) widest = i;
      if (widest < 0) break;
      widths[widest]--;
      over--;
    }
    if (over <= 0) break;
    if (kept === 1) {
      // One column left and still too wide: it is cut to the width, whatever its floor.
      widths[0] = Math.max(1, width - INDENT);
      break;
    }
    kept--;
    // Dropping a column frees room: start again from the natural widths of the rest.
    for (let i = 0; i < kept; i++) widths[i] = natural[i];
  }
  return { columns: columns.slice(0, kept), widths: widths.slice(0, kept), dropped: columns.slice(kept) };
}

/**
 * An aligned text table of `columns` (priority order) in at most `width` terminal columns, one
 * line per row, with a last line naming the columns left out when some did not fit. The `whole`
 * columns are never narrowed (the case flags: a cut flag says nothing).
 */
export function toFittedTable(rows: RowList, columns: readonly string[], width: number, whole: readonly string[] = []): string {
  return [...fittedTableChunks(rows, columns, width, whole)].join('');
}

/** {@link toFittedTable} in pieces: the rows are read twice (natural widths, then lines), never held. */
export function* fittedTableChunks(rows: RowList, columns: readonly string[], width: number, whole: readonly string[] = []): Generator<string> {
  if (rows.length === 0) return yield '  (none)\n';
  const natural = columns.map((c) => stringWidth(c));
  for (const row of rows) columns.forEach((c, i) => natural[i] = Math.max(natural[i], stringWidth(shownText(row[c]))));
  const fit = fitColumns(columns, natural, width, whole);
  const pad = (text: string, w: number) => {
    const cut = middleCut(text, w);
    return cut + ' '.repeat(w - stringWidth(cut));
  };
  const line = (values: readonly string[]) => ' '.repeat(INDENT) + fit.widths.map((w, i) => pad(values[i], w)).join(' '.repeat(GAP)).trimEnd();
  const head = [line(fit.columns), line(fit.widths.map((w) => '-'.repeat(w)))];
  yield* linesInPieces(head, rows, (row) => line(columns.map((c) => shownText(row[c]))));
  if (fit.dropped.length > 0) yield endCut(`  (${fit.dropped.length} more with --format csv, json or md: ${fit.dropped.join(', ')})`, width) + '\n';
}
