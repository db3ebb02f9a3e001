/**
 * JSON numbers that JSON.parse cannot hold exactly. A double keeps about 17 significant digits
 * between 5e-324 and 1.8e308: `1e400` reads as Infinity (raw then has null), `1e-400` as 0, and
 * `12345678901234567891` as 12345678901234567000. Such a record is kept, but the value in `raw`
 * is not the one in the log, so the record is flagged in the ledger (outcome.ts).
 *
 * The source text is gone once JSON.parse returns, so the check reads the text first. It costs
 * one regex test per text: a number that can be changed is written with an exponent or with 16
 * or more digits, which CloudTrail's own fields almost never are (ids and times are strings; 2 of
 * the first 400 real files have epoch seconds such as 1.688560107857E9). Only a text where the
 * test hits is tokenised (string-aware) and each such literal compared with the double it becomes.
 * Measured on a 1.4 MB generated delivery file: the test takes 2.0-2.5 ms where JSON.parse takes
 * 6.6-10 ms; on the prefilter's path only the Support records' own slices are tested.
 */

/** Where a parsed container holds a changed number: container -> JSON pointer inside it. */
const changedAt = new WeakMap<object, string>();

/**
 * A number literal in value position, written with an exponent or 16+ digits, followed by what
 * may follow a value. A string can match too (the tokeniser decides), but the common lookalikes
 * do not: a web-identity principalId ends in a 20-digit Google subject and then a quote.
 */
const SUSPECT = /[:,[]\s*-?(?:\d+(?:\.\d+)?[eE][-+]?\d+|[\d.]{16,})\s*[,}\]]/;

/** JSON.parse, remembering (for {@link changedNumberAt}) where a number literal did not survive as written. */
export function parseJsonExact(text: string): unknown {
  const value = JSON.parse(text);
  if (!SUSPECT.test(text) || value === null || typeof value !== 'object') return value;
  const changed = changedLiterals(text);
  return changed.length === 0 ? value : parseMarked(text, changed);
}

/** JSON pointer (inside `container`) of a number whose literal JSON.parse changed, or undefined. */
export function changedNumberAt(container: object): string | undefined {
  return changedAt.get(container);
}

/** Start and end offsets of every number literal outside strings that does not survive as a double. */
function changedLiterals(text: string): [number, number][] {
  const found: [number, number][] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = stringEnd(text, i);
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let end = i + 1;
      while (end < text.length && isNumberChar(text.charCodeAt(end))) end++;
      if (!survives(text.slice(i, end))) found.push([i, end]);
      i = end - 1;
    }
  }
  return found;
}

const isNumberChar = (c: number) => (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d;

/** The index of the quote that closes the string opened at `start`. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return i;
  }
  return text.length;
}

/** True when the literal's decimal value is exactly the shortest form of the double it parses to. */
export function survives(literal: string): boolean {
  const n = Number(literal);
  if (!Number.isFinite(n)) return false;
  return decimalKey(literal) === decimalKey(String(n));
}

/** A canonical form of a decimal literal: significant digits and the exponent of the first one ("0" for zero; the sign of zero is dropped). */
function decimalKey(literal: string): string {
  const match = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(literal);
  if (!match) return literal;
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  const digits = whole + fraction;
  const first = digits.search(/[1-9]/);
  if (first < 0) return '0';
  const significant = digits.slice(first).replace(/0+$/, '');
  return `${sign}${significant}e${BigInt(exponent) + BigInt(whole.length - first)}`;
}

/**
 * Parses the text again with each changed literal replaced by a marker string, puts the parsed
 * number back in each marker's place, and records the marker's pointer on every container above
 * it (the record is one of them, whatever the shape wraps it in). Rare: only texts with a changed
 * number come here.
 */
function parseMarked(text: string, spans: readonly [number, number][]): unknown {
  // A random tag, so that no string of the record itself can pass for a marker.
  const tag = `\u0000${crypto.randomUUID()}:`;
  let marked = '';
  let from = 0;
  spans.forEach(([start, end], k) => {
    marked += `${text.slice(from, start)}"\\u0000${tag.slice(1)}${k}"`;
    from = end;
  });
  const root = JSON.parse(marked + text.slice(from));
  const stack: { node: object; path: string[]; ancestors: { node: object; depth: number }[] }[] = [{ node: root, path: [], ancestors: [] }];
  while (stack.length > 0) {
    const { node, path, ancestors } = stack.pop()!;
    const chain = [...ancestors, { node, depth: path.length }];
    for (const [key, item] of Object.entries(node)) {
      const itemPath = [...path, key.replace(/~/g, '~0').replace(/\//g, '~1')];
      if (typeof item === 'string' && item.startsWith(tag)) {
        const [start, end] = spans[Number(item.slice(tag.length))];
        (node as Record<string, unknown>)[key] = Number(text.slice(start, end));
        for (const a of chain) if (!changedAt.has(a.node)) changedAt.set(a.node, `/${itemPath.slice(a.depth).join('/')}`);
      } else if (item !== null && typeof item === 'object') stack.push({ node: item, path: itemPath, ancestors: chain });
    }
  }
  return root;
}
