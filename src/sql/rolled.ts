/**
 * The rolled-up reports (reports/rollups.ts and their finishing in reports/*.ts) as SQL: each one
 * defined once, as group columns, a row filter, typed aggregates and the order, over the
 * `support_rows` columns (source-rows.ts). Pure.
 */
import { CREDENTIAL_CLASSES } from '../rows/identity.ts';
import type { RolledName } from '../reports/rollups.ts';
import type { Dialect, SqlType } from './dialect.ts';

/** One output column: its name, its SQL (over support_rows, or the group keys) and its type. */
export interface Column {
  readonly name: string;
  readonly sql: (d: Dialect) => string;
  readonly type: SqlType;
}

/** A rolled report: group keys, an optional row filter, the columns in output order, the order. */
export interface RolledSpec {
  readonly keys: readonly string[];
  readonly where?: string;
  readonly columns: readonly Column[];
  /** Output columns, `-` first for descending. */
  readonly order: readonly string[];
}

const col = (name: string, sql: (d: Dialect) => string, type: SqlType = 'varchar'): Column => ({ name, sql, type });
const key = (name: string, column = name.toLowerCase()) => col(name, () => column);
const count = col('count', () => 'count(*)', 'integer');
const errors = col('errors', () => 'count(errorcode)', 'integer');
// The principal key is never null, so a distinct count of it is arquero's op.distinct.
const principals = (name = 'principals') => col(name, () => 'count(DISTINCT principal_key)', 'integer');
const values = (name: string, column: string, separator = ' ') => col(name, (d) => d.sortedJoin(column, separator));
// min/max of time_key are the earliest/latest event by instant (ties: text); its first 15 characters are the instant.
const firstSeen = col('firstSeen', () => 'substr(min(time_key), 16)');
const lastSeen = col('lastSeen', () => 'substr(max(time_key), 16)');
const minOf = (name: string, column: string) => col(name, () => `min(${column})`);

// reports/lists.ts mfaText: `absent` when the call carries no MFA context.
const MFA_TEXT = "CASE WHEN mfa IS NULL THEN 'absent' WHEN mfa THEN 'true' ELSE 'false' END";
// reports/denied.ts: error codes that mean "not allowed" rather than "went wrong".
const DENIAL = '(?i)AccessDenied|Unauthorized|NotAuthorized|Forbidden';

/** The checks a Trusted Advisor call names (requestParameters.checkId and checkIds), space-separated. */
const checksOfRow = (d: Dialect) =>
  `coalesce(${d.jsonText('req', '$.checkId')}, '') || ' ' || coalesce(${d.arrayJoin(d.jsonStrings('req', '$.checkIds'), ' ')}, '')`;

export const ROLLED_SQL: Readonly<Record<Exclude<RolledName, 'credentials'>, RolledSpec>> = {
  actions: {
    keys: ['category', 'eventsource', 'eventname'],
    columns: [key('category'), key('eventSource'), key('eventName'), count, errors, principals(), firstSeen, lastSeen],
    order: ['-count', 'eventSource', 'eventName', 'category'],
  },
  principals: {
    keys: ['calleraccount', 'identitytype', 'principal'],
    columns: [
      key('callerAccount'),
      key('identityType'),
      key('principal'),
      minOf('credentialClass', 'credentialclass'),
      minOf('role', 'role_name'),
      minOf('session', 'session_name'),
      values('invokedBy', 'invokedby'),
      values('sourceIdentities', 'sourceidentity'),
      count,
      errors,
      values('errorCodes', 'errorcode'),
      values('actions', 'eventname'),
      values('categories', 'category'),
      values('sourceIPs', 'sourceipaddress'),
      // User agents hold spaces: listed one per `; ` (reports/principals.ts).
      values('userAgents', 'useragent', '; '),
      values('regions', 'region'),
      values('accounts', 'account'),
      values('mfa', MFA_TEXT),
      firstSeen,
      lastSeen,
    ],
    order: ['-count', 'principal', 'identityType', 'callerAccount'],
  },
  accounts: {
    keys: ['account', 'region'],
    columns: [key('account'), key('region'), count, errors, principals(), firstSeen, lastSeen],
    order: ['account', 'region'],
  },
  days: {
    keys: ['substr(t, 1, 10)'],
    columns: [key('day', 'substr(t, 1, 10)'), count, errors, principals(), col('actions', () => 'count(DISTINCT eventname)', 'integer')],
    order: ['day'],
  },
  activity: {
    keys: ['substr(t, 1, 13)', 'category'],
    columns: [key('hour', "substr(t, 1, 13) || ':00:00Z'"), key('category'), count, errors, principals()],
    order: ['hour', 'category'],
  },
  denied: {
    keys: ['calleraccount', 'identitytype', 'principal', 'errorcode'],
    where: 'errorcode IS NOT NULL',
    columns: [
      key('callerAccount'),
      key('identityType'),
      key('principal'),
      key('errorCode'),
      col('denied', (d) => d.regexpLike('errorcode', DENIAL), 'boolean'),
      count,
      values('actions', 'eventname'),
      values('sourceIPs', 'sourceipaddress'),
      values('accounts', 'account'),
      firstSeen,
      lastSeen,
      minOf('sampleMessage', 'errormessage'),
    ],
    order: ['-count', 'principal', 'errorCode', 'identityType', 'callerAccount'],
  },
  trustedAdvisor: {
    keys: ['account', 'eventsource', 'eventname', 'identitytype', 'principal'],
    where: "category = 'trusted-advisor'",
    columns: [
      key('account'),
      key('eventSource'),
      key('eventName'),
      key('identityType'),
      key('principal'),
      count,
      errors,
      values('errorCodes', 'errorcode'),
      col('checks', (d) => d.sortedTokens(checksOfRow(d))),
      firstSeen,
      lastSeen,
    ],
    order: ['account', 'eventSource', 'eventName', 'principal', 'identityType'],
  },
};

