/**
 * What differs between the SQL engines the reports are generated for: quoting, JSON access,
 * sorted string aggregation, arrays and their unnesting, time parsing, integer division. Every
 * report is defined once (reports.ts, cases.ts) in terms of these; nothing else in src/sql/
 * knows an engine. Pure.
 *
 * Strings compare as bytes of UTF-8 (code point order) in all four engines when no collation is
 * set, which is the tool's JavaScript order (UTF-16 code units) for every character below
 * U+E000 and for astral ones among themselves; the two orders differ only between U+E000-U+FFFF
 * and astral characters (docs/scale.md).
 */

/** The engines a query can be generated for. */
export const ENGINES = ['duckdb', 'athena', 'trino', 'spark'] as const;
export type Engine = (typeof ENGINES)[number];

/** A column type of a report, as each engine spells it. */
/** `varchar[]`: a list of texts (the case flags). */
export type SqlType = 'varchar' | 'integer' | 'bigint' | 'double' | 'boolean' | 'varchar[]';

export interface Dialect {
  readonly engine: Engine;
  /** A quoted identifier (keeps the report's camelCase column names). */
  id(name: string): string;
  /** A string literal. */
  str(text: string): string;
  cast(expr: string, type: SqlType): string;
  /** A whole number of a text, null when it is none. */
  tryBigint(expr: string): string;
  /** The string at a JSON path of a JSON text (`$.a.b`), null when absent. */
  jsonText(json: string, path: string): string;
  /** The JSON (object or array) at a path, to read further with jsonText. */
  jsonPart(json: string, path: string): string;
  /** The strings of a JSON array at a path, an empty array when absent. */
  jsonStrings(json: string, path: string): string;
  /** The text of the string, number or boolean at a JSON path; null when absent, null, an object or an array (Spark: their JSON text). */
  jsonScalar(json: string, path: string): string;
  /** True when a JSON path holds a value other than null (never null itself). */
  jsonPresent(json: string, path: string): string;
  /** The parts of a text split at a literal separator. */
  split(text: string, separator: string): string;
  /** Lower-case hex SHA-256 of the UTF-8 bytes of a text. */
  sha256Hex(text: string): string;
  /** 1-based position of `needle` in `text`, 0 when absent. */
  position(text: string, needle: string): string;
  regexpLike(text: string, pattern: string): string;
  /** Group 1 of a regular expression, null when it does not match or is empty. */
  regexpGroup(text: string, pattern: string): string;
  /** Epoch ms of a `YYYY-MM-DDTHH:MM` UTC text, null when it is no real minute. */
  minuteMs(text: string): string;
  intDiv(a: string, b: string): string;
  /** Aggregate: the distinct non-null values, sorted, joined by `separator` ('' when none). */
  sortedJoin(expr: string, separator: string): string;
  /** Aggregate: the distinct non-empty space-separated tokens of the values, sorted, joined by a space. */
  sortedTokens(expr: string): string;
  /** Aggregate: the distinct non-null values, sorted, as an array. */
  sortedList(expr: string): string;
  /** Aggregate of arrays: their distinct elements, sorted, as one array. */
  sortedFlat(array: string): string;
  /** An array of the given elements. */
  array(elements: string[]): string;
  concatArrays(a: string, b: string): string;
  /** The distinct elements that are neither null nor ''. */
  nonEmptyDistinct(array: string): string;
  /** The elements that are not null, in order. */
  nonNull(array: string): string;
  arrayJoin(array: string, separator: string): string;
  cardinality(array: string): string;
  /** A FROM-clause suffix that gives one row per element of `array`, named `column`. */
  unnest(array: string, column: string): string;
  /** The file a row of the CloudTrail table was read from. */
  readonly pathColumn: string;
}

const quoted = (name: string, q: string) => q + name.replaceAll(q, q + q) + q;
const standardString = (text: string) => `'${text.replaceAll("'", "''")}'`;

const DUCKDB_TYPES: Record<SqlType, string> = {
  varchar: 'VARCHAR',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  'varchar[]': 'VARCHAR[]',
};
const TRINO_TYPES: Record<SqlType, string> = { ...DUCKDB_TYPES, 'varchar[]': 'ARRAY(VARCHAR)' };
const SPARK_TYPES: Record<SqlType, string> = {
  varchar: 'STRING',
  integer: 'INT',
  bigint: 'BIGINT',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  'varchar[]': 'ARRAY<STRING>',
};

