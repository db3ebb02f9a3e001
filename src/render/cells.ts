/**
 * Cell text shared by the text formats. Values in CloudTrail are attacker-controlled (user
 * agents, error messages, session names), so every writer escapes them for its medium.
 */

/** Plain text of a value: '' for null/undefined, a list's items joined by spaces (case flags), JSON for other objects. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(cellText).join(' ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

// OWASP CSV injection: a spreadsheet treats cells starting with these as formulas.
const FORMULA_START = /^[=+\-@\t\r]/;

/** Neutralizes a text cell a spreadsheet would run as a formula, by prefixing a single quote. */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

// C0 and C1 controls and DEL: a terminal would interpret them (ANSI escapes start with ESC).
// Line/paragraph separators; Unicode bidirectional controls (ALM, LRM, RLM, LRE..RLO, LRI..PDI),
// which reorder text on screen ("Trojan Source"); and zero-width characters (ZWSP, ZWNJ, ZWJ,
// BOM/ZWNBSP), which make two different values look the same.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

/**
 * Shows control, bidi and zero-width characters as visible escapes (`\n`, `\x1b`, `\u202e`) so a
 * terminal never interprets them and nothing is hidden or reordered on screen.
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code > 0xff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\x${code.toString(16).padStart(2, '0')}`;
  });
}

/** `head` and a line per row, each line ended by `\n`, a piece per 1,024 lines. */
export function* linesInPieces<R>(head: readonly string[], rows: Iterable<R>, lineOf: (row: R) => string): Generator<string> {
  let lines = [...head];
  for (const row of rows) {
    lines.push(lineOf(row));
    if (lines.length < 1024) continue;
    yield lines.join('\n') + '\n';
    lines = [];
  }
  if (lines.length > 0) yield lines.join('\n') + '\n';
}