/** ORDER BY of output columns as the reports sort them (arquero: nulls first ascending, last descending). */
export function orderBy(d: Dialect, order: readonly string[]): string {
  return order.map((o) => (o.startsWith('-') ? `${d.id(o.slice(1))} DESC NULLS LAST` : `${d.id(o)} ASC NULLS FIRST`)).join(', ');
}

/** The SELECT of a rolled report over support_rows. */
export function rolledSelect(d: Dialect, spec: RolledSpec): string {
  const columns = spec.columns.map((c) => `${d.cast(c.sql(d), c.type)} AS ${d.id(c.name)}`).join(',\n    ');
  const grouped = `SELECT\n    ${columns}\n  FROM support_rows${spec.where ? `\n  WHERE ${spec.where}` : ''}\n  GROUP BY ${spec.keys.join(', ')}`;
  return `SELECT * FROM (\n  ${grouped}\n) AS rolled\nORDER BY ${orderBy(d, spec.order)}`;
}

const CREDENTIAL_COLUMNS: readonly Column[] = [
  count,
  errors,
  values('identityTypes', 'identitytype'),
  principals('principalCount'),
  values('principals', 'principal'),
  firstSeen,
  lastSeen,
];

/** The credentials report: always its five rows, in CREDENTIAL_CLASSES order, zero where unused (reports/credentials.ts). */
export function credentialsSelect(d: Dialect): string {
  const classes = Object.entries(CREDENTIAL_CLASSES).map(([name, question], i) => `(${i}, ${d.str(name)}, ${d.str(question)})`);
  const used = CREDENTIAL_COLUMNS.map((c) => `${d.cast(c.sql(d), c.type)} AS ${d.id(c.name)}`).join(', ');
  const out = CREDENTIAL_COLUMNS.map((c) => {
    const v = `used.${d.id(c.name)}`;
    const zero = c.type === 'integer' ? '0' : "''";
    return c.name === 'firstSeen' || c.name === 'lastSeen' ? `${v} AS ${d.id(c.name)}` : `${d.cast(`coalesce(${v}, ${zero})`, c.type)} AS ${d.id(c.name)}`;
  });
  return `SELECT\n    ${d.cast('classes.name', 'varchar')} AS ${d.id('credentialClass')},\n    ${d.cast('classes.question', 'varchar')} AS ${
    d.id('question')
  },\n    ${out.join(',\n    ')}\n` +
    `FROM (VALUES ${classes.join(', ')}) AS classes(ord, name, question)\n` +
    `LEFT JOIN (SELECT credentialclass, ${used} FROM support_rows GROUP BY credentialclass) AS used ON used.credentialclass = classes.name\n` +
    `ORDER BY classes.ord`;
}
