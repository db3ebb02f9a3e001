import { type ColumnTable, escape, table } from 'arquero';
import { CREDENTIAL_CLASSES } from '../rows/identity.ts';
import { recordedTimes } from './event-time.ts';
import { countsAndTimes, firstAndLast, type RowFacts } from './facts.ts';
import { sortedJoin } from './lists.ts';
import type { Rollup } from './rollup.ts';

const CLASSES = Object.keys(CREDENTIAL_CLASSES);

type Row = {
  count: number | undefined;
  errors: number | undefined;
  identityTypes: unknown[] | undefined;
  principalCount: number | undefined;
  principals: unknown[] | undefined;
};

/**
 * The three questions of the AWS Support user guide, one row each (plus other-account and
 * unknown), always all five rows: was the call made with root or IAM user credentials, with
 * temporary credentials for a role or federated user, or by another AWS service?
 */
export const credentialsRollup: Rollup<RowFacts> = {
  keys: { credentialClass: (f) => f.row.credentialClass },
  aggregates: {
    ...countsAndTimes,
    identityTypes: { op: 'values', of: (f) => f.row.identityType },
    principalCount: { op: 'distinct', of: (f) => f.principalId },
    principals: { op: 'values', of: (f) => f.row.principal },
    ...firstAndLast,
  },
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
