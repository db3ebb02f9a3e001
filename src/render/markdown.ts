import { cellText } from './cells.ts';

/**
 * A Markdown table cell: pipes, backticks and HTML cannot break out; line breaks become <br>.
 * Brackets are escaped so no value forms a link, image, reference or footnote (`![x](url)` would
 * make a viewer fetch url); `<` is an entity, so no `<url>` autolink or raw HTML either.
 */
export function markdownCell(value: unknown): string {
  return cellText(value)
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
}

/** A GitHub-flavoured Markdown table. */
export function toMarkdownTable(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  const lines = [`| ${columns.map(markdownCell).join(' | ')} |`, `|${columns.map(() => ' --- |').join('')}`];
  for (const row of rows) lines.push(`| ${columns.map((c) => markdownCell(row[c])).join(' | ')} |`);
  return lines.join('\n') + '\n';
}
