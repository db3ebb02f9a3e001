/**
 * The `cases` report as SQL: cases/case-events.ts (which calls are about which case), the facts
 * of cases/case-facts.ts, novelty (cases/novelty.ts) and the row of cases/summarize-case.ts, over
 * `support_rows` (source-rows.ts). Pure.
 *
 * Ties: the earliest and latest events of a case are chosen by instant, then eventID, then where
 * the record was read, as rows/time-order.ts orders them.
 */
import { CASE_FLAGS } from '../cases/case-row.ts';
import { SUPPORT_API_SOURCE } from '../rows/support-row.ts';
import type { Dialect } from './dialect.ts';

const CALLS = "CASE eventname WHEN 'CreateCase' THEN 'create' WHEN 'AddCommunicationToCase' THEN 'communicate' WHEN 'ResolveCase' THEN 'resolve' " +
  "WHEN 'AddAttachmentsToSet' THEN 'attach' ELSE CASE WHEN eventname LIKE 'Describe%' THEN 'read' ELSE 'other' END END";

// cases/case-facts.ts withoutMfa: root or an IAM user without MFA recorded as true.
const withoutMfa = (p: string) => `(${p}identitytype IN ('Root', 'IAMUser') AND (${p}mfa IS NULL OR NOT ${p}mfa))`;
// cases/case-facts.ts mfaNotRecorded: a temporary-credentials session without MFA recorded as true.
const mfaNotRecorded = (p: string) => `(${p}credentialclass = 'temporary-credentials' AND (${p}mfa IS NULL OR NOT ${p}mfa))`;

/** The case calls: their action, success, the cases they name and the attachment set they use. */
function caseCallsCte(d: Dialect): string {
  const caseIds = d.nonEmptyDistinct(
    d.concatArrays(d.array([d.jsonText('req', '$.caseId'), d.jsonText('resp', '$.caseId')]), d.jsonStrings('req', '$.caseIdList')),
  );
  // AddAttachmentsToSet returns a new set id, or appends to the set named in the request.
  const set = `nullif(CASE WHEN eventname = 'AddAttachmentsToSet' THEN coalesce(${d.jsonText('resp', '$.attachmentSetId')}, ${
    d.jsonText('req', '$.attachmentSetId')
  }) ELSE ${d.jsonText('req', '$.attachmentSetId')} END, '')`;
  const request = ['severityCode', 'serviceCode', 'categoryCode', 'issueType', 'language'].map((f) =>
    `${d.jsonText('req', `$.${f}`)} AS req_${f.toLowerCase()}`
  );
  return `case_calls AS (\n  SELECT *, ${CALLS} AS action, errorcode IS NULL AS ok, ${caseIds} AS case_ids, ${set} AS set_id,\n    ${request.join(', ')}\n` +
    `  FROM support_rows WHERE eventsource = ${d.str(SUPPORT_API_SOURCE)} AND category = 'case-management'\n)`;
}

/** The ranked event of each case: the first or last (by `order`) of those that pass `where`. */
const pick = (name: string, where: string, order: 'ASC' | 'DESC') =>
  `${name} AS (SELECT * FROM (SELECT e.*, row_number() OVER (PARTITION BY case_id ORDER BY order_key ${order}) AS pick FROM case_events e` +
  `${where ? ` WHERE ${where}` : ''}) AS ranked WHERE pick = 1)`;

/** New source IPs (or user agents) of the case's principals (cases/novelty.ts), as `; `-joined items. */
function noveltyCtes(d: Dialect, name: string, column: string, joiner: string): string[] {
  return [
    `${name}_seen AS (SELECT principal_key, ${column} AS v, min(msx) AS at FROM support_rows GROUP BY principal_key, ${column})`,
    `${name}_uses AS (SELECT case_id, principal_key, principal, ${column} AS v, min(msx) AS at FROM case_events GROUP BY case_id, principal_key, principal, ${column})`,
    `${name}_new AS (\n  SELECT u.case_id, ${d.sortedJoin(`u.principal || ${d.str(joiner)} || coalesce(u.v, '(none)')`, '; ')} AS items\n` +
    `  FROM ${name}_uses u JOIN principal_first h ON h.principal_key = u.principal_key\n` +
    `  JOIN ${name}_seen s ON s.principal_key = u.principal_key AND (s.v = u.v OR (s.v IS NULL AND u.v IS NULL))\n` +
    `  WHERE h.at < u.at AND NOT (s.at < u.at)\n  GROUP BY u.case_id\n)`,
  ];
}

const ok = (action: string) => `ok AND action = '${action}'`;

