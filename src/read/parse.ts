/**
 * Parse: decompressed bytes -> a JSON document. Pure. Which shape the document has is decided in
 * `shapes/`; this module only turns bytes into a value or says why it cannot.
 */
import { parseJsonExact } from './exact-numbers.ts';
import { constants } from 'node:buffer';

/** The parsed document, or why the bytes are not JSON. */
export type Parsed = { readonly ok: true; readonly document: unknown } | { readonly ok: false; readonly reason: string };

// Non-fatal: a stray invalid UTF-8 byte inside one string should not cost a whole file of
// evidence; it becomes U+FFFD. The BOM, if any, is dropped (ignoreBOM: false).
const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/** Decodes UTF-8 bytes and parses them as one JSON document. */
export function parseJsonBytes(bytes: Uint8Array): Parsed {
  const text = decodeText(bytes);
  return text.ok ? parseJsonText(text.text) : text;
}

/** The longest string the JavaScript engine can make, in UTF-16 code units (V8 on 64-bit: 2^29 - 24). */
export const MAX_TEXT_CHARS: number = constants.MAX_STRING_LENGTH;

/** A document's text, or why it cannot be one string. */
export type Text = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

/**
 * Decodes a whole document to one string ({@link textOf}), or says it is too large to be one:
 * a 600 KB gzip can inflate to more text than a string can hold (about 512 MiB), and the
 * decoder's throw ended the run on the main thread. The same limit holds on every thread, so
 * the answer does not depend on the worker count. `maxChars` is for tests.
 */
export function decodeText(bytes: Uint8Array, maxChars = MAX_TEXT_CHARS): Text {
  let text: string;
  try {
    text = textOf(bytes);
  } catch {
    return { ok: false, reason: tooLarge(bytes.length, maxChars) };
  }
  return text.length > maxChars ? { ok: false, reason: tooLarge(bytes.length, maxChars) } : { ok: true, text };
}

const tooLarge = (bytes: number, maxChars: number) =>
  `too large to parse as one document: its ${bytes} bytes decode to more than ${maxChars} characters, the longest string the JavaScript engine can hold`;

const utf16le = new TextDecoder('utf-16le', { fatal: false, ignoreBOM: false });

/**
 * Decodes bytes to text: UTF-8 (a stray invalid byte becomes U+FFFD; a BOM is dropped), or
 * UTF-16LE when the bytes start with its BOM (FF FE). Windows PowerShell 5 writes UTF-16LE when
 * `aws cloudtrail lookup-events > out.json` is redirected, so lookup-events output often comes so.
 */
export function textOf(bytes: Uint8Array): string {
  return bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe ? utf16le.decode(bytes) : utf8.decode(bytes);
}

// V8 quotes the text around the error (`Unexpected token 'x', ..."abc x def"... is not valid JSON`,
// or the whole short text: `"NaN" is not valid JSON`): up to ~10 characters either side, which
// for a file reached through a symlink or /proc are someone else's bytes in the ledger.
const QUOTED_EXCERPT = /(?:, )?(?:\.\.\.)?"[^]*"(?:\.\.\.)? is not valid JSON$/;

/**
 * The message of a JSON.parse error without V8's excerpt of the text: what was wrong and where
 * (`Unexpected token 'x'`, `... at position 7`), quoting at most the one offending character. The
 * same on every runtime version, whose excerpts differ.
 */
export function jsonErrorOf(err: unknown): string {
  const message = String((err as Error)?.message ?? err);
  if (!QUOTED_EXCERPT.test(message)) return message;
  const rest = message.replace(QUOTED_EXCERPT, '');
  return rest === '' ? 'not valid JSON' : rest;
}

/** Parses JSON text, with a reason that names the position when it is not JSON. */
export function parseJsonText(text: string): Parsed {
  // A regex test stops at the first non-space character; trim() would copy the whole text.
  if (!/\S/.test(text)) return { ok: false, reason: 'empty document (no JSON value)' };
  try {
    return { ok: true, document: parseJsonExact(text) };
  } catch (err) {
    const message = jsonErrorOf(err);
    const looksBinary = /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text.slice(0, 64));
    return { ok: false, reason: looksBinary ? `not JSON (binary content; not gzip either): ${message}` : `invalid JSON: ${message}` };
  }
}

/** A JSON object (not null, not an array): what a CloudTrail record or document must be. */
export const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
