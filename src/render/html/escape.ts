/**
 * Text for the HTML report. Every value from a record is attacker-controlled (user agents, error
 * messages, session names, case ids): it only ever reaches the page through {@link html}, as text.
 */
import { cellText, escapeControls } from '../cells.ts';

const ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * A value as HTML text, safe in element content and in a quoted attribute: markup characters
 * become entities, and control, bidi and zero-width characters become visible escapes (`\u202e`),
 * as in the terminal tables: an entity would put the character itself back on the page, where
 * U+202E reorders what follows ("Trojan Source").
 */
export function html(value: unknown): string {
  return escapeControls(cellText(value)).replace(/[&<>"']/g, (c) => ENTITY[c]);
}

/**
 * A value as plain text for a chart label: controls made visible, cut to `max` characters in the
 * middle (ids and ARNs differ at the end: `case-111122223333-m…d190535d14e98f99`). The SVG writer
 * escapes markup.
 */
export function chartText(value: unknown, max = 40): string {
  const text = escapeControls(cellText(value));
  if (text.length <= max) return text;
  const head = Math.ceil((max - 1) / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (max - 1 - head))}`;
}

/** A count in English digit groups (`12,345`), the same on every runtime and locale. */
export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
