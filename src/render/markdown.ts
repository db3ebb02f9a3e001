import { cellText, escapeControls, linesInPieces } from './cells.ts';

/**
 * A Markdown table cell: pipes, backticks and HTML cannot break out; line breaks become <br>.
 * Brackets are escaped so no value forms a link, image, reference or footnote (`![x](url)` would
 * make a viewer fetch url); `<` is an entity, so no `<url>` autolink or raw HTML either.
 * C0 controls become entities. C1 controls (U+009B is a one-character CSI to a terminal that
 * shows the file), bidi overrides ("Trojan Source" reordering), line separators and zero-width
 * characters become the visible escapes of the terminal tables (`\x9b`, `\u202e`): an entity
 * would put the character itself back on screen.
 */
export function markdownCell(value: unknown): string {
  const escaped = cellText(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('\\', '\\\\')
    .replaceAll('|', '\\|')
    .replaceAll('`', '\\`')
    .replaceAll('[', '\\[')
    .replaceAll(']', '\\]')
    .replace(/\r\n|\r|\n/g, '<br>')
    .replace(/[\u0000-\u001f\u007f]/g, (c) => `&#${c.charCodeAt(0)};`);
  return escapeControls(escaped);
}

/** A GitHub-flavoured Markdown table. */
export function toMarkdownTable(rows: Iterable<Record<string, unknown>>, columns: readonly string[]): string {
  return [...markdownTableChunks(rows, columns)].join('');
}

/** {@link toMarkdownTable} in pieces of up to 1,024 lines. */
export function markdownTableChunks(rows: Iterable<Record<string, unknown>>, columns: readonly string[]): Generator<string> {
  const head = [`| ${columns.map(markdownCell).join(' | ')} |`, `|${columns.map(() => ' --- |').join('')}`];
  return linesInPieces(head, rows, (row) => `| ${columns.map((c) => markdownCell(row[c])).join(' | ')} |`);
}
