/**
 * A JSON syntax check on bytes that builds nothing: where one value ends, or -1 when the bytes
 * from there are not one well-formed JSON value (RFC 8259, as JSON.parse reads it). The prefilter
 * (prefilter.ts) parses only the records that may be Support events; the others must still be
 * known to be JSON, or a record with `NaN` or `[}` inside would be counted as read when
 * `--no-prefilter` and `validate` fail it. Checking costs a fraction of parsing: no string,
 * object or number is made, one pass over the bytes with an explicit stack (no recursion, so
 * nesting depth cannot exhaust the call stack, on any thread).
 *
 * Bytes of 0x80 and above are taken as they are: invalid UTF-8 is not a JSON error here, as
 * JSON.parse of the decoded text (U+FFFD replacement) does not make it one either.
 */

const [QUOTE, BACKSLASH, COMMA, COLON, MINUS, PLUS, DOT] = [0x22, 0x5c, 0x2c, 0x3a, 0x2d, 0x2b, 0x2e];
const [OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET] = [0x7b, 0x7d, 0x5b, 0x5d];
const [ZERO, NINE] = [0x30, 0x39];

/** Bytes that end the fast run inside a string: the quote, the backslash, and control characters (which JSON forbids raw). */
const STRING_STOP = new Uint8Array(256);
for (let c = 0; c < 0x20; c++) STRING_STOP[c] = 1;
STRING_STOP[QUOTE] = STRING_STOP[BACKSLASH] = 1;

/** The characters allowed after a backslash, `u` aside. */
const SIMPLE_ESCAPE = new Uint8Array(256);
for (const c of '"\\/bfnrt') SIMPLE_ESCAPE[c.charCodeAt(0)] = 1;

const HEX = new Uint8Array(256);
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;

const LITERALS = [[0x74, 0x72, 0x75, 0x65], [0x66, 0x61, 0x6c, 0x73, 0x65], [0x6e, 0x75, 0x6c, 0x6c]]; // true, false, null

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= ZERO && c <= NINE;

function skipSpace(b: Uint8Array, i: number): number {
  for (let c = b[i]; c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = b[++i]);
  return i;
}

/** Just past the string opening at `i` (a quote), or -1. */
function endOfString(b: Uint8Array, i: number): number {
  for (;;) {
    // The hot loop: most bytes of a record are string bytes. Past the end, b[i] is undefined and stops it too.
    for (i++; STRING_STOP[b[i]] === 0; i++);
    const c = b[i];
    if (c === QUOTE) return i + 1;
    if (c !== BACKSLASH) return -1; // a raw control character, or the end of the bytes
    const e = b[++i];
    if (e === 0x75) {
      if (!(HEX[b[i + 1]] && HEX[b[i + 2]] && HEX[b[i + 3]] && HEX[b[i + 4]])) return -1;
      i += 4;
    } else if (e === undefined || SIMPLE_ESCAPE[e] === 0) return -1;
  }
}

/** Just past the number starting at `i`: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`, or -1. */
function endOfNumber(b: Uint8Array, i: number): number {
  if (b[i] === MINUS) i++;
  if (b[i] === ZERO) i++;
  else if (isDigit(b[i])) { while (isDigit(b[++i])); }
  else return -1;
  if (b[i] === DOT) {
    if (!isDigit(b[++i])) return -1;
    while (isDigit(b[++i]));
  }
  if (b[i] === 0x65 || b[i] === 0x45) {
    i++;
    if (b[i] === PLUS || b[i] === MINUS) i++;
    if (!isDigit(b[i])) return -1;
    while (isDigit(b[++i]));
  }
  return i;
}

function endOfLiteral(b: Uint8Array, i: number): number {
  for (const literal of LITERALS) {
    if (b[i] !== literal[0]) continue;
    for (let k = 1; k < literal.length; k++) if (b[i + k] !== literal[k]) return -1;
    return i + literal.length;
  }
  return -1;
}

/** At an object member: its key, a colon, and the offset of its value; -1 when not so. */
function memberValueAt(b: Uint8Array, i: number): number {
  if (b[i] !== QUOTE) return -1;
  i = endOfString(b, i);
  if (i < 0) return -1;
  i = skipSpace(b, i);
  return b[i] === COLON ? skipSpace(b, i + 1) : -1;
}

/**
 * Just past the JSON value that starts exactly at `start` (no leading space), or -1 when the
 * bytes there are not one well-formed value. Nothing after the value is looked at.
 */
export function endOfJsonValue(b: Uint8Array, start: number): number {
  const open: number[] = []; // the brace or bracket of each container the scan is inside
  let i = start;
  for (;;) {
    const c = b[i];
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      i = skipSpace(b, i + 1);
      if (b[i] === (c === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET)) i++;
      else {
        open.push(c);
        if (c === OPEN_BRACE && (i = memberValueAt(b, i)) < 0) return -1;
        continue; // the first element or member value
      }
    } else if (c === QUOTE) i = endOfString(b, i);
    else if (c === MINUS || isDigit(c)) i = endOfNumber(b, i);
    else i = endOfLiteral(b, i);
    if (i < 0) return -1;
    // After a value: close containers until one goes on with a comma, or the outermost closes.
    for (;;) {
      if (open.length === 0) return i;
      i = skipSpace(b, i);
      const inObject = open[open.length - 1] === OPEN_BRACE;
      if (b[i] === COMMA) {
        i = skipSpace(b, i + 1);
        if (inObject && (i = memberValueAt(b, i)) < 0) return -1;
        break;
      }
      if (b[i] !== (inObject ? CLOSE_BRACE : CLOSE_BRACKET)) return -1;
      open.pop();
      i++;
    }
  }
}
