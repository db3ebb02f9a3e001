/**
 * The stateful findings, judged once every file is merged (fold.ts keeps their facts): denied
 * probing, a source IP or user agent new for a principal with history, a case touched from several
 * accounts, attachments added by a principal that did not open the case. Pure: they are added to
 * the partial's groups, in the finding shape of the Sigma matches.
 */
import { accountFirstsOf, type CaseState, casesUsingSet, openersOf } from '../cases/build-cases.ts';
import { type AccountFirst, addAccountFirst } from '../cases/case-facts.ts';
import { intern } from '../cases/shared-texts.ts';
import { principalKeyOf } from '../rows/identity.ts';
import type { FindingsPartial, Subject } from './fold.ts';
import { addMatch } from './fold.ts';
import { settleCalls } from './merge.ts';
import { DENIED_BURST, DENIED_WINDOW_MS, STATEFUL_RULES } from './stateful-rules.ts';

const byTime = (a: Subject, b: Subject) => (a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.eventID < b.eventID ? -1 : a.eventID > b.eventID ? 1 : 0);

/**
 * Denied probing: every denied call that lies in some window of {@link DENIED_WINDOW_MS} holding
 * at least {@link DENIED_BURST} denied calls of the principal (a sliding window over the calls in
 * time order). Calls whose time cannot be read are not judged.
 */
export function deniedBursts(calls: readonly Subject[]): Subject[] {
  const timed = calls.filter((c) => Number.isFinite(c.at)).sort(byTime);
  const inBurst = new Set<number>();
  let start = 0;
  for (let end = 0; end < timed.length; end++) {
    while (timed[end].at - timed[start].at > DENIED_WINDOW_MS) start++;
    if (end - start + 1 >= DENIED_BURST) { for (let i = start; i <= end; i++) inBurst.add(i); }
  }
  return [...inBurst].sort((a, b) => a - b).map((i) => timed[i]);
}

/** Adds the stateful findings to the partial's groups. `cases` gives openers, attachment sets and histories. */
export function addStatefulFindings(partial: FindingsPartial, cases: CaseState): void {
  // The denied calls and the attachment calls are each put back just before they are judged, and
  // the denied ones dropped after: the case partitions are read in between (every report on 2,000
  // dense files: 258 -> 250-252 MiB, GNU time).
  settleCalls(partial, 'denied');
  for (const calls of partial.denied.values()) {
    for (const s of deniedBursts(calls)) addMatch(partial, STATEFUL_RULES.deniedProbing.id, s);
  }
  partial.denied.clear();
  addNovelty(partial, cases);
  // The first calls went with the case lines when those were packed (in parts, by partition), or
  // stayed in the partial: a case's are merged from both before it is judged.
  for (const firsts of accountFirstsOf(cases)) {
    for (const [caseId, accounts] of firsts) {
      for (const first of partial.caseAccounts.get(caseId) ?? []) addAccountFirst(accounts, first);
      partial.caseAccounts.delete(caseId);
      addMultiAccountCase(partial, caseId, accounts);
    }
  }
  for (const [caseId, accounts] of partial.caseAccounts) addMultiAccountCase(partial, caseId, accounts);
  settleCalls(partial, 'attachments');
  addAttachmentsByOthers(partial, cases);
}

/** A case touched from several accounts: one finding, naming each account's first call. */
function addMultiAccountCase(partial: FindingsPartial, caseId: string, accounts: readonly AccountFirst[]): void {
  if (accounts.length < 2) return;
  // The texts are this thread's shared copies (cases/shared-texts.ts): each partition of the case
  // lines read back brings its own, and the findings' file sets held ~48,000 copies of 2,000 paths
  // (4.9 MB) on the 2,000-file dense corpus while the reports were finished.
  const account = intern(accounts.map((f) => f[0]).sort().join(' '));
  const firsts = accounts.map(([, at, eventID, eventTime, principal, file]): Subject => ({
    principal: intern(principal),
    principalKey: '',
    account,
    eventID,
    eventTime,
    at,
    caseIds: [caseId],
    file: intern(file),
  })).sort(byTime);
  const principal = [...new Set(firsts.map((s) => s.principal))].sort().join(', ');
  // One finding per case: the principals and accounts it names may grow with the archive, so the
  // fingerprint is of the case only (principal key and account left empty).
  for (const s of firsts) addMatch(partial, STATEFUL_RULES.multiAccountCase.id, s, caseId, principal, '');
}

/** New source IP / user agent: the first case-touching use of a value, when the principal was active before and had not used it before. */
function addNovelty(partial: FindingsPartial, cases: CaseState): void {
  for (const use of partial.firstUses.values()) {
    const h = cases.histories.get(use.subject.principalKey);
    const at = use.subject.at;
    if (!h || !(h.first < at)) continue;
    const seen = use.kind === 'ip' ? h.ips : h.agents;
    if ((seen.get(use.value) ?? Infinity) < at) continue;
    const rule = use.kind === 'ip' ? STATEFUL_RULES.newSourceIP : STATEFUL_RULES.newUserAgent;
    addMatch(partial, rule.id, use.subject, `${use.kind}:${use.value ?? '(none)'}`);
  }
}

/** Attachment calls by a principal other than the opener of a case they reach (directly or through the attachment set). */
function addAttachmentsByOthers(partial: FindingsPartial, cases: CaseState): void {
  const reaches = [...partial.attachments].map(({ subject, sets }) => {
    const reached = new Set(subject.caseIds);
    for (const set of sets) for (const id of casesUsingSet(cases, set)) reached.add(id);
    return { subject, caseIds: [...reached].sort() };
  });
  // Read once for all of them: the openers may be on disk (cases/case-spill.ts).
  const openers = openersOf(cases, new Set(reaches.flatMap((r) => r.caseIds)));
  for (const { subject, caseIds } of reaches) {
    for (const caseId of caseIds) {
      const opener = openers.get(caseId);
      if (!opener || principalKeyOf(opener) === subject.principalKey) continue;
      addMatch(partial, STATEFUL_RULES.attachmentByOther.id, { ...subject, caseIds: [caseId] }, caseId);
    }
  }
}
