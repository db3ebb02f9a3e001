/**
 * A parsed Sigma rule (sigma-rule.ts) -> a matcher, compiled once: each selection becomes a test
 * (a map is AND, a list of maps is OR, a list of strings is a keyword search), and the condition
 * tree combines them. Also works out which event sources a rule can match at all, so the scan
 * parses those records and no others (prefilter.ts). Pure.
 */
import { type ConditionNode, parseCondition } from './sigma-condition.ts';
import { compileField, type RecordTest, valuesAt, wildcardSource } from './sigma-field.ts';
import { RuleRefusal, type SigmaRule } from './sigma-rule.ts';

/** A rule ready to run: its test, and the event sources it can match (null: any record). */
export interface CompiledRule {
  readonly rule: SigmaRule;
  readonly matches: RecordTest;
  readonly sources: ReadonlySet<string> | null;
}

interface Selection {
  readonly test: RecordTest;
  /** Lower-case eventSource values the selection requires, or null when it matches any source. */
  readonly sources: ReadonlySet<string> | null;
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Every string leaf of a record (a keyword search looks at each). */
function* stringLeaves(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) { for (const item of value) yield* stringLeaves(item); }
  else if (value !== null && typeof value === 'object') { for (const item of Object.values(value)) yield* stringLeaves(item); }
}

/** The eventSource values a map demands: plain (no modifier but `cased`), no wildcard. */
function sourcesOfMap(map: Record<string, unknown>): ReadonlySet<string> | null {
  for (const [key, value] of Object.entries(map)) {
    const [field, ...mods] = key.split('|');
    if (field !== 'eventSource' || mods.some((m) => m !== 'cased')) continue;
    const values = Array.isArray(value) ? value : [value];
    if (values.every((v) => typeof v === 'string' && !/[*?\\]/.test(v))) return new Set(values.map((v) => (v as string).toLowerCase()));
  }
  return null;
}

function compileMap(name: string, map: Record<string, unknown>, refuse: (reason: string) => never): RecordTest {
  const entries = Object.entries(map);
  if (entries.length === 0) refuse(`selection ${name} is an empty map`);
  const tests = entries.map(([key, value]) => compileField(key, value, (reason) => refuse(`selection ${name}: ${reason}`)));
  return (record) => tests.every((t) => t(record));
}

function compileSelection(name: string, value: unknown, refuse: (reason: string) => never): Selection {
  if (isMap(value)) return { test: compileMap(name, value, refuse), sources: sourcesOfMap(value) };
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) refuse(`selection ${name} is an empty list`);
  if (items.every(isMap)) {
    const maps = items as Record<string, unknown>[];
    const tests = maps.map((m) => compileMap(name, m, refuse));
    const each = maps.map(sourcesOfMap);
    const sources = each.some((s) => s === null) ? null : new Set(each.flatMap((s) => [...s!]));
    return { test: (record) => tests.some((t) => t(record)), sources };
  }
  if (items.every((v) => typeof v === 'string' || typeof v === 'number')) {
    // Keywords: Sigma matches them against the whole log message; here, against every string
    // value of the record, anywhere in it (case-insensitive, wildcards allowed).
    const patterns = items.map((v) => new RegExp(wildcardSource(String(v)), 'i'));
    return { test: (record) => patterns.some((re) => [...stringLeaves(record)].some((s) => re.test(s))), sources: null };
  }
  return refuse(`selection ${name} mixes maps and values in one list`);
}

const union = (sets: readonly (ReadonlySet<string> | null)[]): ReadonlySet<string> | null =>
  sets.some((s) => s === null) ? null : new Set(sets.flatMap((s) => [...s!]));

/** Of several sources constraints that must all hold, the tightest (their intersection). */
const intersection = (sets: readonly (ReadonlySet<string> | null)[]): ReadonlySet<string> | null => {
  const known = sets.filter((s): s is ReadonlySet<string> => s !== null);
  if (known.length === 0) return null;
  return new Set([...known[0]].filter((v) => known.every((s) => s.has(v))));
};

function build(node: ConditionNode, selections: ReadonlyMap<string, Selection>): Selection {
  switch (node.kind) {
    case 'ref':
      return selections.get(node.name)!;
    case 'not': {
      const inner = build(node.node, selections);
      return { test: (r) => !inner.test(r), sources: null };
    }
    case 'and':
    case 'or': {
      const parts = node.nodes.map((n) => build(n, selections));
      const tests = parts.map((p) => p.test);
      return node.kind === 'and'
        ? { test: (r) => tests.every((t) => t(r)), sources: intersection(parts.map((p) => p.sources)) }
        : { test: (r) => tests.some((t) => t(r)), sources: union(parts.map((p) => p.sources)) };
    }
    case 'of': {
      const parts = node.names.map((n) => selections.get(n)!);
      const tests = parts.map((p) => p.test);
      return node.quantifier === 'all'
        ? { test: (r) => tests.every((t) => t(r)), sources: intersection(parts.map((p) => p.sources)) }
        : { test: (r) => tests.some((t) => t(r)), sources: union(parts.map((p) => p.sources)) };
    }
  }
}

/** Compiles a rule; throws RuleRefusal (naming the file and construct) for what the engine cannot run. */
export function compileRule(rule: SigmaRule): CompiledRule {
  const refuse = (reason: string): never => {
    throw new RuleRefusal(rule.file, reason);
  };
  const names = Object.keys(rule.selections);
  const selections = new Map(names.map((name) => [name, compileSelection(name, rule.selections[name], refuse)]));
  const trees = rule.conditions.map((c) => build(parseCondition(c, names, refuse), selections));
  const tests = trees.map((t) => t.test);
  return { rule, matches: tests.length === 1 ? tests[0] : (r) => tests.some((t) => t(r)), sources: union(trees.map((t) => t.sources)) };
}

/** The event source values a rule needs, as the scan's extra needles (null: every record). */
export function sourcesOfRules(rules: readonly CompiledRule[]): ReadonlySet<string> | null {
  return union(rules.map((r) => r.sources));
}

export { valuesAt };
