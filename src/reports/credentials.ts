import { type ColumnTable, escape, op, table } from 'arquero';
import { CREDENTIAL_CLASSES } from '../rows/identity.ts';
import { recordedTimes, withTimeOrdered } from './event-time.ts';
import { sortedJoin } from './lists.ts';
import { withPrincipalId } from './principal-identity.ts';

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
export function credentials(events: ColumnTable): ColumnTable {
  const rolled = withTimeOrdered(withPrincipalId(events)).groupby('credentialClass').rollup({
    count: op.count(),
    errors: op.valid('errorCode'),
    identityTypes: op.array_agg_distinct('identityType'),
    principalCount: op.distinct('principalId'),
    principals: op.array_agg_distinct('principal'),
    firstSeen: op.min('timeOrdered'),
    lastSeen: op.max('timeOrdered'),
  });
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
