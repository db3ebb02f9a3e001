/**
 * JSON and NDJSON. JSON.stringify already writes lone surrogates as \u escapes (well-formed
 * JSON.stringify, ES2019), so output is valid UTF-8 and parses back to the same strings.
 */

/** A pretty-printed JSON document with a final newline. */
export function toJsonDocument(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/**
 * The same text as {@link toJsonDocument}, in pieces: arrays and objects are walked, and each
 * array element becomes its own piece, so a document with a 123,072-case report (a 182 MB text)
 * is written without ever being one string (nor one buffer of its bytes).
 */
export function* jsonDocumentChunks(value: unknown): Generator<string> {
  yield* chunksOf(value, '', 0);
  yield '\n';
}

const SPLIT_DEPTH = 3;

function* chunksOf(value: unknown, pad: string, depth: number): Generator<string> {
  const v = toJsonValue(value);
  if (depth >= SPLIT_DEPTH || v === null || typeof v !== 'object') return yield indented(v, pad);
  const inner = pad + '  ';
  if (Array.isArray(v)) {
    if (v.length === 0) return yield '[]';
    yield '[';
    for (let i = 0; i < v.length; i++) {
      yield (i === 0 ? '\n' : ',\n') + inner;
      const item = toJsonValue(v[i]);
      // Elements JSON.stringify drops (undefined, functions, symbols) are null inside an array.
      yield* chunksOf(item === undefined || typeof item === 'function' || typeof item === 'symbol' ? null : item, inner, depth + 1);
    }
    return yield `\n${pad}]`;
  }
  const entries = Object.entries(v).filter(([, x]) => isWritten(toJsonValue(x)));
  if (entries.length === 0) return yield '{}';
  yield '{';
  for (let i = 0; i < entries.length; i++) {
    yield `${i === 0 ? '\n' : ',\n'}${inner}${JSON.stringify(entries[i][0])}: `;
    yield* chunksOf(entries[i][1], inner, depth + 1);
  }
  yield `\n${pad}}`;
}

/** What JSON.stringify writes for a value: its toJSON() when it has one. */
const toJsonValue = (value: unknown): unknown =>
  value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function'
    ? (value as { toJSON: () => unknown }).toJSON()
    : value;

/** An object member JSON.stringify keeps. */
const isWritten = (value: unknown) => value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';

/** JSON.stringify(value, null, 2) laid out at `pad`: JSON text has no raw newline inside a string, so each newline starts a line. */
const indented = (value: unknown, pad: string): string => {
  const text = JSON.stringify(value, null, 2);
  return pad === '' ? text : text.replaceAll('\n', '\n' + pad);
};

/** One compact JSON value per line. */
export function toNdjson(rows: readonly unknown[]): string {
  let out = '';
  for (const row of rows) out += JSON.stringify(row) + '\n';
  return out;
}
