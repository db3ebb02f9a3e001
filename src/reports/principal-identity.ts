import { type ColumnTable, escape } from 'arquero';
import { principalKeyOf } from '../rows/identity.ts';

export { PRINCIPAL_KEY } from '../rows/identity.ts';

/**
 * The table with a `principalId` column: the principal key (identity.ts) as one value, so every
 * principal count (`op.distinct('principalId')`) counts what the `principals` report has rows for.
 */
export const withPrincipalId = (events: ColumnTable): ColumnTable => events.derive({ principalId: escape(principalKeyOf) });
