/**
 * CSV, NDJSON and JSON exports, streamed: each batch of rows is rendered and written as it comes,
 * so memory does not grow with the archive. JSON is one array written element by element.
 */
import { EXPORT_COLUMNS } from './columns.ts';
import { csvField, csvLine } from '../render/csv.ts';
import type { ByteOut, ExportRow, RowSink } from './row-sink.ts';

export type TextRowFormat = 'csv' | 'ndjson' | 'json';

const NAMES = EXPORT_COLUMNS.map((c) => c.name);

/** The JSON text of one row: the export columns in order (a replacer array picks and orders keys). */
const jsonRow = (row: ExportRow): string => JSON.stringify(row, NAMES);

/** Renders the text that goes before, between and after batches of rows. Pure. */
export const textFormat = {
  head: (format: TextRowFormat): string => (format === 'csv' ? NAMES.map(csvField).join(',') + '\n' : format === 'json' ? '[' : ''),
  body(format: TextRowFormat, rows: readonly ExportRow[], first: boolean): string {
    let out = '';
    if (format === 'csv') { for (const row of rows) out += csvLine(row, NAMES) + '\n'; }
    else if (format === 'ndjson') { for (const row of rows) out += jsonRow(row) + '\n'; }
    else rows.forEach((row, i) => (out += (first && i === 0 ? '\n  ' : ',\n  ') + jsonRow(row)));
    return out;
  },
  tail: (format: TextRowFormat, empty: boolean): string => (format === 'json' ? (empty ? ']\n' : '\n]\n') : ''),
};

/** Renders rows in one text format, in the order given (the same bytes the streamed export writes). */
export function renderTextRows(rows: readonly ExportRow[], format: TextRowFormat): string {
  return textFormat.head(format) + textFormat.body(format, rows, true) + textFormat.tail(format, rows.length === 0);
}

/**
 * Rows rendered into one text per write: the text of a document's rows at once (48k rows of a
 * 31 MiB Support document: ~50 MB of CSV, more as UTF-8 bytes) peaked at 1,686 MB for six such
 * zip entries; ~1 MB a write costs no speed.
 */
const TEXT_SLICE_ROWS = 1000;

/** A streaming text export into `out`. */
export function textRowSink(out: ByteOut, format: TextRowFormat): RowSink {
  let started = false;
  let empty = true;
  const start = async () => {
    if (!started) await out.write(textFormat.head(format));
    started = true;
  };
  return {
    async write(rows) {
      await start();
      for (let from = 0; from < rows.length; from += TEXT_SLICE_ROWS) {
        await out.write(textFormat.body(format, rows.slice(from, from + TEXT_SLICE_ROWS), empty));
        empty = false;
      }
    },
    async close() {
      await start();
      await out.write(textFormat.tail(format, empty));
      await out.commit();
    },
    abort: () => out.abort(),
  };
}
