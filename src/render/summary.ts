/**
 * `report --format md --summary`: a short Markdown summary for a CI job's page (GitHub Actions'
 * `$GITHUB_STEP_SUMMARY`, whose limit is 1 MiB per step): the verdict, the top findings, the
 * accounting. Its size is bounded whatever the archive: at most SUMMARY_FINDINGS findings and
 * SHOWN_FAILED_FILES failed files are listed, each value is cut to SUMMARY_CELL characters (a failed
 * file's line to three times that) before it is escaped (an escape is at most 6 bytes per character), so the whole stays under SUMMARY_MAX_BYTES
 * (256 KiB, a quarter of the limit); a last check cuts it at a line and says so, should it not. Pure.
 */
import type { RuleFinding } from '../findings/finding.ts';
import type { ReportDocument } from '../reports/document.ts';
import { accountingLine, failedFileLines, filesLine } from './accounting.ts';
import { markdownCell } from './markdown.ts';
import { counted } from '../words.ts';

/** Findings listed in the summary, highest level first; the JSON and SARIF outputs have all of them. */
export const SUMMARY_FINDINGS = 50;
/** Characters of one value kept in the summary (before escaping). */
export const SUMMARY_CELL = 100;
/** The summary's size bound in bytes (GitHub's step summary limit is 1 MiB). */
export const SUMMARY_MAX_BYTES = 256 * 1024;

const LEVEL_ORDER = ['critical', 'high', 'medium', 'low', 'informational'];

/** A value cut to SUMMARY_CELL characters (code points), then escaped for a Markdown table. */
function cell(value: unknown, max = SUMMARY_CELL): string {
  const text = Array.isArray(value) ? value.join(' ') : value === null || value === undefined ? '' : String(value);
  const points = [...text];
  return markdownCell(points.length > max ? `${points.slice(0, max - 1).join('')}…` : text);
}

/** What is wrong with the run itself, by kind, with how many (kinds with none are left out). */
export function problemsOf(doc: Pick<ReportDocument, 'failedFiles' | 'records' | 'ledger'>): [string, number][] {
  let warnings = 0;
  for (const line of doc.ledger) if (line.warning) warnings++;
  const problems: [string, number][] = [
    ['failed files', doc.failedFiles.length],
    ['rejected records', doc.records.rejected],
    ['duplicates', doc.records.duplicates],
    ['warnings', warnings],
    ['empty run (no record read)', doc.records.seen === 0 ? 1 : 0],
  ];
  return problems.filter(([, n]) => n > 0);
}

/** Findings by level, highest first (`2 high, 1 medium`), or `none`. */
function levelCounts(findings: readonly RuleFinding[]): string {
  const counts = LEVEL_ORDER.map((level) => [level, findings.filter((f) => f.level === level).length] as const).filter(([, n]) => n > 0);
  return counts.length === 0 ? 'none' : counts.map(([level, n]) => `${n} ${level}`).join(', ');
}

/** Findings highest level first, then most events, then rule id (a stable order for the top N). */
const byImportance = (a: RuleFinding, b: RuleFinding) =>
  LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || b.count - a.count || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);

function findingsSection(findings: readonly RuleFinding[]): string[] {
  if (findings.length === 0) return ['## Findings (0)', '', 'No finding.'];
  const top = [...findings].sort(byImportance).slice(0, SUMMARY_FINDINGS);
  const lines = [
    `## Findings (${findings.length})`,
    '',
    '| level | title | principal | account | events | cases | rule |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...top.map((f) => `| ${[f.level, f.title, f.principal, f.account, f.count, f.caseIds, f.ruleId].map((v) => cell(v)).join(' | ')} |`),
  ];
  const more = findings.length - top.length;
  if (more > 0) lines.push('', `… and ${more} more findings: \`--format json\` (findings) has all of them.`);
  return lines;
}

/**
 * What the summary can say of the logs' integrity: `report` does not check it, so the line says
 * so, and whether the inputs hold the digests that `verify` needs (never "verified" here).
 */
export function integrityLine(digests: number): string {
  return digests > 0
    ? `**Integrity:** not checked by this run; ${counted(digests, 'digest file')} found: run \`cloudtrail-support verify\` on the same inputs.`
    : '**Integrity:** not checked: no digest file among the inputs, so the logs cannot be checked offline.';
}

/** The Markdown summary of a report document (`findings`: the document's, when the rules ran). */
export function toMarkdownSummary(doc: ReportDocument, findings: readonly RuleFinding[] = []): string {
  const problems = problemsOf(doc);
  const problemText = problems.length === 0 ? 'no problem reading the archive' : problems.map(([kind, n]) => `${n} ${kind}`).join(', ');
  const failed = failedFileLines(doc.failedFiles);
  const lines = [
    '# AWS Support audit summary',
    '',
    `**Verdict:** ${problemText}; findings: ${levelCounts(findings)}.`,
    '',
    integrityLine(doc.files.skipped.digest),
    '',
    ...findingsSection(findings),
    '',
    '## Accounting',
    '',
    // Counts only: short whatever the archive.
    `- ${markdownCell(filesLine(doc.files))}`,
    `- ${markdownCell(accountingLine(doc.records))}`,
    ...(failed
      ? [`- ${failed.head}`, ...failed.items.map((l) => `  - ${cell(l, 3 * SUMMARY_CELL)}`), ...(failed.more ? [`  - ${cell(failed.more)}`] : [])]
      : []),
  ];
  return capped(lines.join('\n') + '\n');
}

const encoder = new TextEncoder();

/** The text itself when under SUMMARY_MAX_BYTES; else cut at the last whole line that fits, and a line saying so. */
export function capped(text: string): string {
  if (encoder.encode(text).byteLength <= SUMMARY_MAX_BYTES) return text;
  const note = `\n… summary cut at ${SUMMARY_MAX_BYTES} bytes: \`--format json\` has everything.\n`;
  const lines = text.split('\n');
  let size = encoder.encode(note).byteLength;
  const kept: string[] = [];
  for (const line of lines) {
    const bytes = encoder.encode(line).byteLength + 1;
    if (size + bytes > SUMMARY_MAX_BYTES) break;
    kept.push(line);
    size += bytes;
  }
  return kept.join('\n') + note;
}
