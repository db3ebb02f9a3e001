/**
 * Prefilter: most delivery files hold no Support event at all (about 1 record in 5,000 is one),
 * and JSON.parse is the most expensive step after inflating. Measured on a 2,000-file generated
 * archive: JSON.parse + UTF-8 decoding took 13 of 20 s single-threaded. So for files in
 * CloudTrail's compact form (compact-form.ts), only the records whose `eventSource` may be a
 * selected source are parsed; the rest are counted from their bounds.
 *
 * The records that are not parsed are still checked: the record bounds come from a JSON syntax
 * check of the whole file (compact-form.ts, well-formed.ts), so a file with a broken record
 * anywhere is parsed in full and fails as it does with `--no-prefilter` and in `validate`. Counts
 * are the same with and without the shortcut (tested on generated and real archives).
 */
import { type ByteSearch, byteSearch } from './byte-search.ts';
import { startsTable } from './value-ends.ts';

const enc = new TextEncoder();
const EVENT_SOURCE = 'eventSource';
const [QUOTE, BACKSLASH, COLON, OPEN_BRACKET] = [0x22, 0x5c, 0x3a, 0x5b];

/** The byte needles for a set of event sources: the quoted source names as they appear in JSON. */
export function sourceNeedles(sources: Iterable<string>): NeedleSet {
  return new NeedleSet([...sources].map((s) => enc.encode(`"${s}"`)));
}

const asBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
const isSpace = (c: number | undefined) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** A short piece of one or more needles that is searched for in their place. */
interface Anchor {
  readonly bytes: Uint8Array;
  /** The needles found through this anchor, with where the anchor sits inside each. */
  readonly uses: readonly { readonly needle: Uint8Array; readonly offset: number }[];
}

const ANCHOR_LENGTH = 4;
const SAMPLE_BYTES = 64 * 1024;

/**
 * Byte needles found with one pass per anchor rather than one per needle.
 *
 * Buffer.indexOf looks for the needle's first byte (memchr) and compares from there, so it is
 * fast when that byte is rare in the text and slow when it is common. Every quoted source name
 * starts with `"`, which is everywhere in JSON (and `--sources all` has seven of them). So each
 * needle is found through a 4-byte anchor inside it that starts with a byte rare in the text,
 * shared where it can be (`ppor` is in all six `support*` names), and every anchor hit is
 * checked against the whole needle. Anchors are chosen once, from the byte counts of the first
 * text searched: any choice finds the same occurrences, only the speed differs. Measured on 400
 * benchmark files, one thread: 129 ms searching for `"support.amazonaws.com"`, 81 ms through `ppor`.
 */
export class NeedleSet {
  readonly needles: readonly Uint8Array[];
  /**
   * Their first two bytes after the quote, for the syntax check to note the string values that
   * start so (value-ends.ts): undefined when a needle is not a quoted name.
   */
  readonly starts: Uint8Array | undefined;
  #anchors: readonly Anchor[] | undefined;

  constructor(needles: readonly Uint8Array[]) {
    this.needles = needles.filter((n) => n.length > 0);
    this.starts = startsTable(this.needles);
  }

  /**
   * The needles' occurrences at `candidates` (offsets where the syntax check saw a string value
   * start as one may), ascending: in well-formed JSON, every occurrence that may be a member's
   * value ({@link eventSourceHits}) is one of them, so this finds what `find` would, without a
   * search of the bytes.
   */
  findAt(bytes: Uint8Array, candidates: readonly number[]): number[] {
    return candidates.filter((at) => this.needles.some((needle) => occursAt(bytes, needle, at)));
  }

  /** Start offsets of every occurrence of any needle, ascending and without repeats (`search`: of these bytes, to share one). */
  find(bytes: Uint8Array, search: ByteSearch = byteSearch(bytes)): number[] {
    const found = new Set<number>();
    for (const anchor of this.anchorsFor(bytes)) {
      for (let at = search.indexOf(anchor.bytes); at !== -1; at = search.indexOf(anchor.bytes, at + 1)) {
        for (const { needle, offset } of anchor.uses) if (occursAt(bytes, needle, at - offset)) found.add(at - offset);
      }
    }
    return [...found].sort((a, b) => a - b);
  }

  /** True when any needle occurs in the bytes. */
  occursIn(bytes: Uint8Array): boolean {
    return this.find(bytes).length > 0;
  }