function factsCte(d: Dialect): string {
  const account = `nullif(coalesce(calleraccount, account), '')`;
  return `case_facts AS (\n  SELECT case_id,\n` +
    `    count(CASE WHEN ${ok('communicate')} THEN 1 END) AS communications,\n` +
    `    ${d.sortedJoin(`CASE WHEN ${ok('communicate')} THEN nullif(principal, '') END`, ' ')} AS communicated_by,\n` +
    `    max(CASE WHEN ${ok('communicate')} THEN msx END) AS last_communication_at,\n` +
    `    max(CASE WHEN ${ok('resolve')} AND identitytype = 'Root' THEN 1 ELSE 0 END) AS resolved_by_root,\n` +
    `    max(CASE WHEN ${ok('resolve')} AND ${withoutMfa('')} THEN 1 ELSE 0 END) AS resolved_without_mfa,\n` +
    `    max(CASE WHEN ${ok('resolve')} AND ${mfaNotRecorded('')} THEN 1 ELSE 0 END) AS resolved_mfa_not_recorded,\n` +
    `    max(CASE WHEN ok AND action IN ('communicate', 'attach') AND identitytype = 'Root' THEN 1 ELSE 0 END) AS answered_by_root,\n` +
    `    max(CASE WHEN ${ok('read')} AND identitytype = 'Root' THEN 1 ELSE 0 END) AS read_by_root,\n` +
    `    count(CASE WHEN ${ok('attach')} THEN 1 END) AS attachments,\n` +
    `    count(CASE WHEN ${ok('read')} THEN 1 END) AS reads,\n` +
    `    count(DISTINCT principal_key) AS principals,\n` +
    `    ${d.sortedJoin(`nullif(principal, '')`, ' ')} AS touched_by,\n` +
    `    ${d.sortedJoin(account, ' ')} AS accounts,\n    count(DISTINCT ${account}) AS account_count,\n` +
    `    ${d.sortedJoin(`nullif(region, '')`, ' ')} AS regions,\n` +
    `    count(errorcode) AS errors,\n    ${d.sortedJoin(`nullif(errorcode, '')`, ' ')} AS error_codes\n` +
    `  FROM case_events GROUP BY case_id\n)`;
}

/** cases/case-row.ts formatDuration of whole milliseconds: `1d 2h 5m 0.5s`, leading zero units left out. */
export function durationText(d: Dialect, ms: string): string {
  const text = (n: string) => d.cast(n, 'varchar');
  const [days, hours, minutes] = [d.intDiv(ms, '86400000'), `${d.intDiv(ms, '3600000')} % 24`, `${d.intDiv(ms, '60000')} % 60`];
  const fraction = `${ms} % 1000`;
  const seconds = `${text(d.intDiv(`${ms} % 60000`, '1000'))} || CASE WHEN ${fraction} > 0 THEN '.' || rtrim(lpad(${
    text(fraction)
  }, 3, '0'), '0') ELSE '' END || 's'`;
  return `CASE WHEN ${days} > 0 THEN ${text(days)} || 'd ' || ${text(hours)} || 'h ' || ${text(minutes)} || 'm ' || ${seconds} ` +
    `WHEN ${hours} > 0 THEN ${text(hours)} || 'h ' || ${text(minutes)} || 'm ' || ${seconds} ` +
    `WHEN ${minutes} > 0 THEN ${text(minutes)} || 'm ' || ${seconds} ELSE ${seconds} END`;
}

