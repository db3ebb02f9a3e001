/**
 * A Sigma rule's field path (`userIdentity.sessionContext.attributes.mfaAuthenticated`) -> what it
 * reads in SQL over each source, or why the source cannot give it. Pure.
 *
 * Over our Parquet export: the `raw` column holds every record whole (export/columns.ts), so any
 * path is read from its JSON; `eventSource` and `eventName` come from their own columns, which
 * hold the record's strings verbatim (the record schema requires both as strings). The other
 * typed columns are not used: they hold a field only when it is a string (rows/record-fields.ts
 * `str`), so `errorCode|exists` on a record whose errorCode is a number would differ.
 *
 * Over the CloudTrail table (cloudtrail-ddl.ts): its string columns, the string fields of the
 * `useridentity` struct, and paths inside the JSON text columns (`requestParameters.caseId`). A
 * field the table has no column for, or a struct as a whole, cannot be tested there.
 */
import { JSON_TEXT, STRINGS, type Tree, USER_IDENTITY } from './cloudtrail-ddl.ts';
import type { Dialect } from './dialect.ts';
import type { SqlSource } from './source-rows.ts';

/** What a field reads: its scalar text (null when absent, null, an object or a list) and whether it holds any value but null. */
export interface FieldSql {
  /** SQL text of the value when it is a string, number or boolean; NULL otherwise. */
  readonly text: string;
  /** SQL boolean, never NULL: the field is there and not null. */
  readonly present: string;
}

/** A field's SQL, or the reason it has none over this source. */
export type FieldOf = (field: string) => FieldSql | { readonly refused: string };

// CloudTrail's keys are letters and digits; a JSON path is written without quoting only for those.
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

const column = (sql: string): FieldSql => ({ text: sql, present: `${sql} IS NOT NULL` });
const jsonField = (d: Dialect, json: string, path: string): FieldSql => ({ text: d.jsonScalar(json, path), present: d.jsonPresent(json, path) });
const jsonPath = (keys: readonly string[]) => ['$', ...keys].join('.');

/** A path into the useridentity struct: the column of a string field, or why there is none. */
function identityField(keys: readonly string[], field: string): FieldSql | { readonly refused: string } {
  let tree: Tree | null = USER_IDENTITY;
  const lower = ['useridentity'];
  for (const key of keys) {
    if (tree === null || !Object.hasOwn(tree, key)) {
      return { refused: `the CloudTrail table has no column for ${field} (its useridentity struct keeps the fields of AWS's DDL)` };
    }
    tree = tree[key];
    lower.push(key.toLowerCase());
  }
  if (tree !== null) return { refused: `${field} is a struct in the CloudTrail table: a rule can test its string fields, not the struct` };
  return column(lower.join('.'));
}

function cloudTrailField(d: Dialect, field: string, keys: readonly string[]): FieldSql | { readonly refused: string } {
  const [head, ...rest] = keys;
  if (head === 'userIdentity') return identityField(rest, field);
  if (JSON_TEXT.includes(head)) return jsonField(d, head.toLowerCase(), jsonPath(rest));
  if (rest.length === 0 && STRINGS.includes(head)) return column(head.toLowerCase());
  const what = rest.length > 0 && STRINGS.includes(head) ? `${head} is a string column there` : `it has no column for ${head}`;
  return { refused: `the CloudTrail table cannot give ${field}: ${what}` };
}

/** The field reader of a source (the record's keys are matched exactly, as the tool does). */
export function fieldsOf(d: Dialect, source: SqlSource): FieldOf {
  return (field) => {
    const keys = field.split('.');
    const odd = keys.find((k) => !PLAIN_KEY.test(k));
    if (odd !== undefined) {
      return {
        refused: `field ${JSON.stringify(field)}: the key ${JSON.stringify(odd)} is not a name of letters, digits and _ (no JSON path form is written for it)`,
      };
    }
    if (source === 'cloudtrail-table') return cloudTrailField(d, field, keys);
    if (field === 'eventSource' || field === 'eventName') return column(d.id(field.toLowerCase()));
    return jsonField(d, d.id('raw'), jsonPath(keys));
  };
}