const duckdb: Dialect = {
  engine: 'duckdb',
  id: (name) => quoted(name, '"'),
  str: standardString,
  cast: (expr, type) => `CAST(${expr} AS ${DUCKDB_TYPES[type]})`,
  tryBigint: (expr) => `TRY_CAST(${expr} AS BIGINT)`,
  jsonText: (json, path) => `json_extract_string(${json}, ${standardString(path)})`,
  jsonPart: (json, path) => `json_extract(${json}, ${standardString(path)})`,
  jsonStrings: (json, path) => `coalesce(json_extract_string(${json}, ${standardString(`${path}[*]`)}), [])`,
  jsonScalar: (json, path) =>
    `CASE WHEN json_type(${json}, ${standardString(path)}) NOT IN ('OBJECT', 'ARRAY', 'NULL') THEN json_extract_string(${json}, ${standardString(path)}) END`,
  jsonPresent: (json, path) => `coalesce(json_type(${json}, ${standardString(path)}) <> 'NULL', FALSE)`,
  split: (text, sep) => `string_split(${text}, ${standardString(sep)})`,
  sha256Hex: (text) => `sha256(${text})`,
  position: (text, needle) => `strpos(${text}, ${needle})`,
  regexpLike: (text, pattern) => `regexp_matches(${text}, ${standardString(pattern)})`,
  regexpGroup: (text, pattern) => `nullif(regexp_extract(${text}, ${standardString(pattern)}, 1), '')`,
  minuteMs: (text) => `epoch_ms(try_strptime(${text}, '%Y-%m-%dT%H:%M'))`,
  intDiv: (a, b) => `(${a} // ${b})`,
  sortedJoin: (expr, sep) => `coalesce(string_agg(DISTINCT ${expr}, ${standardString(sep)} ORDER BY ${expr}), '')`,
  sortedTokens: (expr) => `coalesce(array_to_string(list_sort(list_distinct(list_filter(flatten(list(string_split(${expr}, ' '))), v -> v <> ''))), ' '), '')`,
  // list_distinct drops nulls.
  sortedList: (expr) => `list_sort(list_distinct(list(${expr})))`,
  sortedFlat: (array) => `list_sort(list_distinct(flatten(list(${array}))))`,
  array: (elements) => `[${elements.join(', ')}]`,
  concatArrays: (a, b) => `list_concat(${a}, ${b})`,
  nonEmptyDistinct: (array) => `list_distinct(list_filter(${array}, v -> v IS NOT NULL AND v <> ''))`,
  nonNull: (array) => `list_filter(${array}, v -> v IS NOT NULL)`,
  arrayJoin: (array, sep) => `array_to_string(${array}, ${standardString(sep)})`,
  cardinality: (array) => `len(${array})`,
  unnest: (array, column) => `CROSS JOIN unnest(${array}) AS unnested(${column})`,
  pathColumn: '"$path"',
};

/** Athena (engine version 3) is Trino: one SQL for both, apart from the name. */
const trino: Dialect = {
  engine: 'trino',
  id: (name) => quoted(name, '"'),
  str: standardString,
  cast: (expr, type) => `CAST(${expr} AS ${TRINO_TYPES[type]})`,
  tryBigint: (expr) => `TRY_CAST(${expr} AS BIGINT)`,
  jsonText: (json, path) => `json_extract_scalar(${json}, ${standardString(path)})`,
  jsonPart: (json, path) => `json_extract(${json}, ${standardString(path)})`,
  jsonStrings: (json, path) => `coalesce(TRY_CAST(json_extract(${json}, ${standardString(path)}) AS ARRAY(VARCHAR)), ARRAY[])`,
  // json_extract_scalar is null for objects and arrays.
  jsonScalar: (json, path) => `json_extract_scalar(${json}, ${standardString(path)})`,
  jsonPresent: (json, path) => `coalesce(json_format(json_extract(${json}, ${standardString(path)})) <> 'null', FALSE)`,
  split: (text, sep) => `split(${text}, ${standardString(sep)})`,
  sha256Hex: (text) => `lower(to_hex(sha256(to_utf8(${text}))))`,
  position: (text, needle) => `strpos(${text}, ${needle})`,
  regexpLike: (text, pattern) => `regexp_like(${text}, ${standardString(pattern)})`,
  regexpGroup: (text, pattern) => `nullif(regexp_extract(${text}, ${standardString(pattern)}, 1), '')`,
  minuteMs: (text) => `CAST(to_unixtime(with_timezone(try(date_parse(${text}, '%Y-%m-%dT%H:%i')), 'UTC')) * 1000 AS BIGINT)`,
  intDiv: (a, b) => `(${a} / ${b})`,
  sortedJoin: (expr, sep) => `coalesce(array_join(array_sort(array_distinct(filter(array_agg(${expr}), v -> v IS NOT NULL))), ${standardString(sep)}), '')`,
  sortedTokens: (expr) => `coalesce(array_join(array_sort(array_distinct(filter(flatten(array_agg(split(${expr}, ' '))), v -> v <> ''))), ' '), '')`,
  sortedList: (expr) => `array_sort(array_distinct(filter(array_agg(${expr}), v -> v IS NOT NULL)))`,
  sortedFlat: (array) => `array_sort(array_distinct(flatten(array_agg(${array}))))`,
  array: (elements) => `ARRAY[${elements.join(', ')}]`,
  concatArrays: (a, b) => `concat(${a}, ${b})`,
  nonEmptyDistinct: (array) => `array_distinct(filter(${array}, v -> v IS NOT NULL AND v <> ''))`,
  nonNull: (array) => `filter(${array}, v -> v IS NOT NULL)`,
  arrayJoin: (array, sep) => `array_join(${array}, ${standardString(sep)})`,
  cardinality: (array) => `cardinality(${array})`,
  unnest: (array, column) => `CROSS JOIN UNNEST(${array}) AS unnested(${column})`,
  pathColumn: '"$path"',
};

