/**
 * JSON and NDJSON. JSON.stringify already writes lone surrogates as \u escapes (well-formed
 * JSON.stringify, ES2019), so output is valid UTF-8 and parses back to the same strings.
 */

/** A pretty-printed JSON document with a final newline. */
export function toJsonDocument(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** One compact JSON value per line. */
export function toNdjson(rows: readonly unknown[]): string {
  let out = '';
  for (const row of rows) out += JSON.stringify(row) + '\n';
  return out;
}
