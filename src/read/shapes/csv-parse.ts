/**
 * An RFC 4180 CSV reader (https://www.rfc-editor.org/rfc/rfc4180): comma-separated fields,
 * CRLF or LF line ends, fields in double quotes may hold commas, quotes (doubled) and line
 * breaks. Pure; one pass over the text.
 */

/** One CSV row, with the 1-based line it starts on (quoted line breaks make rows span lines). */
export interface CsvRow {
  readonly line: number;
  readonly cells: string[];
}

/** The rows of a CSV text, or the line of an unterminated quoted field. */
export type CsvParsed = { readonly ok: true; readonly rows: CsvRow[] } | { readonly ok: false; readonly reason: string };

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** Parses a CSV text. A quote inside an unquoted field is kept as a character (lenient, like most readers). */
export function parseCsv(text: string): CsvParsed {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let line = 1;
  let rowLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  while (i <= n) {
    let cell: string;
    if (text.charCodeAt(i) === QUOTE) {
      const startLine = line;
      let value = '';
      let from = ++i;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) return { ok: false, reason: `CSV: quoted field opened on line ${startLine} is never closed` };
        value += text.slice(i, q);
        for (let k = i; k < q; k++) if (text.charCodeAt(k) === LF) line++;
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += '"';
          i = from = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      // Anything between the closing quote and the next separator is kept, not dropped.
      const stop = nextSeparator(text, i);
      cell = value + text.slice(i, stop);
      i = stop;
    } else {
      const stop = nextSeparator(text, i);
      cell = text.slice(i, stop);
      i = stop;
    }
    cells.push(cell);
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i++;
      continue;
    }
    // End of row: CRLF, LF, lone CR, or end of text.
    if (c === CR && text.charCodeAt(i + 1) === LF) i++;
    i++;
    if (!(cells.length === 1 && cells[0] === '')) rows.push({ line: rowLine, cells });
    cells = [];
    line++;
    rowLine = line;
  }
  return { ok: true, rows };
}

function nextSeparator(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === COMMA || c === LF || c === CR) return i;
  }
  return text.length;
}
