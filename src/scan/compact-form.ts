/**
 * CloudTrail's compact delivery form, read from the bytes: `{"Records":[{"eventVersion":…},…]}`
 * with no whitespace, every record opening with its `eventVersion` key. Each occurrence of
 * `{"eventVersion":` must follow `[` (the first) or `},` (the previous record); bytes in any other
 * form get undefined here, and the caller parses the whole text instead.
 *
 * The prefilter (prefilter.ts) counts records from their bounds and parses only the ones that
 * may be Support events, each from its own slice. A slice parses exactly as the whole text would
 * have it: a bound that is not a real record start lies inside a record (within a string or a
 * nested container), so the slice before it does not parse, and the caller parses the whole text.
 *
 * Parsing every record slice by slice is not done: it saves the whole-file UTF-8 decode, but
 * JSON.parse puts a text over 100 kB straight into the old generation and small ones into the
 * young one, which the CLI caps at 2 MB (worker-pool.ts); `validate` on 400 benchmark files went
 * from 3.1 to 3.8 s. Counting from bounds alone assumes no nested object opens with
 * `eventVersion` right after `},` (prefilter.ts).
 */
import { textOf } from '../read/parse.ts';

const enc = new TextEncoder();
const RECORD_OPEN = enc.encode('{"eventVersion":');
const PREFIX = enc.encode('{"Records":[');
const [COMMA, OPEN_BRACKET, CLOSE_BRACKET, CLOSE_BRACE] = [0x2c, 0x5b, 0x5d, 0x7d];

const asBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
const isSpace = (c: number | undefined) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Byte offsets of every record's opening brace in a compact CloudTrail delivery file, plus the
 * offset just past the last record; undefined when the bytes are not in that exact form.
 */
export function compactRecordBounds(bytes: Uint8Array): number[] | undefined {
  if (bytes.length < PREFIX.length + 2) return undefined;
  for (let i = 0; i < PREFIX.length; i++) if (bytes[i] !== PREFIX[i]) return undefined;
  let end = bytes.length - 1;
  while (end > 0 && isSpace(bytes[end])) end--;
  if (bytes[end] !== CLOSE_BRACE || bytes[end - 1] !== CLOSE_BRACKET) return undefined;
  if (end - 1 === PREFIX.length) return [end - 1]; // {"Records":[]}
  const bounds: number[] = [];
  const buffer = asBuffer(bytes);
  for (let at = buffer.indexOf(RECORD_OPEN, PREFIX.length); at !== -1; at = buffer.indexOf(RECORD_OPEN, at + RECORD_OPEN.length)) {
    const before = bytes[at - 1];
    // Each record must follow "[" (the first) or "}," (the previous record's close and a comma).
    if (before !== (bounds.length === 0 ? OPEN_BRACKET : COMMA) || (bounds.length > 0 && bytes[at - 2] !== CLOSE_BRACE)) return undefined;
    bounds.push(at);
  }
  if (bounds[0] !== PREFIX.length || bytes[end - 2] !== CLOSE_BRACE) return undefined;
  bounds.push(end - 1);
  return bounds;
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
    return JSON.parse(textOf(bytes.subarray(bounds[index], end)));
  } catch {
    return NOT_A_RECORD;
  }
}
