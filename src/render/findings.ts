/**
 * The findings block of a report in each text format (terminal, Markdown, CSV), shown before the
 * reports, and the line that says what the rules ran on and what they cost. Kept apart from
 * report.ts so the report layout can change without touching it. Pure.
 */
import { FINDING_LEVELS, type IdList } from '../findings/finding.ts';
import type { ShownFinding } from '../findings/finish.ts';
import type { FindingsResult } from '../findings/run-rules.ts';
import { escapeControls } from './cells.ts';
import { toCsv } from './csv.ts';
import { markdownCell, toMarkdownTable } from './markdown.ts';
import { toTextTable } from './text-table.ts';
import { counted } from '../words.ts';

/** The columns of the findings table (CSV and Markdown; the terminal shows fewer). */
export const FINDING_COLUMNS = [
  'level',
  'title',
  'principal',
  'account',
  'count',
  'firstSeen',
  'lastSeen',
  'caseIds',
  'new',
  'ruleId',
  'fingerprint',
  'eventIDs',
] as const;
const TERMINAL_COLUMNS = ['level', 'title', 'principal', 'account', 'count', 'lastSeen', 'caseIds', 'new'] as const;

/** How many eventIDs a Markdown or terminal cell lists before saying how many more (CSV and JSON list all). */
const SHOWN_IDS = 3;

const listed = (values: IdList, limit = Infinity) =>
  values.length <= limit ? values.slice().join(' ') : `${values.slice(0, limit).join(' ')} … (+${values.length - limit})`;

/** A finding as a flat table row; lists are space-separated (`limit`: how many items a cell shows). */
export function findingRow(f: ShownFinding, limit = Infinity): Record<string, unknown> {
  return {
    level: f.level,
    title: f.title,
    principal: f.principal,
    account: f.account,
    count: f.count,
    firstSeen: f.firstSeen,
    lastSeen: f.lastSeen,
    caseIds: listed(f.caseIds, limit),
    new: f.new ?? null,
    ruleId: f.ruleId,
    fingerprint: f.fingerprint,
    eventIDs: listed(f.eventIDs, limit),
  };
}

/** `3 findings: 1 high, 2 medium` (or `no findings`), most severe first. */
export function findingsCountLine(findings: readonly ShownFinding[]): string {
  if (findings.length === 0) return 'no findings';
  const byLevel = [...FINDING_LEVELS].reverse().map((l) => [l, findings.filter((f) => f.level === l).length] as const).filter(([, n]) => n > 0);
  const fresh = findings.filter((f) => f.new === true).length;
  const baseline = findings.some((f) => f.new !== undefined) ? `; ${fresh} new against the baseline` : '';
  return `${counted(findings.length, 'finding')}: ${byLevel.map(([l, n]) => `${n} ${l}`).join(', ')}${baseline}`;
}

/**
 * What the rules ran and read: how many, the refused files, and the records parsed only for them
 * (event sources beyond the selected Support ones, or every record).
 */
export function rulesLine(r: FindingsResult): string {
  const refused = r.refused.length === 0 ? '' : `, ${counted(r.refused.length, 'rule file')} refused (see below)`;
  const { extraSources, recordsForRules } = r.scope;
  const beyond = extraSources === null
    ? `; a rule can match any record, so every record was parsed: ${recordsForRules} beyond the Support rows (counted as not Support)`
    : extraSources.length === 0
    ? ' on the selected Support records'
    : `; read for rules beyond the selected sources (${extraSources.join(', ')}): ${recordsForRules} records (counted as not Support)`;
  return `rules: ${r.rules.length} ran${refused}${beyond}`;
}

const refusedLines = (r: FindingsResult) => r.refused.map((x) => `refused rule ${x.file}: ${x.reason}`);

/** The findings block of a terminal report. */
export function findingsText(r: FindingsResult): string {
  const lines = [rulesLine(r), ...refusedLines(r)].map(escapeControls).join('\n');
  const head = `Findings (${findingsCountLine(r.findings)})`;
  if (r.findings.length === 0) return `${lines}\n${head}\n`;
  return `${lines}\n${head}\n${toTextTable(r.findings.map((f) => findingRow(f, SHOWN_IDS)), TERMINAL_COLUMNS)}`;
}

/** The findings block of a Markdown report. */
export function findingsMarkdown(r: FindingsResult): string {
  const notes = [rulesLine(r), ...refusedLines(r)].map((l) => `- ${markdownCell(l)}`).join('\n');
  const table = r.findings.length === 0 ? '' : `\n${toMarkdownTable(r.findings.map((f) => findingRow(f, SHOWN_IDS)), FINDING_COLUMNS)}`;
  return `## Findings (${findingsCountLine(r.findings)})\n\n${notes}\n${table}`;
}

/** The findings as CSV (every eventID). */
export function findingsCsv(findings: readonly ShownFinding[]): string {
  return toCsv(findings.map((f) => findingRow(f)), FINDING_COLUMNS);
}
