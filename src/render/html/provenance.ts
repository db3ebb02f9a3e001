/**
 * The last sections of the HTML report: integrity (the verify verdict, or "not checked" said
 * plainly) and provenance (the run's manifest, embedded whole, or what the run knows of itself).
 */
import type { RunManifest } from '../../integrity/manifest.ts';
import type { VerifyResult } from '../../integrity/types.ts';
import type { ReportDocument } from '../../reports/document.ts';
import { countLines, verdictLine } from '../verify.ts';
import type { ReportScope } from './context.ts';
import { count, html } from './escape.ts';
import { keyValues, section } from './layout.ts';
import { boundedTable } from './overview.ts';

const code = (value: unknown) => `<code>${html(typeof value === 'string' ? value : JSON.stringify(value))}</code>`;

/** Integrity: the verify verdict and its findings, or a plain statement that nothing was checked. */
export function integritySection(doc: ReportDocument, verify: VerifyResult | undefined, inputs: readonly string[]): string {
  const command = `cloudtrail-support verify ${inputs.map(html).join(' ')} --public-keys keys.json --signatures signatures.json`;
  if (!verify) {
    const digests = doc.files.skipped.digest;
    return section(
      'integrity',
      'Integrity: not checked',
      `<p class="warn">This report did not check the integrity of the logs. Nothing in it shows that the log files are the ones CloudTrail delivered, unaltered.</p>
<p>${count(digests)} digest files were among the inputs. To check the logs against them and their signatures: <code>${command}</code></p>`,
    );
  }
  const findings = verify.findings.map((f) => ({ severity: f.severity, kind: f.kind, path: f.path ?? f.key ?? '', message: f.message }));
  return section(
    'integrity',
    'Integrity',
    `<p class="${verify.errors > 0 ? 'warn' : ''}">${html(verdictLine(verify))}</p>
<pre>${countLines(verify).map(html).join('\n')}</pre>
${verify.notChecked.length ? `<h3>Not checked</h3><ul>${verify.notChecked.map((n) => `<li>${html(n)}</li>`).join('')}</ul>` : ''}
<h3>Findings (${count(findings.length)})</h3>
${boundedTable(findings, ['severity', 'kind', 'path', 'message'], `every finding: ${command} --format json`)}`,
  );
}

/** Provenance: the manifest when the run recorded one (embedded whole), else what the run knows of itself. */
export function manifestSection(manifest: RunManifest | undefined, scope: ReportScope): string {
  if (!manifest) {
    return section(
      'manifest',
      'Provenance',
      `${
        keyValues([
          ['tool', `${html(scope.tool.name)} ${html(scope.tool.version)}`],
          ['runtime', `${html(scope.runtime.name)} ${html(scope.runtime.version)}`],
          ['command line', scope.argv ? code(scope.argv.join(' ')) : 'not recorded'],
          ['working folder', scope.cwd ? code(scope.cwd) : 'not recorded'],
          ['started at (UTC)', scope.startedAt ? html(scope.startedAt) : 'not recorded'],
          ['written at (UTC)', html(scope.generatedAt)],
        ])
      }
<p class="warn">Input hashes: not recorded. No provenance manifest was made for this run, so this report does not name the exact files it read by their SHA-256.</p>`,
    );
  }
  const inputs = manifest.inputs.map((i) => ({ ...i, entry: i.entry ?? '', reason: i.reason ?? '' }));
  return section(
    'manifest',
    'Provenance: the run manifest',
    `${
      keyValues([
        ['tool', `${html(manifest.tool.name)} ${html(manifest.tool.version)}`],
        ['runtime', `${html(manifest.runtime.name)} ${html(manifest.runtime.version)}`],
        ['command line', code(manifest.argv.join(' '))],
        ['working folder', code(manifest.cwd)],
        ['started, finished (UTC)', `${html(manifest.startedAt)}, ${html(manifest.finishedAt)}`],
        ['options', code(manifest.options)],
        ['rules', manifest.rules.length ? manifest.rules.map((r) => `${code(r.id)} sha256 ${code(r.sha256)}`).join('<br>') : 'none'],
      ])
    }
<h3>Inputs (${count(inputs.length)} files)</h3>
${boundedTable(inputs, ['path', 'entry', 'bytes', 'sha256', 'kind', 'outcome', 'reason'], 'all of them: the manifest below')}
<details><summary>The whole manifest (JSON)</summary><pre>${JSON.stringify(manifest, null, 2).split('\n').map(html).join('\n')}</pre></details>`,
  );
}
