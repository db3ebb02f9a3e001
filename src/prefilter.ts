/**
 * Prefilter: most delivery files hold no Support event at all (about 1 record in 5,000 is one),
 * and JSON.parse is the most expensive step after inflating. A file whose bytes contain no
 * selected event source cannot hold a Support record, so it only needs its records counted.
 *
 * Counting without parsing relies on how CloudTrail writes delivery files: compact JSON
 * `{"Records":[{"eventVersion":…},{"eventVersion":…}]}`, every record opening with its
 * `eventVersion` key. Each occurrence of `"eventVersion":` is checked to sit right after a
 * record's opening brace (after `[{` or `,{`); anything else (other shapes, nested copies,
 * whitespace-formatted files) returns undefined and the caller parses the file in full, so the
 * counts are the same with and without the shortcut.
 */

const enc = new TextEncoder();
const EVENT_VERSION_KEY = enc.encode('"eventVersion":');
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const COMMA = 0x2c;

/** The byte needles for a set of event sources: the quoted source names as they appear in JSON. */
export function sourceNeedles(sources: Iterable<string>): Uint8Array[] {
  return [...sources].map((s) => enc.encode(`"${s}"`));
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** True when any needle occurs in the bytes (Buffer.indexOf is a native memmem: GB/s). */
export function containsAny(bytes: Uint8Array, needles: readonly Uint8Array[]): boolean {
  const buffer = asBuffer(bytes);
  return needles.some((needle) => buffer.indexOf(needle) !== -1);
}

const PREFIX = enc.encode('{"Records":[');

function startsWithPrefix(bytes: Uint8Array): boolean {
  if (bytes.length < PREFIX.length + 2) return false;
  for (let i = 0; i < PREFIX.length; i++) if (bytes[i] !== PREFIX[i]) return false;
  return true;
}

function endsWithSuffix(bytes: Uint8Array): boolean {
  let end = bytes.length - 1;
  while (end > 0 && (bytes[end] === 0x0a || bytes[end] === 0x0d || bytes[end] === 0x20)) end--;
  return bytes[end] === 0x7d && bytes[end - 1] === 0x5d; // "]}"
}

/**
 * Counts the records of a compact CloudTrail delivery file without parsing it, or returns
 * undefined when the bytes are not in that exact form (then parse instead).
 */
export function countCompactRecords(bytes: Uint8Array): number | undefined {
  if (!startsWithPrefix(bytes) || !endsWithSuffix(bytes)) return undefined;
  if (bytes[PREFIX.length] === 0x5d) return 0; // {"Records":[]}
  const buffer = asBuffer(bytes);
  let count = 0;
  for (let at = buffer.indexOf(EVENT_VERSION_KEY); at !== -1; at = buffer.indexOf(EVENT_VERSION_KEY, at + EVENT_VERSION_KEY.length)) {
    const before = bytes[at - 2];
    if (bytes[at - 1] !== OPEN_BRACE || (before !== OPEN_BRACKET && before !== COMMA)) return undefined;
    if (count === 0 && at !== PREFIX.length + 1) return undefined;
    count++;
  }
  return count > 0 ? count : undefined;
}
