/**
 * Prefilter: most delivery files hold no Support event at all (about 1 record in 5,000 is one),
 * and JSON.parse is the most expensive step after inflating. Measured on a 2,000-file generated
 * archive: JSON.parse + UTF-8 decoding took 13 of 20 s single-threaded. So for files in
 * CloudTrail's own compact form, only the records whose `eventSource` is a selected source are
 * parsed; the rest are counted from their boundaries.
 *
 * The form CloudTrail writes: `{"Records":[{"eventVersion":…},{"eventVersion":…}]}`, every record
 * opening with its `eventVersion` key. Each occurrence of `{"eventVersion":` must follow `[` (the
 * first) or `},` (the previous record); a file in any other form is parsed in full, so counts are
 * the same with and without the shortcut (tested on generated and real archives).
 *
 * The one assumption: inside such a file, every record opens with `{"eventVersion":` and no
 * nested object does so right after `},`. A hand-edited file that breaks it (a record without
 * eventVersion between two that have it) would be counted one record short; `--no-prefilter` and
 * `validate` parse every record. No file written by CloudTrail breaks it.
 */

const enc = new TextEncoder();
const RECORD_OPEN = enc.encode('{"eventVersion":');
const PREFIX = enc.encode('{"Records":[');
const EVENT_SOURCE = 'eventSource';
const [QUOTE, BACKSLASH, COLON, COMMA, OPEN_BRACKET, CLOSE_BRACKET, CLOSE_BRACE] = [0x22, 0x5c, 0x3a, 0x2c, 0x5b, 0x5d, 0x7d];

/** The byte needles for a set of event sources: the quoted source names as they appear in JSON. */
export function sourceNeedles(sources: Iterable<string>): Uint8Array[] {
  return [...sources].map((s) => enc.encode(`"${s}"`));
}

const asBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
const isSpace = (c: number | undefined) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** True when any needle occurs in the bytes (Buffer.indexOf is a native memmem: GB/s). */
export function containsAny(bytes: Uint8Array, needles: readonly Uint8Array[]): boolean {
  const buffer = asBuffer(bytes);
  return needles.some((needle) => buffer.indexOf(needle) !== -1);
}

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

/**
 * Offsets of needle occurrences that may be an `eventSource` value: the JSON key before them is
 * `eventSource`, or contains an escape (so it might spell it). A source named under another key
 * (`"invokedBy":"support.amazonaws.com"`, a lookup attribute) is not a Support record.
 */
export function eventSourceHits(bytes: Uint8Array, needles: readonly Uint8Array[]): number[] {
  const buffer = asBuffer(bytes);
  const hits: number[] = [];
  for (const needle of needles) {
    for (let at = buffer.indexOf(needle); at !== -1; at = buffer.indexOf(needle, at + needle.length)) {
      if (mayBeEventSourceValue(bytes, at)) hits.push(at);
    }
  }
  return hits.sort((a, b) => a - b);
}

function mayBeEventSourceValue(bytes: Uint8Array, valueAt: number): boolean {
  let i = valueAt - 1;
  while (isSpace(bytes[i])) i--;
  if (bytes[i] !== COLON) return false; // an array element, not a member value
  i--;
  while (isSpace(bytes[i])) i--;
  if (bytes[i] !== QUOTE) return true; // not JSON as we know it: let the full parse decide
  const keyEnd = i;
  let escaped = false;
  for (i = keyEnd - 1; i >= 0; i--) {
    if (bytes[i] === BACKSLASH) escaped = true;
    if (bytes[i] === QUOTE && bytes[i - 1] !== BACKSLASH) break;
  }
  if (escaped) return true;
  return keyEnd - i - 1 === EVENT_SOURCE.length && String.fromCharCode(...bytes.subarray(i + 1, keyEnd)) === EVENT_SOURCE;
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
