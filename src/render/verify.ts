/**
 * Renders a `verify` result as a terminal table, Markdown or JSON. Pure. Findings are printed
 * whole (one line each), never cut to a table column: each names the file it is about.
 */
import type { VerifyResult } from '../integrity/types.ts';
import { escapeControls } from './cells.ts';
import { toJsonDocument } from './json.ts';
import { markdownCell, toMarkdownTable } from './markdown.ts';
import { toTextTable } from './text-table.ts';

export type VerifyFormat = 'table' | 'json' | 'md';

const CHAIN_COLUMNS = ['account', 'region', 'trail', 'homeRegion', 'backfill', 'digests', 'from', 'to', 'restarts', 'missingDigests', 'signaturesVerified'];
const COVERAGE_COLUMNS = ['account', 'region', 'logHours', 'digestHours', 'logHoursWithoutDigest', 'holes'];

/** The verdict (FAILED, NOT VERIFIED, VERIFIED WITH WARNINGS, VERIFIED) and what it rests on, with the counts of errors and warnings. */
export function verdictLine(r: VerifyResult, acceptedUnsigned = false): string {
  const accepted = acceptedUnsigned && r.verdict === 'NOT VERIFIED' ? ' (accepted with --no-signatures)' : '';
  return `integrity: ${r.verdict}${accepted}: ${r.summary} (${r.errors} errors, ${r.warnings} warnings)`;
}

/** The counts as lines. */
export function countLines(r: VerifyResult): string[] {
  const { files: f, digests: d, logs: l } = r;
  return [
    `files: ${f.seen} seen = ${f.digests} digests + ${f.logs} log files + ${f.ignored} ignored + ${f.failed} unreadable paths`,
    `digests: ${d.seen} read (${d.unreadable} unusable); signatures: ${d.signaturesVerified} verified, ${d.signaturesFailed} failed, ${d.signaturesUnchecked} not checked`,
    `log files: ${l.listed} listed = ${l.verified} verified + ${l.modified} modified + ${l.missing} missing + ${l.unreadable} unreadable; not listed: ${l.unlisted} unlisted + ${
      l['not-covered']
    } not covered`,
  ];
}

const coverageCells = (r: VerifyResult) =>
  r.coverage.map((c) => ({ ...c, holes: c.holes.map((h) => `${h.from}..${h.to} (${h.logFiles} log files)`).join('; ') }));

/** Renders the result in one format, for stdout; `acceptedUnsigned`: --no-signatures was given (the verdict says so). */
export function renderVerify(r: VerifyResult, format: VerifyFormat, acceptedUnsigned = false): string {
  if (format === 'json') return toJsonDocument(acceptedUnsigned ? { ...r, acceptedUnsigned } : r);
  if (format === 'md') return renderMarkdown(r, acceptedUnsigned);
  const advice = acceptedUnsigned ? [] : r.advice;
  const parts = [verdictLine(r, acceptedUnsigned), ...countLines(r), ...(advice.length ? ['', ...advice] : []), ''];
  parts.push(`Chains (${r.chains.length})`, toTextTable(r.chains as unknown as Record<string, unknown>[], CHAIN_COLUMNS));
  parts.push(`Coverage (${r.coverage.length})`, toTextTable(coverageCells(r), COVERAGE_COLUMNS.slice(0, -1)));
  for (const c of r.coverage) for (const h of c.holes) parts.push(`  hole ${c.account}/${c.region}: ${h.from} .. ${h.to}, ${h.logFiles} log files`);
  parts.push(`Findings (${r.findings.length})`);
  if (r.findings.length === 0) parts.push('  (none)');
  for (const f of r.findings) parts.push(`  ${f.severity.toUpperCase().padEnd(7)} ${f.kind.padEnd(22)} ${escapeControls(f.message)}`);
  parts.push('', 'Not checked');
  for (const n of r.notChecked) parts.push(`  - ${n}`);
  return parts.join('\n') + '\n';
}

function renderMarkdown(r: VerifyResult, acceptedUnsigned: boolean): string {
  const findings = r.findings.map((f) => ({ severity: f.severity, kind: f.kind, message: f.message }));
  const advice = acceptedUnsigned || r.advice.length === 0 ? [] : [`\`\`\`\n${r.advice.join('\n').replaceAll('`', "'")}\n\`\`\`\n`];
  return [
    '# CloudTrail integrity verification\n',
    `**${markdownCell(verdictLine(r, acceptedUnsigned))}**\n`,
    ...advice,
    countLines(r).map((l) => `- ${markdownCell(l)}`).join('\n') + '\n',
    `## Chains (${r.chains.length})\n\n${toMarkdownTable(r.chains as unknown as Record<string, unknown>[], CHAIN_COLUMNS)}`,
    `## Coverage (${r.coverage.length})\n\n${toMarkdownTable(coverageCells(r), COVERAGE_COLUMNS)}`,
    `## Findings (${r.findings.length})\n\n${toMarkdownTable(findings, ['severity', 'kind', 'message'])}`,
    `## Not checked\n\n${r.notChecked.map((n) => `- ${markdownCell(n)}`).join('\n')}\n`,
  ].join('\n');
}
