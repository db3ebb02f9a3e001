/** A partial rollup (rollup.ts) as the arquero table each report is finished from. */
import { type ColumnTable, table } from 'arquero';
import type { Groups, Rollup } from './rollup.ts';

/** The rolled-up table arquero's `groupby(keys).rollup(aggregates)` would give (row order aside: every report sorts it). */
export function toRolledTable<R>(rollup: Rollup<R>, groups: Groups): ColumnTable {
  const aggs = Object.entries(rollup.aggregates);
  const keyNames = Object.keys(rollup.keys);
  const list = [...groups.values()];
  const columns: Record<string, unknown[]> = {};
  keyNames.forEach((name, k) => (columns[name] = list.map(([keys]) => keys[k])));
  aggs.forEach(([name, agg], i) => {
    columns[name] = list.map(([, states]) => {
      const s = states[i];
      if (agg.op === 'distinct') {
        const d = s as { set: Set<unknown>; invalid: boolean };
        return d.set.size + (d.invalid ? 1 : 0);
      }
      if (agg.op === 'values') return [...(s as { set: Set<unknown> }).set];
      return s;
    });
  });
  return table(columns);
}
