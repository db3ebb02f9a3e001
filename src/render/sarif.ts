/**
 * Findings as one SARIF 2.1.0 log, for GitHub code scanning and other SARIF readers: the rules in
 * `tool.driver.rules`, one result per finding (ruleId, level, message, the source files as
 * locations, the eventIDs and the rest of the finding in `properties`, the fingerprint as a
 * partial fingerprint so a reader tracks it across runs). Pure.
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
import type * as Sarif from 'sarif';
import type { FindingLevel } from '../findings/finding.ts';
import type { FindingsResult } from '../findings/run-rules.ts';
import type { ShownFinding } from '../findings/finish.ts';
import type { RuleInfo } from '../findings/stateful-rules.ts';
import { toJsonDocument } from './json.ts';
import type { FileCounts, RecordCounts } from '../types.ts';
import { counted } from '../words.ts';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** SARIF has three result levels: high and critical are errors, medium a warning, the rest notes. */
const SARIF_LEVEL: Record<FindingLevel, Sarif.Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', informational: 'note' };

/** GitHub's `security-severity` (0-10), which it shows as critical/high/medium/low. */
const SECURITY_SEVERITY: Record<FindingLevel, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', informational: '1.0' };

/** Locations per result: the files of a finding can be thousands; the count is in the properties. */
export const SARIF_LOCATIONS = 10;

/** A path as a SARIF URI reference: relative paths stay relative (to the working folder), absolute ones become file: URIs. */
export function uriOf(path: string): string {
  const posix = path.replace(/\\/g, '/');
  const encoded = posix.split('/').map(encodeURIComponent).join('/');
  return posix.startsWith('/') ? `file://${encoded}` : encoded;
}

const helpUriOf = (rule: RuleInfo): string | undefined => rule.references.find((r) => /^https?:\/\/\S+$/.test(r));

function ruleOf(rule: RuleInfo): Sarif.ReportingDescriptor {
  return {
    id: rule.id,
    name: rule.title,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description || rule.title },
    // helpUri must be an absolute URI: a rule's first reference that is one (references may be plain text).
    ...(helpUriOf(rule) ? { helpUri: helpUriOf(rule) } : {}),
    help: { text: [rule.description, ...rule.references].filter((s) => s !== '').join('\n') },
    defaultConfiguration: { level: SARIF_LEVEL[rule.level] },
    properties: {
      tags: [...rule.tags],
      'security-severity': SECURITY_SEVERITY[rule.level],
      level: rule.level,
      source: rule.file,
      ...(rule.author ? { author: rule.author } : {}),
    },
  };
}

/** The message of a finding: who, where, how many, when, which cases. */
export function findingMessage(f: ShownFinding): string {
  const events = counted(f.count, 'event');
  const when = f.firstSeen === f.lastSeen ? `at ${f.firstSeen}` : `from ${f.firstSeen} to ${f.lastSeen}`;
  const cases = f.caseIds.length === 0 ? '' : `; cases: ${f.caseIds.join(', ')}`;
  return `${f.title}: ${f.principal} in account ${f.account || '(unknown)'}, ${events} ${when}${cases}`;
}

function resultOf(f: ShownFinding, ruleIndex: number): Sarif.Result {
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: SARIF_LEVEL[f.level],
    message: { text: findingMessage(f) },
    locations: f.files.slice(0, SARIF_LOCATIONS).map((file) => ({ physicalLocation: { artifactLocation: { uri: uriOf(file) } } })),
    partialFingerprints: { 'cloudtrailSupport/v1': f.fingerprint },
    properties: {
      level: f.level,
      principal: f.principal,
      account: f.account,
      caseIds: [...f.caseIds],
      eventIDs: [...f.eventIDs],
      firstSeen: f.firstSeen,
      lastSeen: f.lastSeen,
      count: f.count,
      fileCount: f.files.length,
      fingerprint: f.fingerprint,
      ...(f.new === undefined ? {} : { new: f.new }),
    },
  };
}

/** What the run read, for the notifications that say what its findings do not cover. */
export interface SarifCoverage {
  readonly files: Pick<FileCounts, 'failed'>;
  readonly records: Pick<RecordCounts, 'seen' | 'rejected'>;
}

/**
 * Execution notifications for what the findings do not cover: files not read (errors), records
 * rejected, nothing read. A reader that shows only results (GitHub code scanning) would otherwise
 * show a run that could not read its inputs as a clean one. None for a run that read everything.
 */
export function coverageNotifications({ files, records }: SarifCoverage): Sarif.Notification[] {
  const notes: Sarif.Notification[] = [];
  const named = 'the rejects ledger names them';
  if (files.failed > 0) {
    const text = `${counted(files.failed, 'input file')} could not be read: the findings do not cover their records (${named})`;
    notes.push({ level: 'error', message: { text } });
  }
  if (records.rejected > 0) {
    const rejected = counted(records.rejected, 'record was', 'records were');
    const text = `${rejected} rejected (unreadable, or not valid CloudTrail records): the findings do not cover them (${named})`;
    notes.push({ level: 'warning', message: { text } });
  }
  if (records.seen === 0) {
    notes.push({ level: 'warning', message: { text: 'no CloudTrail record was read: the absence of results says nothing about the archive' } });
  }
  return notes;
}

/**
 * The SARIF log of a run's findings; `version` is this tool's. Refused rule files are configuration
 * notifications; with `coverage`, what the findings do not cover are execution notifications.
 */
export function toSarif(result: FindingsResult, version: string, coverage?: SarifCoverage): Sarif.Log {
  const index = new Map(result.rules.map((r, i) => [r.id, i]));
  const execution = coverage ? coverageNotifications(coverage) : [];
  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'cloudtrail-support', version, semanticVersion: version, rules: result.rules.map(ruleOf) } },
      invocations: [{
        executionSuccessful: true,
        toolConfigurationNotifications: result.refused.map((r) => ({ level: 'warning', message: { text: `rule ${r.file} refused: ${r.reason}` } })),
        ...(execution.length > 0 ? { toolExecutionNotifications: execution } : {}),
      }],
      results: result.findings.map((f) => resultOf(f, index.get(f.ruleId)!)),
    }],
  };
}

/** The SARIF log as text. */
export const renderSarif = (result: FindingsResult, version: string, coverage?: SarifCoverage): string => toJsonDocument(toSarif(result, version, coverage));
