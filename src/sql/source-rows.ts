/**
 * The Support rows as SQL: a `support_rows` CTE with the same facts as the tool's rows
 * (rows/support-row.ts), read from our Parquet export or from the raw CloudTrail table as AWS
 * documents it for Athena. Every report (reports.ts, cases.ts) reads only these columns. Pure.
 *
 * Columns: t (eventTime as recorded), ms (its instant, epoch ms, null when it is none), the row
 * fields in lower case (role and session as role_name, session_name: SESSION is a keyword in places), req and resp (requestParameters and responseElements as JSON), place
 * (where the record was read, for ties), then msx, time_key, order_key and principal_key.
 */
import { categoryOf } from '../rows/category.ts';
import { TEMPORARY_IDENTITY_TYPES } from '../rows/identity.ts';
import { ALL_SUPPORT_SOURCES, SUPPORT_API_SOURCE } from '../rows/support-row.ts';
import type { Dialect } from './dialect.ts';

/** What the SQL reads: our Parquet export, or the CloudTrail table (raw records). */
export const SQL_SOURCES = ['parquet', 'cloudtrail-table'] as const;
export type SqlSource = (typeof SQL_SOURCES)[number];

export interface RowsSpec {
  readonly source: SqlSource;
  /** What FROM reads (a table name, or a DuckDB table function). */
  readonly from: string;
  /** The event sources kept (the `--sources` selection). */
  readonly eventSources: readonly string[];
  /**
   * Other event sources read for detection rules (matched lower-cased, as the scan's prefilter
   * does), null for every record. A repeated eventID counts once among them too: the tool skips
   * a byte-identical file whole, but keeps both copies of one event in two different files.
   */
  readonly ruleSources?: readonly string[] | null;
  /** More columns, computed over the source's own columns (a rule's match, the file). */
  readonly extra?: Readonly<Record<string, string>>;
}

// Epoch ms of 0000-01-01T00:00:00Z (reports/facts.ts): instants of years 0000-9999 become 15 digits.
const EARLIEST = 62_167_219_200_000;
// An instant after every real one, for times that are none (the tool's +Infinity).
const NO_INSTANT = '253402300800000';
const TIME_TEXT = '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{1,9})?Z$';

/** Epoch ms of an eventTime as read/utc-time.ts reads it: a leap second is the last ms of its minute, fractions truncated to ms. */
export function instantMs(d: Dialect, t: string): string {
  const second = d.tryBigint(`substr(${t}, 18, 2)`);
  const fraction = d.tryBigint(`rpad(substr(${t}, 21, least(length(${t}) - 21, 3)), 3, '0')`);
  return `CASE WHEN ${d.regexpLike(t, TIME_TEXT)} AND ${second} <= 60 THEN ${d.minuteMs(`substr(${t}, 1, 16)`)} + least(${second}, 59) * 1000 + ` +
    `CASE WHEN ${second} = 60 THEN 999 WHEN length(${t}) > 20 THEN ${fraction} ELSE 0 END END`;
}

const lastSegment = (d: Dialect, arn: string) => d.regexpGroup(arn, '([^/]*)$');
const inList = (values: readonly string[], d: Dialect) => values.map((v) => d.str(v)).join(', ');

/** requestParameters etc. read from the `raw` column of our export, row facts from its columns. */
function parquetColumns(d: Dialect): Record<string, string> {
  return {
    t: d.jsonText(d.id('raw'), '$.eventTime'),
    eventsource: d.id('eventsource'),
    eventname: d.id('eventname'),
    category: d.id('category'),
    account: d.id('account'),
    region: d.id('region'),
    identitytype: d.id('identitytype'),
    principal: d.id('principal'),
    credentialclass: d.id('credentialclass'),
    role_name: d.id('role'),
    session_name: d.id('session'),
    invokedby: d.id('invokedby'),
    sourceidentity: d.id('sourceidentity'),
    calleraccount: d.id('calleraccount'),
    mfa: d.id('mfa'),
    sourceipaddress: d.id('sourceipaddress'),
    useragent: d.id('useragent'),
    errorcode: d.id('errorcode'),
    errormessage: d.id('errormessage'),
    eventid: d.id('eventid'),
    req: d.jsonPart(d.id('raw'), '$.requestParameters'),
    resp: d.jsonPart(d.id('raw'), '$.responseElements'),
    place: `${d.id('file')} || chr(1) || coalesce(${d.id('archivepath')}, '') || chr(1) || lpad(${d.cast(d.id('index'), 'varchar')}, 10, '0')`,
  };
}

