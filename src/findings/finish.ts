/**
 * The merged findings partial -> the findings of a run, in the one finding shape (finding.ts),
 * sorted, with stable fingerprints. Pure.
 *
 * The fingerprint is a hash of what the finding is about, never of when or how often: the rule id,
 * the principal key (caller account, identity type, name), the account, and the grouping key (the
 * case, the new IP or user agent; empty for Sigma rules). So the same archive gives the same
 * fingerprints whatever the worker count or file order, and a later archive with more events of
 * the same story keeps them: `--baseline` then counts as new only stories not seen before. A
 * case-level finding (a case touched from several accounts) has no single principal: it is
 * fingerprinted by rule and case.
 */
import { createHash } from 'node:crypto';
import type { CaseState } from '../cases/build-cases.ts';
import { FINDING_LEVELS, type FindingLevel, type RuleFinding } from './finding.ts';
import type { FindingsPartial, MatchGroup } from './fold.ts';
import { addStatefulFindings } from './stateful.ts';
import { sortedIds } from './id-set.ts';
import type { RuleInfo } from './stateful-rules.ts';

/** A finding, with the source files of its events (SARIF locations). */
export interface ShownFinding extends RuleFinding {
  /** The files (archives, not their entries) that hold the matching events, sorted. */
  readonly files: readonly string[];
}

const sorted = (values: Iterable<string>) => [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** The stable fingerprint of a group (see the module comment). */
export function fingerprintOf(g: Pick<MatchGroup, 'ruleId' | 'principalKey' | 'account' | 'groupKey'>): string {
  const basis = [g.ruleId, g.principalKey, g.principalKey === '' ? '' : g.account, g.groupKey];
  return createHash('sha256').update(JSON.stringify(basis)).digest('hex').slice(0, 32);
}

const rank = (level: FindingLevel) => FINDING_LEVELS.indexOf(level);

/** Findings first by level (critical first), then title, principal, account and fingerprint. */
export function compareFindings(a: RuleFinding, b: RuleFinding): number {
  if (a.level !== b.level) return rank(b.level) - rank(a.level);
  for (const k of ['title', 'principal', 'account', 'fingerprint'] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  return 0;
}

/** The findings of a merged partial (which it uses up: its stateful inputs and its groups); `rules` are every rule that ran (Sigma and stateful), by id. */
export function finishFindings(partial: FindingsPartial, cases: CaseState, rules: ReadonlyMap<string, RuleInfo>): ShownFinding[] {
  addStatefulFindings(partial, cases);
  // The stateful findings' inputs are spent: dropped before the reports are finished (~25 MB of
  // denied and attachment calls on the 2,000-file dense corpus).
  for (const spent of [partial.caseAccounts, partial.denied, partial.firstUses]) spent.clear();
  partial.attachments.length = 0;
  const findings: ShownFinding[] = [];
  // Each group leaves the partial as its finding is made, so the two are never both whole: on the
  // 2,000-file dense corpus the groups held 17 MB beside the findings (their case id and file sets,
  // their eventIDs) while the reports were finished, where every report peaked.
  for (const [key, g] of partial.groups) {
    partial.groups.delete(key);
    const rule = rules.get(g.ruleId);
    if (!rule) continue;
    const eventIDs = sortedIds(g.eventIDs);
    findings.push({
      ruleId: g.ruleId,
      title: rule.title,
      level: rule.level,
      principal: g.principal,
      account: g.account,
      caseIds: sorted(g.caseIds),
      eventIDs,
      firstSeen: g.first.time,
      lastSeen: g.last.time,
      count: eventIDs.length,
      fingerprint: fingerprintOf(g),
      files: sorted(g.files),
    });
  }
  return findings.sort(compareFindings);
}
