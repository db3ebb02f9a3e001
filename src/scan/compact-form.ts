/**
 * CloudTrail's compact delivery form, read from the bytes: `{"Records":[{…},{…}]}` with no
 * whitespace between records; bytes in any other form, or that are not well-formed JSON, get
 * undefined here, and the caller parses the whole text instead.
 *
 * The prefilter (prefilter.ts) counts records from their bounds and parses only the ones that
 * may be Support events, each from its own slice. The bounds come from a syntax check of every
 * record (well-formed.ts, run as WebAssembly: value-ends.ts), so they are the real elements of
 * `Records`, and a record that is not parsed is still known to be JSON.
 *
 * Parsing every record slice by slice is not done: it saves the whole-file UTF-8 decode, but
 * JSON.parse puts a text over 100 kB straight into the old generation and small ones into the
 * young one, which the CLI caps at 2 MB (workers/pool.ts); `validate` on 400 benchmark files went
 * from 3.1 to 3.8 s.
 */
import { textOf } from '../read/parse.ts';
import { parseJsonExact } from '../read/exact-numbers.ts';
import { scanValues } from './value-ends.ts';

const PREFIX = new TextEncoder().encode('{"Records":[');
const [COMMA, CLOSE_BRACKET, OPEN_BRACE, CLOSE_BRACE] = [0x2c, 0x5d, 0x7b, 0x7d];

const isSpace = (c: number | undefined) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Byte offsets of every record's opening brace in a compact CloudTrail delivery file, plus the
 * offset of the closing `]`; undefined when the bytes are not in that exact form or are not
 * well-formed JSON. Every record is checked as JSON (well-formed.ts) on the way, so a record the
 * prefilter does not parse is still known to be one: the bounds are the real elements of
 * `Records`, never a guess from the bytes, and a file the check refuses is parsed in full, which
 * names its error as --no-prefilter and validate do.
 */
export function compactRecordBounds(bytes: Uint8Array): number[] | undefined {
  return compactRecordScan(bytes)?.bounds;
}

/**
 * {@link compactRecordBounds}, and the string values the check saw start as `starts` wants
 * (value-ends.ts `startsTable`): undefined candidates when it could not note them all.
 */
export function compactRecordScan(bytes: Uint8Array, starts?: Uint8Array): { bounds: number[]; candidates: number[] | undefined } | undefined {
  if (bytes.length < PREFIX.length + 2) return undefined;
  for (let i = 0; i < PREFIX.length; i++) if (bytes[i] !== PREFIX[i]) return undefined;
  const bounds: number[] = [];
  const values = scanValues(bytes, starts);
  let at = PREFIX.length;
  if (bytes[at] !== CLOSE_BRACKET) {
    for (;;) {
      // Each record is an object right after "[" or ",": a record's slice is then exactly its bytes.
      if (bytes[at] !== OPEN_BRACE) return undefined;
      bounds.push(at);
      at = values.end(at);
      if (at < 0) return undefined;
      if (bytes[at] === CLOSE_BRACKET) break;
      if (bytes[at++] !== COMMA) return undefined;
    }
  }
  bounds.push(at);
  if (bytes[at + 1] !== CLOSE_BRACE) return undefined;
  for (let i = at + 2; i < bytes.length; i++) if (!isSpace(bytes[i])) return undefined;
  return { bounds, candidates: values.candidates() };
}

/** Record count of a compact delivery file, or undefined when it is not in that form. */
export function countCompactRecords(bytes: Uint8Array): number | undefined {
  const bounds = compactRecordBounds(bytes);
  return bounds ? bounds.length - 1 : undefined;
}

/** Index of the record holding byte `offset`, given record bounds (binary search). */
export function recordIndexAt(bounds: readonly number[], offset: number): number {
  let lo = 0;
  let hi = bounds.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bounds[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** What {@link parseCompactRecord} returns for a slice that is not one JSON value. */
export const NOT_A_RECORD: unique symbol = Symbol('not a record');

/** The record at `index`, parsed from its own slice of the bytes; NOT_A_RECORD when the slice does not parse. */
export function parseCompactRecord(bytes: Uint8Array, bounds: readonly number[], index: number): unknown {
  // A record ends one byte before the next one's brace (the comma), the last one at the "]".
  const end = index + 2 < bounds.length ? bounds[index + 1] - 1 : bounds[index + 1];
  try {
    return parseJsonExact(textOf(bytes.subarray(bounds[index], end)));
  } catch {
    return NOT_A_RECORD;
  }
}
