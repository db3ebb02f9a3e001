/**
 * The first sections of the HTML report: title and scope, the verdict, and the accounting.
 */
import { FINDING_LEVELS, type RuleFinding } from '../../findings/finding.ts';
import { accountingHolds } from '../../reports/job.ts';
import type { ReportDocument } from '../../reports/document.ts';
import { accountingLine, filesLine } from '../report.ts';
import { verdictLine } from '../verify.ts';
import { type HtmlReportContext, type ReportScope, TABLE_ROWS } from './context.ts';
import { count, html } from './escape.ts';
import { keyValues, section, tableOf } from './layout.ts';

// As arrays: the page is one text anyway, and the verdict filters and counts the rows.
const rowsOf = (doc: ReportDocument, name: Parameters<ReportDocument['reports']['get']>[0]) => Array.from(doc.reports.get(name)?.rows ?? []);
const sum = (rows: readonly Record<string, unknown>[], column: string) =>
  rows.reduce((n, r) => n + (typeof r[column] === 'number' ? (r[column] as number) : 0), 0);
const list = (values: readonly string[] | undefined) => (values?.length ? values.map((v) => `<code>${html(v)}</code>`).join(', ') : 'none');

/** The first `limit` rows as a table, and a line saying how many more there are and where to find them. */
export function boundedTable(rows: readonly Record<string, unknown>[], columns: readonly string[], more: string, limit = TABLE_ROWS): string {
  if (rows.length === 0) return '<p class="muted">None.</p>';
  const left = rows.length - limit;
  return tableOf(rows.slice(0, limit), columns) + (left > 0 ? `<p class="muted">… and ${count(left)} more: ${more}</p>` : '');
}

/** Title and scope: what was read, the window and filters, which sources, when, by which version. */
export function scopeSection(scope: ReportScope): string {
  const window = scope.since || scope.until
    ? `from ${scope.since ? html(scope.since) : 'the first event'} (inclusive) to ${scope.until ? html(scope.until) : 'the last event'} (exclusive)`
    : 'the whole archive (no --since or --until)';
  const filters = Object.entries(scope.filters).filter(([, v]) => v?.length);
  return `<header>
<h1>AWS Support activity: evidence report</h1>
<p class="muted">Read offline from CloudTrail logs by ${html(scope.tool.name)} ${
    html(scope.tool.version)
  }. Every value below comes from the logs as recorded.</p>
${
    keyValues([
      ['inputs', list(scope.inputs)],
      ['window (UTC)', window],
      ['filters', filters.length ? filters.map(([k, v]) => `${html(k)}: ${list(v)}`).join('; ') : 'none'],
      ['sources', scope.sources === 'all' ? 'every AWS Support source (--sources all, the default)' : 'support.amazonaws.com only (--sources api)'],
      ['written at (UTC)', html(scope.generatedAt)],
      ['tool', `${html(scope.tool.name)} ${html(scope.tool.version)} on ${html(scope.runtime.name)} ${html(scope.runtime.version)}`],
    ])
  }
</header>`;
}

/** Facts the verdict states, from the report tables. */
function facts(doc: ReportDocument) {
  const cases = rowsOf(doc, 'cases');
  const byStatus = new Map<string, number>();
  for (const c of cases) byStatus.set(String(c.status), (byStatus.get(String(c.status)) ?? 0) + 1);
  const denied = rowsOf(doc, 'denied');
  const principals = rowsOf(doc, 'principals');
  const root = principals.filter((p) => p.identityType === 'Root');
  return {
    cases,
    statuses: [...byStatus].sort(([a], [b]) => (a < b ? -1 : 1)).map(([s, n]) => `${count(n)} ${html(s)}`).join(', '),
    flagged: cases.filter((c) => c.flags),
    deniedCalls: sum(denied.filter((d) => d.denied), 'count'),
    otherFailed: sum(denied.filter((d) => !d.denied), 'count'),
    failingPrincipals: new Set(denied.map((d) => `${d.callerAccount} ${d.identityType} ${d.principal}`)).size,
    principals: principals.length,
    rootCalls: sum(root, 'count'),
    accounts: new Set(rowsOf(doc, 'accounts').map((a) => a.account)).size,
  };
}

const levelRank = (f: RuleFinding) => FINDING_LEVELS.indexOf(f.level);

