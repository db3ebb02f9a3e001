/**
 * The `findings` report as SQL, for the detection rules that one record decides: each rule's
 * detection translated (sigma-sql.ts) into a condition on the rows, the matching rows grouped
 * per rule, principal and account as findings/fold.ts groups them, and the row of
 * findings/finish.ts (cases, eventIDs, first and last time, count, fingerprint, files), in its
 * order. The stateful checks (findings/stateful.ts) read many events and the case state: they
 * are named in the query's comment as not expressible. Pure.
 */
import { FINDING_LEVELS } from '../findings/finding.ts';
import { compileRule, sourcesOfRules } from '../findings/sigma-compile.ts';
import type { SigmaRule } from '../findings/sigma-rule.ts';
import { STATEFUL_RULES } from '../findings/stateful-rules.ts';
import type { Dialect, SqlType } from './dialect.ts';
import { fieldsOf } from './rule-fields.ts';
import { type RuleSql, ruleSql } from './sigma-sql.ts';
import { type RowsSpec, type SqlSource, supportRowsCtes } from './source-rows.ts';

/** The rules split into those with a SQL condition over the source and those refused. */
export interface FindingsPlan {
  readonly source: SqlSource;
  readonly translated: readonly { readonly rule: SigmaRule; readonly where: string }[];
  readonly refused: readonly { readonly rule: SigmaRule; readonly refused: string }[];
}

/** Translates every rule for an engine and a source. */
export function planFindings(rules: readonly SigmaRule[], d: Dialect, source: SqlSource): FindingsPlan {
  const fieldOf = fieldsOf(d, source);
  const all: RuleSql[] = rules.map((rule) => ruleSql(rule, d, fieldOf));
  return {
    source,
    translated: all.filter((r): r is Extract<RuleSql, { where: string }> => 'where' in r),
    refused: all.filter((r): r is Extract<RuleSql, { refused: string }> => 'refused' in r),
  };
}

/** The comment before the query: what it covers, each rule it leaves out and why. */
export function findingsNotes(plan: FindingsPlan): string {
  const total = plan.translated.length + plan.refused.length;
  // A line break in a title (a YAML block scalar) would end the comment inside the SQL.
  const flat = (text: string) => text.replace(/\s+/g, ' ');
  return [
    `findings: ${plan.translated.length} of ${total} detection rules as SQL over the ${plan.source} source (rules that one record decides)`,
    ...plan.refused.map((r) => flat(`not expressed: ${r.rule.title} (${r.rule.file}): ${r.refused}`)),
    'not expressible: the stateful checks, code that reads many events and the case state, not one record:',
    ...Object.values(STATEFUL_RULES).map((r) => `  ${flat(r.title)} (${r.id})`),
  ].map((text) => `-- ${text}`).join('\n') + '\n';
}

const SHORT_ESCAPES: Readonly<Record<number, string>> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };

/** The text inside JSON.stringify's quotes for a text: backslash, quote and U+0000-U+001F escaped as JavaScript does. */
export function jsonEscaped(d: Dialect, text: string): string {
  let out = `replace(replace(${text}, ${d.str('\\')}, ${d.str('\\\\')}), ${d.str('"')}, ${d.str('\\"')})`;
  for (let n = 0; n < 32; n++) out = `replace(${out}, chr(${n}), ${d.str(SHORT_ESCAPES[n] ?? `\\u${n.toString(16).padStart(4, '0')}`)})`;
  return out;
}

const jsonQuoted = (d: Dialect, text: string) => `CASE WHEN ${text} IS NULL THEN 'null' ELSE '"' || ${jsonEscaped(d, text)} || '"' END`;

/**
 * finish.ts fingerprintOf: sha256 of JSON.stringify([ruleId, principalKey, account, '']) where
 * principalKey is rows/identity.ts principalKeyOf, JSON.stringify([callerAccount, identityType, principal]).
 */
function fingerprint(d: Dialect): string {
  const key = `'[' || ${jsonQuoted(d, 'calleraccount')} || ',' || ${jsonQuoted(d, 'identitytype')} || ',' || ${jsonQuoted(d, 'principal')} || ']'`;
  // The key's own JSON holds only quotes and backslashes to escape again.
  const keyText = `replace(replace(${key}, ${d.str('\\')}, ${d.str('\\\\')}), ${d.str('"')}, ${d.str('\\"')})`;
  const basis = `rule_head || '"' || ${keyText} || '","' || ${jsonEscaped(d, 'finding_account')} || '",""]'`;
  return `substr(${d.sha256Hex(basis)}, 1, 32)`;
}

