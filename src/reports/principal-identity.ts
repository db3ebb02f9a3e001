import { escape, type ColumnTable } from 'arquero';

/**
 * What identifies a principal in every report: its caller account, identity type and readable
 * name. The same name in two caller accounts (`alice` in 111122223333 and in 444455556666) is two
 * principals. The `principals` report has one row per distinct key, so every principal count of
 * the other reports counts the same thing and adds up to its rows.
 */
export const PRINCIPAL_KEY = ['callerAccount', 'identityType', 'principal'] as const;

type KeyFields = Record<(typeof PRINCIPAL_KEY)[number], string | null | undefined>;

/** The key of a row's principal as one string (JSON: no two keys can collide), for distinct counts. */
export const principalIdOf = (d: KeyFields): string => JSON.stringify(PRINCIPAL_KEY.map((c) => d[c] ?? null));

/** The table with a `principalId` column (the principal key as one value): count principals with `op.distinct('principalId')`. */
export const withPrincipalId = (events: ColumnTable): ColumnTable => events.derive({ principalId: escape(principalIdOf) });