/** The verdict: findings when a findings engine ran, else the case flags and denied calls; and what was not checked. */
export function verdictSection(doc: ReportDocument, context: HtmlReportContext): string {
  const f = facts(doc);
  const r = doc.records;
  const gaps = doc.files.failed + r.rejected;
  const findings = context.findings;
  const items = [
    `${count(r.support)} Support events by ${count(f.principals)} principals in ${count(f.accounts)} accounts.`,
    `${count(f.cases.length)} support cases${f.cases.length ? ` (${f.statuses})` : ''}; ${count(f.flagged.length)} flagged.`,
    f.rootCalls > 0 ? `<span class="warn">${count(f.rootCalls)} calls made with root credentials.</span>` : 'No call made with root credentials.',
    f.deniedCalls + f.otherFailed > 0
      ? `<span class="warn">${count(f.deniedCalls)} denied calls and ${count(f.otherFailed)} other failed calls, by ${
        count(f.failingPrincipals)
      } principals.</span>`
      : 'No denied or failed call.',
    gaps > 0
      ? `<span class="warn">Evidence gaps: ${count(doc.files.failed)} files could not be read and ${
        count(r.rejected)
      } records were rejected (see Accounting).</span>`
      : 'Every file was read and every Support record kept (see Accounting).',
    findings
      ? `${count(findings.length)} rule findings${
        findings.length
          ? ` (${
            FINDING_LEVELS.map((l) => [l, findings.filter((x) => x.level === l).length] as const).filter(([, n]) =>
              n
            ).map(([l, n]) => `${count(n)} ${l}`).join(', ')
          })`
          : ''
      }.`
      : 'Detection rules: none ran for this report, so there are no rule findings; the case flags and denied calls below are what was checked.',
    context.verify
      ? `Integrity: ${html(verdictLine(context.verify).replace(/^integrity: /, ''))} (see Integrity).`
      : '<span class="warn">Integrity: not checked.</span> Nothing here shows the logs are unaltered (run <code>cloudtrail-support verify</code>).',
  ];
  const sorted = [...(findings ?? [])].sort((a, b) => levelRank(b) - levelRank(a) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  const findingRows = sorted.map((x) => ({ ...x, caseIds: x.caseIds.join(' '), new: x.new === undefined ? '' : x.new ? 'new' : '' }));
  return section(
    'verdict',
    'Verdict',
    `<div class="verdict"><ul>${items.map((i) => `<li>${i}</li>`).join('\n')}</ul></div>
${
      findings
        ? `<h3>Rule findings</h3>${
          boundedTable(
            findingRows,
            ['level', 'title', 'principal', 'account', 'caseIds', 'count', 'firstSeen', 'lastSeen', 'new'],
            'every finding: --format json',
          )
        }`
        : ''
    }
<h3>Flagged cases</h3>
${boundedTable(f.flagged, ['caseId', 'account', 'status', 'openedBy', 'openedByType', 'resolvedBy', 'flags'], 'every case: cloudtrail-support cases')}`,
  );
}

/** The accounting identity, the files that failed by name, and rejects by stage. */
export function accountingSection(doc: ReportDocument): string {
  const holds = accountingHolds(doc.records);
  const stages = Object.entries(doc.rejects).map(([stage, n]) => ({ stage, lines: n }));
  const failed = doc.failedFiles.map((f) => ({ path: f.path, entry: f.archivePath ?? '', stage: f.stage, reason: f.reason }));
  return section(
    'accounting',
    'Accounting: nothing is lost',
    `<p>Every record read ends in exactly one place, and every file seen is read, failed or skipped:</p>
<pre>${html(filesLine(doc.files))}\n${html(accountingLine(doc.records))}</pre>
<p>${holds ? '<span class="ok">The identity holds.</span>' : '<span class="warn">The identity does NOT hold: report this as a bug.</span>'}</p>
<h3>Rejects ledger lines by stage</h3>
${stages.length ? tableOf(stages, ['stage', 'lines']) : '<p class="muted">None: the rejects ledger is empty.</p>'}
<h3>Failed files (${count(failed.length)})</h3>
${boundedTable(failed, ['path', 'entry', 'stage', 'reason'], 'every failed file: --rejects FILE or --format json')}`,
  );
}
