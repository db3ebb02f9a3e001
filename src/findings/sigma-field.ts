/**
 * One Sigma field condition (`userIdentity.arn|contains|all: [...]`) -> a test on a record. Pure.
 * Semantics (https://github.com/SigmaHQ/sigma-specification, appendix_modifier.md):
 * - strings match case-insensitively (unless `cased`), whole value, `*` and `?` wildcards (`\*`,
 *   `\?`, `\\` escape them); `contains`/`startswith`/`endswith` loosen the anchoring;
 * - a list of values is OR, `all` makes it AND; `null` means the field is absent or null;
 * - `re` is a JavaScript regular expression searched anywhere in the value, case-sensitive unless
 *   `i` (`m`, `s` as in the spec); `cidr` tests an IPv4/IPv6 address; `lt`..`gte` compare numbers;
 *   `exists: true|false`; `fieldref` compares with another field of the same record;
 * - a record value that is an array matches when any element does (requestParameters lists).
 */
import { cidrTest } from './cidr.ts';

/** A test on one record. */
export type RecordTest = (record: Record<string, unknown>) => boolean;

const KNOWN = new Set(['contains', 'startswith', 'endswith', 'all', 're', 'i', 'm', 's', 'cidr', 'exists', 'cased', 'lt', 'lte', 'gt', 'gte', 'fieldref']);
const NOT_FOR_CLOUDTRAIL: Readonly<Record<string, string>> = {
  windash: 'it rewrites Windows command-line flags',
  base64: 'it encodes values for Windows logs',
  base64offset: 'it encodes values for Windows logs',
  utf16le: 'it encodes values for Windows logs',
  utf16be: 'it encodes values for Windows logs',
  utf16: 'it encodes values for Windows logs',
  wide: 'it encodes values for Windows logs',
  expand: 'its placeholders need a processing pipeline',
};

/**
 * The values of a dotted path in a record: `userIdentity.sessionContext.attributes.mfaAuthenticated`.
 * A key that itself holds dots is found too (the longest key that exists wins at each level), and
 * arrays on the way are walked element by element.
 */
export function valuesAt(value: unknown, parts: readonly string[], from = 0): unknown[] {
  if (from === parts.length) return [value];
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, parts, from));
  if (value === null || typeof value !== 'object') return [];
  const map = value as Record<string, unknown>;
  for (let to = parts.length; to > from; to--) {
    const key = to === from + 1 ? parts[from] : parts.slice(from, to).join('.');
    if (Object.hasOwn(map, key)) return valuesAt(map[key], parts, to);
  }
  return [];
}

/** A Sigma wildcard string as a regular expression source (`*` any run, `?` one character, `\` escapes them). */
export function wildcardSource(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const next = pattern[i + 1];
    if (c === '\\' && (next === '*' || next === '?' || next === '\\')) {
      out += escapeRegExp(next);
      i++;
    } else if (c === '*') out += '[\\s\\S]*';
    else if (c === '?') out += '[\\s\\S]';
    else out += escapeRegExp(c);
  }
  return out;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

type ValueTest = (value: unknown) => boolean;

/** A scalar as the text a string pattern is matched against (objects never match a string). */
const textOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

function stringTest(pattern: string, anchor: 'whole' | 'contains' | 'startswith' | 'endswith', cased: boolean): ValueTest {
  const body = wildcardSource(pattern);
  const source = anchor === 'whole' ? `^${body}$` : anchor === 'startswith' ? `^${body}` : anchor === 'endswith' ? `${body}$` : body;
  // A value without wildcards (the common case) is compared as text, without a regular expression.
  if (!/[*?\\]/.test(pattern)) {
    const want = cased ? pattern : pattern.toLowerCase();
    const has = (t: string) =>
      anchor === 'whole' ? t === want : anchor === 'contains' ? t.includes(want) : anchor === 'startswith' ? t.startsWith(want) : t.endsWith(want);
    return (v) => {
      const t = textOf(v);
      return t !== undefined && has(cased ? t : t.toLowerCase());
    };
  }
  const re = new RegExp(source, cased ? '' : 'i');
  return (v) => {
    const t = textOf(v);
    return t !== undefined && re.test(t);
  };
}

function numberTest(op: string, limit: number): ValueTest {
  return (v) => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (Number.isNaN(n)) return false;
    return op === 'lt' ? n < limit : op === 'lte' ? n <= limit : op === 'gt' ? n > limit : n >= limit;
  };
}

