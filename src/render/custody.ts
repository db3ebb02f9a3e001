/**
 * Renders a `verify --manifest` result (the chain of custody) as a table, Markdown or JSON. Pure.
 */
import type { CustodyResult } from '../integrity/custody.ts';
import { escapeControls } from './cells.ts';
import { toJsonDocument } from './json.ts';
import { markdownCell, toMarkdownTable } from './markdown.ts';
import type { VerifyFormat } from './verify.ts';

/** The verdict line: UNCHANGED or CHANGED, against which run. */
export function custodyLine(r: CustodyResult): string {
  const m = r.manifest;
  return `custody: ${r.verdict} since the ${m.command} run of ${m.startedAt} (${m.tool}; manifest ${m.path}) (${r.errors} errors, ${r.warnings} warnings)`;
}

/** The counts as one line. */
export function custodyCounts(r: CustodyResult): string {
  const f = r.files;
  return `files: ${f.inManifest} in the manifest: ${f.unchanged} unchanged, ${f.changed} changed, ${f.missing} missing, ${f.unhashed} not hashed by the run, ${f.unreadable} unreadable; ${f.new} new`;
}

/** Renders the result in one format, for stdout. */
export function renderCustody(r: CustodyResult, format: VerifyFormat): string {
  if (format === 'json') return toJsonDocument(r);
  if (format === 'md') {
    const rows = r.findings.map((f) => ({ severity: f.severity, kind: f.kind, message: f.message }));
    return [
      '# Chain of custody\n',
      `**${markdownCell(custodyLine(r))}**\n`,
      `- ${markdownCell(custodyCounts(r))}\n`,
      `## Findings (${r.findings.length})\n\n${toMarkdownTable(rows, ['severity', 'kind', 'message'])}`,
    ].join('\n');
  }
  const lines = [escapeControls(custodyLine(r)), custodyCounts(r), '', `Findings (${r.findings.length})`];
  if (r.findings.length === 0) lines.push('  (none)');
  for (const f of r.findings) lines.push(`  ${f.severity.toUpperCase().padEnd(7)} ${f.kind.padEnd(16)} ${escapeControls(f.message)}`);
  return lines.join('\n') + '\n';
}