const athena: Dialect = { ...trino, engine: 'athena' };

// Spark reads backslashes in string literals as escapes: both quotes and backslashes are escaped.
const sparkString = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

const spark: Dialect = {
  engine: 'spark',
  id: (name) => quoted(name, '`'),
  str: sparkString,
  cast: (expr, type) => `CAST(${expr} AS ${SPARK_TYPES[type]})`,
  tryBigint: (expr) => `try_cast(${expr} AS BIGINT)`,
  jsonText: (json, path) => `get_json_object(${json}, ${sparkString(path)})`,
  jsonPart: (json, path) => `get_json_object(${json}, ${sparkString(path)})`,
  jsonStrings: (json, path) => `coalesce(from_json(get_json_object(${json}, ${sparkString(path)}), 'array<string>'), array())`,
  jsonScalar: (json, path) => `get_json_object(${json}, ${sparkString(path)})`,
  jsonPresent: (json, path) => `get_json_object(${json}, ${sparkString(path)}) IS NOT NULL`,
  // Spark's split takes a regular expression: the separator is quoted.
  split: (text, sep) => `split(${text}, ${sparkString(sep.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))})`,
  sha256Hex: (text) => `sha2(${text}, 256)`,
  position: (text, needle) => `instr(${text}, ${needle})`,
  regexpLike: (text, pattern) => `(${text} RLIKE ${sparkString(pattern)})`,
  regexpGroup: (text, pattern) => `nullif(regexp_extract(${text}, ${sparkString(pattern)}, 1), '')`,
  // The zone is in the text, so the session time zone does not shift the parse.
  minuteMs: (text) => `unix_seconds(try_to_timestamp(${text} || 'Z', ${sparkString("yyyy-MM-dd'T'HH:mmXXX")})) * 1000`,
  intDiv: (a, b) => `(${a} DIV ${b})`,
  sortedJoin: (expr, sep) => `array_join(array_sort(collect_set(${expr})), ${sparkString(sep)})`,
  sortedTokens: (expr) => `array_join(array_sort(array_distinct(filter(flatten(collect_list(split(${expr}, ' '))), v -> v <> ''))), ' ')`,
  sortedList: (expr) => `array_sort(collect_set(${expr}))`,
  sortedFlat: (array) => `array_sort(array_distinct(flatten(collect_list(${array}))))`,
  array: (elements) => `array(${elements.join(', ')})`,
  concatArrays: (a, b) => `concat(${a}, ${b})`,
  nonEmptyDistinct: (array) => `array_distinct(filter(${array}, v -> v IS NOT NULL AND v <> ''))`,
  nonNull: (array) => `filter(${array}, v -> v IS NOT NULL)`,
  arrayJoin: (array, sep) => `array_join(${array}, ${sparkString(sep)})`,
  cardinality: (array) => `size(${array})`,
  unnest: (array, column) => `LATERAL VIEW explode(${array}) unnested AS ${column}`,
  pathColumn: 'input_file_name()',
};

/** The dialect of each engine. */
export const DIALECTS: Readonly<Record<Engine, Dialect>> = { duckdb, athena, trino, spark };
