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
/**
 * An array this long is walked at any depth: a finding's eventIDs (depth 3) listed the 851,676
 * records of a zip of six 31 MiB minimal-record entries as one text, made twice (stringified,
 * then indented): ~80 MB a finding, with two such findings in the report.
 */
const LONG_ARRAY = 10_000;
/** Elements of plain values written as one piece. */
const BATCH = 1000;

/** A value JSON.stringify writes the same inside an array as alone (null for non-finite numbers both ways). */
const isPlain = (x: unknown) => x === null || typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean';

/**
 * A list whose JSON is its `toJSON()`, made when read (a finished finding's eventIDs: 2.3M of them
 * were 150 MB as texts): a long one is written in slices, never whole.
 */
interface SlicedList {
  readonly length: number;
  slice(from: number, to: number): unknown[];
  toJSON(): unknown[];
}

const isLongSlicedList = (value: unknown): value is SlicedList =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as SlicedList).toJSON === 'function' &&
  typeof (value as SlicedList).slice === 'function' && typeof (value as SlicedList).length === 'number' && (value as SlicedList).length > LONG_ARRAY;

function* chunksOf(value: unknown, pad: string, depth: number): Generator<string> {
  if (isLongSlicedList(value)) return yield* arrayChunks(value, pad, depth);
  const v = toJsonValue(value);
  if (v === null || typeof v !== 'object' || (depth >= SPLIT_DEPTH && !(Array.isArray(v) && v.length > LONG_ARRAY))) return yield indented(v, pad);
  if (Array.isArray(v)) return yield* arrayChunks(v, pad, depth);
  const inner = pad + '  ';
  // A long sliced list is written (its toJSON gives an array): asking it would make it whole.
  const entries = Object.entries(v).filter(([, x]) => isLongSlicedList(x) || isWritten(toJsonValue(x)));
  if (entries.length === 0) return yield '{}';
  yield '{';
  for (let i = 0; i < entries.length; i++) {
    yield `${i === 0 ? '\n' : ',\n'}${inner}${JSON.stringify(entries[i][0])}: `;
    yield* chunksOf(entries[i][1], inner, depth + 1);
  }
  yield `\n${pad}}`;
}

/** An array (or a sliced list) as JSON.stringify writes it at `pad`, a batch of elements at a time. */
function* arrayChunks(v: { readonly length: number; slice(from: number, to: number): unknown[] }, pad: string, depth: number): Generator<string> {
  if (v.length === 0) return yield '[]';
  const inner = pad + '  ';
  yield '[';
  for (let from = 0; from < v.length; from += BATCH) {
    const batch = v.slice(from, from + BATCH);
    // Texts and numbers a batch at a time, as one flat piece: a piece or two per element (the
    // 851,676 eventIDs of a finding) piled up in the old generation when stdout joined them.
    if (batch.every(isPlain)) {
      yield (from === 0 ? '\n' : ',\n') + inner + batch.map((x) => JSON.stringify(x)).join(',\n' + inner);
      continue;
    }
    for (let i = 0; i < batch.length; i++) {
      yield (from + i === 0 ? '\n' : ',\n') + inner;
      const item = toJsonValue(batch[i]);
      // Elements JSON.stringify drops (undefined, functions, symbols) are null inside an array.
      yield* chunksOf(item === undefined || typeof item === 'function' || typeof item === 'symbol' ? null : item, inner, depth + 1);
    }
  }
  yield `\n${pad}]`;
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
