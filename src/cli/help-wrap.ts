/**
 * Word wrap for `--help`. yargs' ESM build wraps with a character-count shim that cuts words in
 * the middle at every width (`rejecte` / `d`), so the CLI asks yargs for unwrapped text and wraps
 * it here, by words, with a hanging indent under each row's description column.
 */

/** Help text width: the terminal's, within 60-110 columns; 100 when not on a terminal. */
export function helpWidth(columns: number | undefined): number {
  return Math.max(60, Math.min(110, columns ?? 100));
}

// The description column of a row: after the first run of two or more spaces that follows text
// (`      --since          Keep events…`, `  cloudtrail-support report [paths..]  Support…`).
const COLUMN = /^(\s*\S.*?\s{2,})(?=\S)/;

const NBSP = '\u00a0';

/** Words and the spaces between them, a short `[choices: "a", "b"]` hint kept as one word. */
function tokens(text: string, room: number): string[] {
  const kept = text.replace(/\[[^\]]*\]/g, (hint) => (hint.length <= room ? hint.replaceAll(' ', NBSP) : hint));
  return kept.split(/( +)/).map((part) => part.replaceAll(NBSP, ' '));
}

/** `parts` (from tokens) laid after `start`, greedily, continuing lines at `indent` columns. */
function flow(start: string, parts: readonly string[], indent: number, width: number): string[] {
  const lines: string[] = [];
  let current = start;
  let fresh = start.trim() === ''; // nothing but the indent on the current line yet
  for (let i = 0; i < parts.length; i += 2) {
    const word = parts[i];
    const space = i > 0 ? parts[i - 1] : '';
    if (word === '') continue;
    if (!fresh && current.length + space.length + word.length > width) {
      lines.push(current.trimEnd());
      current = ' '.repeat(indent) + word;
    } else current += (fresh ? '' : space) + word;
    fresh = false;
  }
  lines.push(current.trimEnd());
  return lines;
}

/**
 * One line wrapped at spaces to at most `width` columns (a word longer than a line stays whole).
 * A row whose first column takes more than half the width (a long example command) gets that
 * column wrapped on its own lines and the description under it, indented.
 */
export function wrapHelpLine(line: string, width: number): string {
  if (line.length <= width) return line;
  const lead = line.length - line.trimStart().length;
  const column = COLUMN.exec(line)?.[1].length ?? lead;
  if (column <= width / 2) return flow(line.slice(0, column), tokens(line.slice(column), width - column), column, width).join('\n');
  const indent = lead + 4;
  const head = flow(' '.repeat(lead), tokens(line.slice(lead, column).trimEnd(), width - indent), indent, width);
  const description = flow(' '.repeat(indent), tokens(line.slice(column), width - indent), indent, width);
  return [...head, ...description].join('\n');
}

/** Help text wrapped by words at `width`. */
export function wrapHelp(text: string, width: number): string {
  return text.split('\n').map((line) => wrapHelpLine(line, width)).join('\n');
}