/** Compiles `field|mods: value` into a record test; `refuse` names what cannot be run. */
export function compileField(key: string, value: unknown, refuse: (reason: string) => never): RecordTest {
  const [field, ...mods] = key.split('|');
  if (field === '') refuse(`"${key}": a modifier without a field (keyword search with modifiers) is not supported`);
  for (const mod of mods) {
    if (mod in NOT_FOR_CLOUDTRAIL) refuse(`"${key}": modifier ${mod} is not supported (${NOT_FOR_CLOUDTRAIL[mod]}, not CloudTrail JSON)`);
    if (!KNOWN.has(mod)) refuse(`"${key}": unknown modifier ${JSON.stringify(mod)}`);
  }
  const parts = field.split('.');
  const has = (m: string) => mods.includes(m);
  if (has('exists')) {
    if (typeof value !== 'boolean') refuse(`"${key}": exists takes true or false, not ${JSON.stringify(value)}`);
    return (record) => valuesAt(record, parts).some((v) => v !== null && v !== undefined) === value;
  }
  const values = Array.isArray(value) ? value : [value];
  if (values.length === 0) refuse(`"${key}": an empty list of values matches nothing`);
  const tests = values.map((v) => valueTest(key, mods, v, refuse));
  const needAll = has('all');
  const fieldref = has('fieldref');
  return (record) => {
    // A missing field is tested as undefined, so `field: null` matches it.
    const at = valuesAt(record, parts);
    const found = at.length === 0 ? [undefined] : at;
    const match = (test: ValueTest | RecordValueTest) => (fieldref ? (test as RecordValueTest)(found, record) : found.some(test as ValueTest));
    return needAll ? tests.every(match) : tests.some(match);
  };
}

type RecordValueTest = (found: unknown[], record: Record<string, unknown>) => boolean;

function valueTest(key: string, mods: readonly string[], v: unknown, refuse: (reason: string) => never): ValueTest | RecordValueTest {
  const has = (m: string) => mods.includes(m);
  const cased = has('cased');
  if (has('fieldref')) {
    if (typeof v !== 'string') refuse(`"${key}": fieldref takes a field name, not ${JSON.stringify(v)}`);
    const other = (v as string).split('.');
    const same = stringEquality(cased);
    return (found, record) => {
      const refs = valuesAt(record, other);
      return found.some((a) => refs.some((b) => same(a, b)));
    };
  }
  if (v === null) return (x: unknown) => x === null || x === undefined;
  if (typeof v === 'object') refuse(`"${key}": a value must be a string, number, boolean or null, not ${Array.isArray(v) ? 'a nested list' : 'a map'}`);
  if (has('re')) {
    if (typeof v !== 'string') refuse(`"${key}": re takes a regular expression string`);
    const flags = (has('i') ? 'i' : '') + (has('m') ? 'm' : '') + (has('s') ? 's' : '');
    let re: RegExp;
    try {
      re = new RegExp(v as string, flags);
    } catch (err) {
      return refuse(`"${key}": invalid regular expression: ${(err as Error).message}`);
    }
    return (x: unknown) => {
      const t = textOf(x);
      return t !== undefined && re.test(t);
    };
  }
  if (has('cidr')) {
    if (typeof v !== 'string') refuse(`"${key}": cidr takes a network such as 10.0.0.0/8`);
    const test = cidrTest(v as string);
    if (!test) return refuse(`"${key}": ${JSON.stringify(v)} is not an IPv4 or IPv6 network (address/prefix)`);
    return (x: unknown) => typeof x === 'string' && test(x);
  }
  const op = ['lt', 'lte', 'gt', 'gte'].find(has);
  if (op) {
    const limit = typeof v === 'number' ? v : Number(v);
    if (typeof v === 'boolean' || Number.isNaN(limit)) refuse(`"${key}": ${op} takes a number, not ${JSON.stringify(v)}`);
    return numberTest(op, limit);
  }
  if (typeof v === 'boolean' || typeof v === 'number') return (x: unknown) => x === v || textOf(x)?.toLowerCase() === String(v);
  const anchor = has('contains') ? 'contains' : has('startswith') ? 'startswith' : has('endswith') ? 'endswith' : 'whole';
  return stringTest(v as string, anchor, cased);
}

const stringEquality = (cased: boolean) => (a: unknown, b: unknown) => {
  const ta = textOf(a);
  const tb = textOf(b);
  return ta !== undefined && tb !== undefined && (cased ? ta === tb : ta.toLowerCase() === tb.toLowerCase());
};