/** The columns a finding needs beyond the rows': each rule's match, the file, the event's name, its cases (rows/support-row.ts caseIdOf). */
function findingColumns(d: Dialect, plan: FindingsPlan): Record<string, string> {
  const parquet = plan.source === 'parquet';
  const file = parquet ? d.id('file') : d.pathColumn;
  // fold.ts names an event without eventID by where it was read; the table knows the file only.
  const place = parquet
    ? `${file} || CASE WHEN ${d.id('archivepath')} IS NULL THEN '' ELSE '!/' || ${d.id('archivepath')} END || '#' || ${d.cast(d.id('index'), 'varchar')}`
    : `${file} || '#?'`;
  const [req, resp] = parquet
    ? [[d.id('raw'), '$.requestParameters'], [d.id('raw'), '$.responseElements']]
    : [['requestparameters', '$'], ['responseelements', '$']];
  const direct = `coalesce(${d.jsonScalar(req[0], `${req[1]}.caseId`)}, ${d.jsonScalar(resp[0], `${resp[1]}.caseId`)})`;
  const ids = `CASE WHEN ${direct} <> '' THEN ${direct} ELSE ${d.arrayJoin(d.jsonStrings(req[0], `${req[1]}.caseIdList`), ',')} END`;
  return {
    ...Object.fromEntries(plan.translated.map((r, i) => [`rule_match_${i}`, r.where])),
    finding_file: file,
    finding_event: `coalesce(${d.id('eventid')}, ${place})`,
    finding_cases: d.nonEmptyDistinct(d.split(`coalesce(${ids}, '')`, ',')),
  };
}

/** One rule's matching rows, with the rule's own facts as literals. */
function matchesOf(d: Dialect, rule: Pick<SigmaRule, 'id' | 'title' | 'level'>, where: string): string {
  const facts = [
    `${d.str(rule.id)} AS rule_id`,
    `${d.str(`[${JSON.stringify(rule.id)},`)} AS rule_head`,
    `${d.str(rule.title)} AS rule_title`,
    `${d.str(rule.level)} AS rule_level`,
    `${FINDING_LEVELS.indexOf(rule.level)} AS level_rank`,
  ];
  const keep = ['calleraccount', 'identitytype', 'principal', "coalesce(account, '') AS finding_account", "coalesce(time_key, '~~~~~~~~~~~~~~~') AS time_key"];
  return `  SELECT ${[...facts, ...keep, 'finding_event', 'finding_file', 'finding_cases'].join(', ')}\n  FROM support_rows WHERE ${where}`;
}

function findingsSelect(d: Dialect): string {
  const keys = 'rule_id, rule_head, rule_title, rule_level, level_rank, calleraccount, identitytype, principal, finding_account';
  const groups = `finding_groups AS (\n  SELECT ${keys},\n    ${d.sortedFlat('finding_cases')} AS case_ids, ${d.sortedList('finding_event')} AS event_ids,\n` +
    `    count(DISTINCT finding_event) AS events, substr(min(time_key), 16) AS first_seen, substr(max(time_key), 16) AS last_seen,\n` +
    `    ${d.sortedList('finding_file')} AS files\n  FROM rule_matches GROUP BY ${keys}\n)`;
  const rows = `finding_rows AS (SELECT *, ${fingerprint(d)} AS fingerprint FROM finding_groups)`;
  const columns: [string, string, SqlType][] = [
    ['ruleId', 'rule_id', 'varchar'],
    ['title', 'rule_title', 'varchar'],
    ['level', 'rule_level', 'varchar'],
    ['principal', 'principal', 'varchar'],
    ['account', 'finding_account', 'varchar'],
    ['caseIds', 'case_ids', 'varchar[]'],
    ['eventIDs', 'event_ids', 'varchar[]'],
    ['firstSeen', 'first_seen', 'varchar'],
    ['lastSeen', 'last_seen', 'varchar'],
    ['count', 'events', 'integer'],
    ['fingerprint', 'fingerprint', 'varchar'],
    ['files', 'files', 'varchar[]'],
  ];
  // finish.ts compareFindings: level (critical first), title, principal, account, fingerprint.
  return `${groups},\n${rows}\nSELECT\n    ${columns.map(([name, sql, type]) => `${d.cast(sql, type)} AS ${d.id(name)}`).join(',\n    ')}\n` +
    `FROM finding_rows\nORDER BY level_rank DESC, rule_title ASC, principal ASC, finding_account ASC, fingerprint ASC`;
}

/** The event sources the translated rules need beyond the selected ones (null: every record). */
function ruleSourcesOf(plan: FindingsPlan, selected: readonly string[]): string[] | null {
  const needed = sourcesOfRules(plan.translated.map((r) => compileRule(r.rule)));
  return needed === null ? null : [...needed].filter((s) => !selected.includes(s)).sort();
}

/** The query (after its comment) over the rows of `rows` (source, from, selected event sources). */
export function findingsQuery(d: Dialect, plan: FindingsPlan, rows: Omit<RowsSpec, 'source' | 'ruleSources' | 'extra'>): string {
  const spec: RowsSpec = { ...rows, source: plan.source, ruleSources: ruleSourcesOf(plan, rows.eventSources), extra: findingColumns(d, plan) };
  const matches = plan.translated.length === 0
    ? [matchesOf(d, { id: '', title: '', level: 'informational' }, '1 = 0')]
    : plan.translated.map((r, i) => matchesOf(d, r.rule, `rule_match_${i}`));
  const ctes = [...supportRowsCtes(d, spec), `rule_matches AS (\n${matches.join('\n  UNION ALL\n')}\n)`];
  return `WITH\n${ctes.join(',\n')},\n${findingsSelect(d)}\n`;
}
