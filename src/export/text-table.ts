import { cellText, escapeControls } from './cells.ts';

/** Widest a cell is shown in a terminal table; longer text is cut with an ellipsis. */
const MAX_WIDTH = 48;

function shown(value: unknown): string {
  const text = escapeControls(cellText(value));
  return text.length > MAX_WIDTH ? `${text.slice(0, MAX_WIDTH - 1)}…` : text;
}

/** A plain, aligned text table for terminals; control characters are shown escaped, never sent. */
export function toTextTable(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  if (rows.length === 0) return '  (none)\n';
  const cells = rows.map((row) => columns.map((c) => shown(row[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (values: string[]) => '  ' + values.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  return [line([...columns]), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}
