/**
 * A Sigma rule's detection -> one SQL boolean over one record, for an engine and a source: the
 * same selections, modifiers and condition tree that findings/sigma-compile.ts turns into a
 * JavaScript test, with the same meaning (findings/sigma-field.ts). What has no exact SQL form
 * refuses the rule, with the reason. Pure.
 *
 * Semantics kept: strings match case-insensitively unless `cased` (`lower()` of the value, the
 * pattern lower-cased here), whole value unless `contains`/`startswith`/`endswith`, `*` and `?`
 * wildcards with Sigma's escapes (as LIKE with `\` as its escape); a list of values is OR, `all`
 * makes it AND; `null` and `exists` test presence; a number or boolean matches the value's text;
 * `fieldref` compares two fields' texts. Every test is TRUE or FALSE, never NULL, so `not` in
 * the condition means what it does in the tool.
 *
 * Not kept (docs/scale.md): a list on the way to the field (`resources.ARN`: the tool tests the
 * field of each element, the SQL reads none), a key that itself holds dots, and case folding
 * and `?` on characters outside the Basic Multilingual Plane. A list as the field's own value is
 * no text in either.
 */
import { type ConditionNode, parseCondition } from '../findings/sigma-condition.ts';
import type { SigmaRule } from '../findings/sigma-rule.ts';
import type { Dialect } from './dialect.ts';
import type { FieldOf, FieldSql } from './rule-fields.ts';

/** A rule's SQL condition, or why it has none. */
export type RuleSql = { readonly rule: SigmaRule; readonly where: string } | { readonly rule: SigmaRule; readonly refused: string };

/** The modifiers whose meaning in the tool no SQL form reproduces exactly, and why. */
export const NO_SQL_MODIFIERS: Readonly<Record<string, string>> = {
  re: "a JavaScript regular expression has no exact form in the engines' own (RE2 in DuckDB, Java's in Trino and Spark)",
  cidr: 'an address in a network needs IPv4 and IPv6 parsing, which the engines do not share',
  lt: "the tool reads numbers with JavaScript's Number() (hex, blanks, Infinity), which no cast reproduces",
  lte: "the tool reads numbers with JavaScript's Number() (hex, blanks, Infinity), which no cast reproduces",
  gt: "the tool reads numbers with JavaScript's Number() (hex, blanks, Infinity), which no cast reproduces",
  gte: "the tool reads numbers with JavaScript's Number() (hex, blanks, Infinity), which no cast reproduces",
};

class Untranslatable extends Error {}
const refuse = (reason: string): never => {
  throw new Untranslatable(reason);
};

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const never = (test: string) => `coalesce(${test}, FALSE)`;
const joined = (parts: readonly string[], op: 'AND' | 'OR') => (parts.length === 1 ? parts[0] : `(${parts.join(` ${op} `)})`);

/** A Sigma wildcard string as a LIKE pattern with `\` as the escape (Sigma's `\*`, `\?`, `\\` are literal). */
export function likePattern(pattern: string): string {
  const literal = (c: string) => (c === '%' || c === '_' || c === '\\' ? `\\${c}` : c);
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const next = pattern[i + 1];
    if (c === '\\' && (next === '*' || next === '?' || next === '\\')) {
      out += literal(next);
      i++;
    } else out += c === '*' ? '%' : c === '?' ? '_' : literal(c);
  }
  return out;
}

function stringTest(d: Dialect, f: FieldSql, pattern: string, mods: readonly string[]): string {
  const cased = mods.includes('cased');
  const text = cased ? f.text : `lower(${f.text})`;
  const want = cased ? pattern : pattern.toLowerCase();
  const anchor = ['contains', 'startswith', 'endswith'].find((m) => mods.includes(m));
  if (!anchor && !/[*?\\]/.test(want)) return never(`${text} = ${d.str(want)}`);
  const body = likePattern(want);
  const like = anchor === 'contains' ? `%${body}%` : anchor === 'startswith' ? `${body}%` : anchor === 'endswith' ? `%${body}` : body;
  return never(`${text} LIKE ${d.str(like)} ESCAPE ${d.str('\\')}`);
}

