/**
 * A mergeable group-by: rows are folded into a small partial (one state per group) where they
 * are read, on the workers, and partials are merged on the main thread; only the groups reach
 * arquero, which finishes each report (formats, order). The aggregates mean exactly what
 * arquero's do (op.count, op.valid, op.distinct, op.array_agg_distinct, op.min, op.max): invalid
 * values (null, undefined, NaN) are skipped, `distinct` counts them as one more value, and
 * strings compare with `<`. So a report is the same table whether its rows were rolled up in one
 * table or folded file by file (tested against the arquero rollup on the same rows).
 */

/** One aggregate of a group: the arquero op it stands for, over a value of the row. */
export type Aggregate<R> =
  | { readonly op: 'count' }
  | { readonly op: 'valid' | 'distinct' | 'values' | 'min' | 'max'; readonly of: (row: R) => unknown };

/** A group-by: the group columns, an optional row filter, and the aggregates, in output order. */
export interface Rollup<R> {
  readonly keys: Readonly<Record<string, (row: R) => unknown>>;
  readonly where?: (row: R) => boolean;
  readonly aggregates: Readonly<Record<string, Aggregate<R>>>;
}

/** The state of one aggregate: a number, a set (with whether an invalid value was seen), or the min/max so far. */
type State = number | { set: Set<unknown>; invalid: boolean } | unknown;

/** One group: its key values and the state of each aggregate, in the rollup's order. Plain data, so it crosses threads. */
export type Group = [keys: unknown[], states: State[]];

/** A partial rollup: groups by key text. */
export type Groups = Map<string, Group>;

const isValid = (v: unknown) => v !== null && v !== undefined && !(typeof v === 'number' && Number.isNaN(v));

// Key values joined by a character no CloudTrail value holds; null and undefined get a code of their own.
const keyPart = (v: unknown) => (v === null || v === undefined ? '\u0002' : String(v));

function initialState<R>(agg: Aggregate<R>): State {
  if (agg.op === 'count' || agg.op === 'valid') return 0;
  if (agg.op === 'distinct' || agg.op === 'values') return { set: new Set(), invalid: false };
  return undefined;
}

/** A rollup's key functions and aggregates as arrays, made once per rollup. */
interface RollupParts<R> {
  readonly keyFns: ((row: R) => unknown)[];
  readonly aggs: Aggregate<R>[];
  /** The key values of the row being folded (copied only into a new group). */
  readonly scratch: unknown[];
}

const partsByRollup = new WeakMap<Rollup<never>, RollupParts<never>>();

function partsOf<R>(rollup: Rollup<R>): RollupParts<R> {
  let parts = partsByRollup.get(rollup as Rollup<never>) as RollupParts<R> | undefined;
  if (!parts) {
    const keyFns = Object.values(rollup.keys);
    parts = { keyFns, aggs: Object.values(rollup.aggregates), scratch: new Array(keyFns.length) };
    partsByRollup.set(rollup as Rollup<never>, parts as RollupParts<never>);
  }
  return parts;
}

/**
 * Folds `rows` into `groups` (which it returns). The workers fold every Support row into each
 * report's rollup as it is made: the key arrays, the joined key and the rollup's parts made anew
 * per row were 0.43-0.49 s of self time per worker on the 400-file dense report (of ~6.4 s), and
 * garbage besides. Now only a new group makes its key array: 1.2M one-row folds over the report's
 * rollups took 365-417 against 693-809 ms.
 */
export function foldRows<R>(rollup: Rollup<R>, rows: Iterable<R>, groups: Groups = new Map()): Groups {
  const { keyFns, aggs, scratch } = partsOf(rollup);
  for (const row of rows) {
    if (rollup.where && !rollup.where(row)) continue;
    let text = '';
    for (let k = 0; k < keyFns.length; k++) {
      const v = keyFns[k](row);
      scratch[k] = v;
      text = k === 0 ? keyPart(v) : `${text}\u0001${keyPart(v)}`;
    }
    let group = groups.get(text);
    if (!group) groups.set(text, group = [scratch.slice(), aggs.map(initialState)]);
    foldAggregates(aggs, group[1], row);
  }
  return groups;
}

function foldAggregates<R>(aggs: readonly Aggregate<R>[], states: State[], row: R): void {
  for (let i = 0; i < aggs.length; i++) {
    const agg = aggs[i];
    if (agg.op === 'count') {
      states[i] = (states[i] as number) + 1;
      continue;
    }
    const v = agg.of(row);
    if (agg.op === 'valid') {
      if (isValid(v)) states[i] = (states[i] as number) + 1;
    } else if (agg.op === 'distinct' || agg.op === 'values') {
      const s = states[i] as { set: Set<unknown>; invalid: boolean };
      if (isValid(v)) s.set.add(v);
      else s.invalid = true;
    } else if (isValid(v)) {
      const m = states[i] as string | number | undefined;
      if (m === undefined || (agg.op === 'min' ? v! < m : v! > m)) states[i] = v;
    }
  }
}

/** Merges `from` into `into` (which it returns): the same as folding both partials' rows into one. */
export function mergeGroups<R>(rollup: Rollup<R>, into: Groups, from: Groups): Groups {
  const { aggs } = partsOf(rollup);
  for (const [text, [keys, states]] of from) {
    const group = into.get(text);
    if (!group) {
      into.set(text, [keys, states]);
      continue;
    }
    const mine = group[1];
    for (let i = 0; i < aggs.length; i++) {
      const op = aggs[i].op;
      if (op === 'count' || op === 'valid') mine[i] = (mine[i] as number) + (states[i] as number);
      else if (op === 'distinct' || op === 'values') {
        const a = mine[i] as { set: Set<unknown>; invalid: boolean };
        const b = states[i] as { set: Set<unknown>; invalid: boolean };
        for (const v of b.set) a.set.add(v);
        a.invalid ||= b.invalid;
      } else if (states[i] !== undefined) {
        const m = mine[i] as string | number | undefined;
        const v = states[i] as string | number;
        if (m === undefined || (op === 'min' ? v < m : v > m)) mine[i] = v;
      }
    }
  }
  return into;
}
