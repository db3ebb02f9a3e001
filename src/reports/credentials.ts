import { type ColumnTable, escape, table } from 'arquero';
import { CREDENTIAL_CLASSES } from '../rows/identity.ts';
import { recordedTimes } from './event-time.ts';
import { sortedJoin } from './lists.ts';

const CLASSES = Object.keys(CREDENTIAL_CLASSES);

type Row = {
  count: number | undefined;
  errors: number | undefined;
  identityTypes: unknown[] | undefined;
  principalCount: number | undefined;
  principals: unknown[] | undefined;
};

export function finishCredentials(rolled: ColumnTable): ColumnTable {
  const used = recordedTimes(rolled);
  return table({ order: CLASSES.map((_, i) => i), credentialClass: CLASSES, question: Object.values(CREDENTIAL_CLASSES) })
    .lookup(used, 'credentialClass', 'count', 'errors', 'identityTypes', 'principalCount', 'principals', 'firstSeen', 'lastSeen')
    .derive({
      count: escape((d: Row) => d.count ?? 0),
      errors: escape((d: Row) => d.errors ?? 0),
      identityTypes: escape((d: Row) => sortedJoin(d.identityTypes ?? [])),
      principalCount: escape((d: Row) => d.principalCount ?? 0),
      principals: escape((d: Row) => sortedJoin(d.principals ?? [])),
    })
    .orderby('order')
    .select('credentialClass', 'question', 'count', 'errors', 'identityTypes', 'principalCount', 'principals', 'firstSeen', 'lastSeen');
}