function valueTest(d: Dialect, fieldOf: FieldOf, key: string, f: FieldSql, mods: readonly string[], v: unknown): string {
  if (mods.includes('fieldref')) {
    const other = fieldOf(String(v));
    if ('refused' in other) return refuse(`"${key}": ${other.refused}`);
    const cased = mods.includes('cased');
    return never(cased ? `${f.text} = ${other.text}` : `lower(${f.text}) = lower(${other.text})`);
  }
  if (v === null) return `(NOT ${f.present})`;
  if (typeof v === 'boolean' || typeof v === 'number') return never(`lower(${f.text}) = ${d.str(String(v))}`);
  return stringTest(d, f, String(v), mods);
}

function fieldTest(d: Dialect, fieldOf: FieldOf, key: string, value: unknown): string {
  const [field, ...mods] = key.split('|');
  for (const mod of mods) if (mod in NO_SQL_MODIFIERS) refuse(`"${key}": modifier ${mod} has no SQL form here: ${NO_SQL_MODIFIERS[mod]}`);
  const f = fieldOf(field);
  if ('refused' in f) return refuse(`"${key}": ${f.refused}`);
  if (mods.includes('exists')) return value === true ? `(${f.present})` : `(NOT ${f.present})`;
  const values = Array.isArray(value) ? value : [value];
  const cased = mods.includes('cased');
  // Several whole values without wildcards (the common eventName list) read better as one IN.
  const plain = (v: unknown) => (typeof v === 'string' ? !/[*?\\]/.test(v) : !cased && (typeof v === 'number' || typeof v === 'boolean'));
  if (values.length > 1 && mods.every((m) => m === 'cased') && values.every(plain)) {
    const texts = values.map((v) => d.str(cased ? String(v) : String(v).toLowerCase()));
    return never(`${cased ? f.text : `lower(${f.text})`} IN (${texts.join(', ')})`);
  }
  return joined(values.map((v) => valueTest(d, fieldOf, key, f, mods, v)), mods.includes('all') ? 'AND' : 'OR');
}

const mapTest = (d: Dialect, fieldOf: FieldOf, map: Record<string, unknown>) =>
  joined(Object.entries(map).map(([key, value]) => fieldTest(d, fieldOf, key, value)), 'AND');

function selectionTest(d: Dialect, fieldOf: FieldOf, name: string, value: unknown): string {
  if (isMap(value)) return mapTest(d, fieldOf, value);
  const items = Array.isArray(value) ? value : [value];
  if (items.length > 0 && items.every(isMap)) return joined(items.map((m) => mapTest(d, fieldOf, m as Record<string, unknown>)), 'OR');
  return refuse(`selection ${name} is a keyword search (values matched anywhere in the record), which has no SQL form over one column`);
}

function conditionSql(node: ConditionNode, selections: ReadonlyMap<string, string>): string {
  switch (node.kind) {
    case 'ref':
      return selections.get(node.name)!;
    case 'not':
      return `(NOT ${conditionSql(node.node, selections)})`;
    case 'and':
    case 'or':
      return joined(node.nodes.map((n) => conditionSql(n, selections)), node.kind === 'and' ? 'AND' : 'OR');
    case 'of':
      return joined(node.names.map((n) => selections.get(n)!), node.quantifier === 'all' ? 'AND' : 'OR');
  }
}

/**
 * The rule's detection as one SQL boolean over a record's fields (`fieldOf` reads them from the
 * source), or the reason it cannot be written. The rule must be one the tool runs (compileRule).
 */
export function ruleSql(rule: SigmaRule, d: Dialect, fieldOf: FieldOf): RuleSql {
  try {
    const names = Object.keys(rule.selections);
    const selections = new Map(names.map((name) => [name, selectionTest(d, fieldOf, name, rule.selections[name])]));
    const trees = rule.conditions.map((c) => parseCondition(c, names, refuse));
    return { rule, where: joined(trees.map((t) => conditionSql(t, selections)), 'OR') };
  } catch (err) {
    if (err instanceof Untranslatable) return { rule, refused: err.message };
    throw err;
  }
}
