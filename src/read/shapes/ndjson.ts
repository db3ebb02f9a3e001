/**
 * Texts of several JSON values: one per line (NDJSON, JSON Lines), or pretty-printed values one
 * after another (`aws cloudtrail lookup-events` run twice into one file). Pure.
 */
import { parseJsonExact } from '../exact-numbers.ts';
import { jsonErrorOf } from '../parse.ts';

/** One value of the text: parsed, or why not, with the line it starts on (1-based). */
export type JsonValue = { readonly line: number; readonly value: unknown; readonly error?: undefined } | { readonly line: number; readonly error: string };

/**
 * Splits a text into its JSON values, or returns undefined when it is not a sequence of values
 * (then the caller reports the text's own JSON error).
 *
 * Line mode when the first non-blank line is a JSON value by itself: every non-blank line is one
 * value, and a broken line costs only that line. Otherwise the values are found by tracking
 * brackets and strings; that needs at least two complete values.
 */
export function splitJsonValues(text: string): JsonValue[] | undefined {
  const first = firstLine(text);
  if (first !== undefined && parses(first)) return byLine(text);
  const values = byBrackets(text);
  return values && values.length >= 2 ? values : undefined;
}

function firstLine(text: string): string | undefined {
  for (let at = 0; at < text.length;) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end < 0 ? text.length : end).trim();
    if (line !== '') return line;
    if (end < 0) break;
    at = end + 1;
  }
  return undefined;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function parseOne(text: string, line: number): JsonValue {
  try {
    return { line, value: parseJsonExact(text) };
  } catch (err) {
    return { line, error: `line ${line}: invalid JSON: ${jsonErrorOf(err)}` };
  }
}

function byLine(text: string): JsonValue[] {
  const values: JsonValue[] = [];
  let line = 0;
  for (let at = 0; at <= text.length;) {
    line++;
    const end = text.indexOf('\n', at);
    const stop = end < 0 ? text.length : end;
    const content = text.slice(at, stop).trim();
    if (content !== '' && content !== '\ufeff') values.push(parseOne(content.replace(/^\ufeff/, ''), line));
    if (end < 0) break;
    at = end + 1;
  }
  return values;
}

const QUOTE = 34;
const BACKSLASH = 92;
const LF = 10;

function byBrackets(text: string): JsonValue[] | undefined {
  const values: JsonValue[] = [];
  let depth = 0;
  let start = -1;
  let line = 1;
  let startLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) line++;
    else if (c === QUOTE) {
      if (depth === 0) return undefined;
      // Skip the string: only an unescaped quote ends it.
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === BACKSLASH) i++;
        else if (s === QUOTE) break;
        else if (s === LF) line++;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (depth++ === 0) {
        start = i;
        startLine = line;
      }
    } else if (c === 0x7d || c === 0x5d) {
      if (--depth < 0) return undefined;
      if (depth === 0) values.push(parseOne(text.slice(start, i + 1), startLine));
    } else if (depth === 0 && c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0xfeff) {
      return undefined;
    }
  }
  return depth === 0 ? values : undefined;
}