  private anchorsFor(sample: Uint8Array): readonly Anchor[] {
    return (this.#anchors ??= chooseAnchors(this.needles, sample.subarray(0, SAMPLE_BYTES)));
  }
}

function byteCounts(bytes: Uint8Array): Uint32Array {
  const counts = new Uint32Array(256);
  for (let i = 0; i < bytes.length; i++) counts[bytes[i]]++;
  return counts;
}

/**
 * Greedy cover: the anchor that finds the most still-uncovered needles per unit of cost, until
 * all are covered. Cost, from the sample's bytes: memchr stops at each occurrence of the anchor's
 * first byte, and each occurrence of the whole anchor is checked against its needles (weighted
 * as more expensive than a stop).
 */
export function chooseAnchors(needles: readonly Uint8Array[], sample: Uint8Array): Anchor[] {
  const counts = byteCounts(sample);
  const text = byteSearch(sample);
  const occurrences = (bytes: Uint8Array) => {
    let n = 0;
    for (let at = text.indexOf(bytes); at !== -1; at = text.indexOf(bytes, at + 1)) n++;
    return n;
  };
  const anchors: Anchor[] = [];
  let uncovered = [...needles];
  while (uncovered.length > 0) {
    let best: { bytes: Uint8Array; covers: Uint8Array[]; score: number } | undefined;
    for (const needle of uncovered) {
      const length = Math.min(ANCHOR_LENGTH, needle.length);
      for (let k = 0; k + length <= needle.length; k++) {
        const bytes = needle.subarray(k, k + length);
        const covers = uncovered.filter((n) => asBuffer(n).indexOf(bytes) !== -1);
        const score = covers.length / (1 + counts[bytes[0]] + 16 * occurrences(bytes));
        if (!best || score > best.score) best = { bytes, covers, score };
      }
    }
    const { bytes, covers } = best!;
    anchors.push({ bytes, uses: covers.map((needle) => ({ needle, offset: asBuffer(needle).indexOf(bytes) })) });
    uncovered = uncovered.filter((n) => !covers.includes(n));
  }
  return anchors;
}

function occursAt(bytes: Uint8Array, needle: Uint8Array, at: number): boolean {
  if (at < 0 || at + needle.length > bytes.length) return false;
  for (let i = 0; i < needle.length; i++) if (bytes[at + i] !== needle[i]) return false;
  return true;
}

/** True when any needle occurs in the bytes. */
export function containsAny(bytes: Uint8Array, needles: NeedleSet): boolean {
  return needles.occursIn(bytes);
}

/**
 * Offsets of needle occurrences that may be an `eventSource` value: the JSON key before them is
 * `eventSource`, or contains an escape (so it might spell it). A source named under another key
 * (`"invokedBy":"support.amazonaws.com"`, a lookup attribute) is not a Support record. With
 * `candidates` (NeedleSet.findAt), only those offsets are looked at instead of searching.
 */
export function eventSourceHits(bytes: Uint8Array, needles: NeedleSet, search?: ByteSearch, candidates?: readonly number[]): number[] {
  return (candidates ? needles.findAt(bytes, candidates) : needles.find(bytes, search)).filter((at) => mayBeEventSourceValue(bytes, at));
}

/**
 * Offsets of escapes (backslashes) that could hide a selected source from the byte needles:
 * `"support\u002eamazonaws.com"` is the same JSON string as the needle, not the same bytes. An
 * escape matters when it sits in the value of a key that is or may be `eventSource`, or in a key
 * (which may spell it); the records holding these offsets are parsed, so an escaped source is
 * found exactly as JSON.parse finds it. CloudTrail writes no such escape, so this is one memchr
 * pass for `\` and, in files with escapes, a short look back from each.
 */
export function escapeHits(bytes: Uint8Array, search: ByteSearch = byteSearch(bytes)): number[] {
  const hits: number[] = [];
  let stringStart = -1;
  let previous = -2;
  for (let at = search.indexOfByte(BACKSLASH); at !== -1; at = search.indexOfByte(BACKSLASH, at + 2)) {
    // No backslash lies between the previous escape and this one, so every quote there is a real
    // one: the last of them opened the string this escape is in. With none, it is the same
    // string as the previous escape's. (Searched within that stretch only, so a long string full
    // of escapes costs linear time.)
    const from = previous + 2;
    const quote = bytes.subarray(from, at).lastIndexOf(QUOTE);
    if (quote !== -1) stringStart = from + quote;
    previous = at;
    if (stringStart === -1 || escapeMayHideSource(bytes, stringStart)) hits.push(at);
  }
  return hits;
}

/** For an escape in the string opening at `start`: true unless that string is an array element, or a value whose key is plainly not eventSource. */
function escapeMayHideSource(bytes: Uint8Array, start: number): boolean {
  let i = start - 1;
  while (isSpace(bytes[i])) i--;
  if (bytes[i] === COLON) return mayBeEventSourceValue(bytes, start);
  // After "[" an array element; after "{" a key; after "," either (a key that may spell eventSource).
  return bytes[i] !== OPEN_BRACKET;
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
  // The spread is bounded: the length is checked first (11 bytes).
  return keyEnd - i - 1 === EVENT_SOURCE.length && String.fromCharCode(...bytes.subarray(i + 1, keyEnd)) === EVENT_SOURCE;
}