/** rows/support-row.ts and rows/identity.ts over the CloudTrail table's columns (lower case, useridentity a struct). */
function cloudTrailColumns(d: Dialect): Record<string, string> {
  const u = 'useridentity';
  const type = `${u}.type`;
  const role = `${u}.sessioncontext.sessionissuer.username`;
  const pid = `${u}.principalid`;
  const session = `CASE WHEN ${d.position(pid, "':'")} > 0 THEN substr(${pid}, ${d.position(pid, "':'")} + 1) ELSE ${lastSegment(d, `${u}.arn`)} END`;
  // Every other source has one category (rows/category.ts): asked of categoryOf itself.
  const categories = ALL_SUPPORT_SOURCES.filter((s) => s !== SUPPORT_API_SOURCE)
    .map((s) => `WHEN eventsource = ${d.str(s)} THEN ${d.str(categoryOf(s, ''))}`);
  return {
    t: 'eventtime',
    eventsource: 'eventsource',
    eventname: 'eventname',
    category: `CASE WHEN eventsource = ${d.str(SUPPORT_API_SOURCE)} THEN CASE WHEN ${d.position('eventname', "'TrustedAdvisor'")} > 0 ` +
      `THEN 'trusted-advisor' ELSE 'case-management' END ${categories.join(' ')} ELSE 'other' END`,
    account: `coalesce(recipientaccountid, ${u}.accountid)`,
    region: 'awsregion',
    identitytype: type,
    principal: `CASE WHEN coalesce(${type}, '') = '' THEN coalesce(${u}.invokedby, ${u}.username, 'service:' || coalesce(eventsource, 'unknown')) ` +
      `WHEN ${type} = 'Root' THEN 'root' ` +
      `WHEN ${type} IN ('AssumedRole', 'FederatedUser') THEN CASE WHEN ${role} <> '' AND (${session}) <> '' AND (${session}) <> ${role} ` +
      `THEN ${role} || '/' || (${session}) ELSE coalesce(${role}, ${session}, 'unknown') END ` +
      `WHEN ${type} = 'AWSService' THEN coalesce(${u}.invokedby, 'aws-service') ` +
      `WHEN ${type} = 'AWSAccount' THEN coalesce(${u}.accountid, ${u}.invokedby, 'aws-account') ` +
      `WHEN ${type} = 'IdentityCenterUser' THEN coalesce(${u}.onbehalfof.userid, ${u}.username, ${pid}, 'unknown') ` +
      `ELSE coalesce(${u}.username, ${lastSegment(d, `${u}.arn`)}, ${pid}, 'unknown') END`,
    credentialclass: `CASE WHEN ${type} IN ('Root', 'IAMUser') THEN 'root-or-iam-user' ` +
      `WHEN ${type} IN (${inList(TEMPORARY_IDENTITY_TYPES, d)}) THEN 'temporary-credentials' ` +
      `WHEN ${type} = 'AWSService' THEN 'aws-service' WHEN ${type} = 'AWSAccount' THEN 'other-account' ` +
      `WHEN ${type} IS NULL AND (${u}.invokedby IS NOT NULL OR eventtype = 'AwsServiceEvent') THEN 'aws-service' ELSE 'unknown' END`,
    role_name: `CASE WHEN ${type} = 'AssumedRole' THEN ${role} END`,
    session_name: `CASE WHEN ${type} IN ('AssumedRole', 'FederatedUser') THEN nullif(${session}, '') END`,
    invokedby: `${u}.invokedby`,
    sourceidentity: `${u}.sessioncontext.sourceidentity`,
    calleraccount: `${u}.accountid`,
    // mfaAuthenticated is a string in CloudTrail ("true"/"false").
    mfa: `CASE ${u}.sessioncontext.attributes.mfaauthenticated WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE END`,
    sourceipaddress: 'sourceipaddress',
    useragent: 'useragent',
    errorcode: 'errorcode',
    errormessage: 'errormessage',
    eventid: 'eventid',
    req: 'requestparameters',
    resp: 'responseelements',
    place: d.pathColumn,
  };
}

/**
 * The CTEs up to `support_rows`. From the CloudTrail table a repeated eventID counts once: the
 * copy read from the first file in path order, as the tool keeps it (our export is deduplicated
 * already).
 */
export function supportRowsCtes(d: Dialect, spec: RowsSpec): string[] {
  const columns = { ...(spec.source === 'parquet' ? parquetColumns(d) : cloudTrailColumns(d)), ...spec.extra };
  const select = Object.entries(columns).map(([name, expr]) => `${expr} AS ${name}`).join(',\n    ');
  const selected = `eventsource IN (${inList(spec.eventSources, d)})`;
  const others = spec.ruleSources;
  const where = others === null ? '' : `\n  WHERE ${others?.length ? `(${selected} OR lower(eventsource) IN (${inList(others, d)}))` : selected}`;
  const picked = spec.source === 'parquet' ? [`picked_rows AS (\n  SELECT\n    ${select}\n  FROM ${spec.from}${where}\n)`] : [
    `read_rows AS (\n  SELECT\n    ${select}\n  FROM ${spec.from}${where}\n)`,
    `numbered_rows AS (SELECT *, row_number() OVER (PARTITION BY eventid ORDER BY place) AS copy FROM read_rows)`,
    `picked_rows AS (SELECT * FROM numbered_rows WHERE eventid IS NULL OR copy = 1)`,
  ];
  const key = (c: string) => `coalesce(${d.cast(`length(${c})`, 'varchar')} || ':' || ${c}, '-')`;
  const ms = instantMs(d, 't');
  const digits = `CASE WHEN ms IS NULL THEN '~~~~~~~~~~~~~~~' ELSE lpad(${d.cast(`ms + ${EARLIEST}`, 'varchar')}, 15, '0') END`;
  return [
    ...picked,
    `timed_rows AS (SELECT *, ${ms} AS ms FROM picked_rows)`,
    `support_rows AS (\n  SELECT *,\n    coalesce(ms, ${NO_INSTANT}) AS msx,\n    ${digits} || t AS time_key,\n` +
    `    ${digits} || coalesce(eventid, '') || chr(1) || place AS order_key,\n` +
    `    ${key('calleraccount')} || '|' || ${key('identitytype')} || '|' || ${key('principal')} AS principal_key\n  FROM timed_rows\n)`,
  ];
}