function rowSelect(d: Dialect): string {
  const resolveMs = `CASE WHEN o.ms IS NOT NULL AND r.ms IS NOT NULL AND r.ms >= o.ms THEN r.ms - o.ms END`;
  const flagged: Record<(typeof CASE_FLAGS)[number], string> = {
    'opened-by-root': "o.identitytype = 'Root'",
    'answered-by-root': 'f.answered_by_root = 1',
    'read-by-root': 'f.read_by_root = 1',
    'resolved-by-root': 'f.resolved_by_root = 1',
    'without-mfa': `(o.case_id IS NOT NULL AND ${withoutMfa('o.')}) OR f.resolved_without_mfa = 1`,
    'mfa-not-recorded': `(o.case_id IS NOT NULL AND ${mfaNotRecorded('o.')}) OR f.resolved_mfa_not_recorded = 1`,
    'new-source-ip': 'ip.items IS NOT NULL',
    'new-user-agent': 'ua.items IS NOT NULL',
    'multi-account': 'f.account_count > 1',
    errors: 'f.errors > 0',
  };
  // A list, in CASE_FLAGS order, as the report's JSON array (Parquet LIST<VARCHAR>).
  const flags = d.nonNull(d.array(CASE_FLAGS.map((flag) => `CASE WHEN ${flagged[flag]} THEN ${d.str(flag)} END`)));
  const columns: [string, string, 'varchar' | 'boolean' | 'integer' | 'double' | 'varchar[]'][] = [
    ['caseId', 'f.case_id', 'varchar'],
    ['account', `coalesce(o.account, ${d.regexpGroup('f.case_id', '^case-([0-9]{12})-')}, first_call.account)`, 'varchar'],
    ['createdInWindow', 'o.case_id IS NOT NULL', 'boolean'],
    [
      'status',
      `CASE WHEN r.case_id IS NOT NULL THEN CASE WHEN f.last_communication_at > r.msx THEN 'reopened' ELSE 'resolved' END ` +
      `WHEN o.case_id IS NOT NULL OR f.communications > 0 THEN 'open' ELSE 'unknown' END`,
      'varchar',
    ],
    ['openedAt', 'o.t', 'varchar'],
    ['openedBy', 'o.principal', 'varchar'],
    ['openedByType', 'o.identitytype', 'varchar'],
    ['openedByMfa', 'o.mfa', 'boolean'],
    ['openedFromIP', 'o.sourceipaddress', 'varchar'],
    ['openedUserAgent', 'o.useragent', 'varchar'],
    ['severityCode', 'o.req_severitycode', 'varchar'],
    ['serviceCode', 'o.req_servicecode', 'varchar'],
    ['categoryCode', 'o.req_categorycode', 'varchar'],
    ['issueType', 'o.req_issuetype', 'varchar'],
    ['language', 'o.req_language', 'varchar'],
    ['communications', 'f.communications', 'integer'],
    ['communicatedBy', 'f.communicated_by', 'varchar'],
    ['attachments', 'f.attachments', 'integer'],
    ['reads', 'f.reads', 'integer'],
    ['principals', 'f.principals', 'integer'],
    ['touchedBy', 'f.touched_by', 'varchar'],
    ['accounts', 'f.accounts', 'varchar'],
    ['regions', 'f.regions', 'varchar'],
    ['firstSeen', 'first_call.t', 'varchar'],
    ['lastSeen', 'last_call.t', 'varchar'],
    ['resolvedAt', 'r.t', 'varchar'],
    ['resolvedBy', 'r.principal', 'varchar'],
    ['resolvedByType', 'r.identitytype', 'varchar'],
    ['timeToResolve', `CASE WHEN ${resolveMs} IS NOT NULL THEN ${durationText(d, `(${resolveMs})`)} END`, 'varchar'],
    ['secondsToResolve', `${d.cast(resolveMs, 'double')} / 1000`, 'double'],
    ['errors', 'f.errors', 'integer'],
    ['errorCodes', 'f.error_codes', 'varchar'],
    ['newSourceIPs', "coalesce(ip.items, '')", 'varchar'],
    ['newUserAgents', "coalesce(ua.items, '')", 'varchar'],
    ['flags', flags, 'varchar[]'],
  ];
  const joins = ['opened o', 'resolved r', 'first_call', 'last_call', 'ip_new ip', 'ua_new ua'].map((t) => {
    const alias = t.split(' ').at(-1);
    return `LEFT JOIN ${t} ON ${alias}.case_id = f.case_id`;
  });
  return `SELECT\n    ${columns.map(([name, sql, type]) => `${d.cast(sql, type)} AS ${d.id(name)}`).join(',\n    ')}\n` +
    `FROM case_facts f\n${joins.join('\n')}\n` +
    `ORDER BY first_call.msx ASC NULLS FIRST, f.case_id ASC NULLS FIRST`;
}

/**
 * The CTEs after support_rows and the final SELECT of `cases`. A call that names only an
 * attachment set (AddAttachmentsToSet) belongs to every case whose calls use that set.
 */
export function casesSelect(d: Dialect): { ctes: string[]; select: string } {
  return {
    ctes: [
      caseCallsCte(d),
      `direct_events AS (SELECT c.*, case_id FROM case_calls c ${d.unnest('c.case_ids', 'case_id')})`,
      `set_cases AS (SELECT DISTINCT set_id AS linked_set, case_id AS linked_case FROM direct_events WHERE set_id IS NOT NULL)`,
      `set_events AS (SELECT c.*, s.linked_case AS case_id FROM case_calls c JOIN set_cases s ON s.linked_set = c.set_id WHERE ${
        d.cardinality('c.case_ids')
      } = 0)`,
      `case_events AS (SELECT * FROM direct_events UNION ALL SELECT * FROM set_events)`,
      pick('opened', ok('create'), 'ASC'),
      pick('resolved', ok('resolve'), 'DESC'),
      pick('first_call', '', 'ASC'),
      pick('last_call', '', 'DESC'),
      `principal_first AS (SELECT principal_key, min(msx) AS at FROM support_rows GROUP BY principal_key)`,
      ...noveltyCtes(d, 'ip', 'sourceipaddress', ' from '),
      ...noveltyCtes(d, 'ua', 'useragent', ': '),
      factsCte(d),
    ],
    select: rowSelect(d),
  };
}
