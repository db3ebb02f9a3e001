/**
 * Merging findings partials on the main thread, in file order. A worker's partial arrives as new
 * copies of every text it holds, and most of its subjects stay (denied calls, first uses, the
 * first call per case and account): their repeated texts (principals, accounts, file paths, case
 * ids) are made to share this thread's one copy (cases/shared-texts.ts). On the dense bench, 400
 * of 2,000 files merged, the main thread held 977,723 strings of which 209,492 were distinct; the
 * file paths alone were 16.4 MB in 92,076 copies of 6,428 paths.
 */
import { intern } from '../cases/shared-texts.ts';
import { addIds } from './id-set.ts';
import { type CallKind, type FindingsPartial, type MatchGroup, noteCaseAccount, noteFirstUse, type Subject } from './fold.ts';

/** Merges `from` into `into` (which it returns): the same as folding both partials' records. */
export function mergeFindings(into: FindingsPartial, from: FindingsPartial): FindingsPartial {
  for (const [key, g] of from.groups) {
    const mine = into.groups.get(key);
    if (!mine) {
      into.groups.set(key, internGroup(g));
      continue;
    }
    addIds(mine.eventIDs, g.eventIDs);
    for (const id of g.caseIds) mine.caseIds.add(intern(id));
    for (const f of g.files) mine.files.add(intern(f));
    if (g.first.at < mine.first.at || (g.first.at === mine.first.at && g.first.time < mine.first.time)) mine.first = g.first;
    if (g.last.at > mine.last.at || (g.last.at === mine.last.at && g.last.time > mine.last.time)) mine.last = g.last;
  }
  const own = ownSubjects();
  const calls = into.calls;
  if (calls) {
    for (const [key, list] of from.denied) for (const s of list) calls.denied(key, s);
    for (const a of from.attachments) calls.attachment(a.subject, a.sets);
  } else {
    for (const [key, list] of from.denied) for (const s of list) addDenied(into, key, own(s));
    for (const a of from.attachments) addAttachment(into, own(a.subject), a.sets);
  }
  for (const use of from.firstUses.values()) noteFirstUse(into, use.kind, intern(use.value), own(use.subject));
  for (const [caseId, firsts] of from.caseAccounts) {
    for (const [account, at, eventID, eventTime, principal, file] of firsts) {
      noteCaseAccount(into, intern(caseId), [intern(account), at, eventID, eventTime, intern(principal), intern(file)]);
    }
  }
  into.recordsForRules += from.recordsForRules;
  return into;
}

/**
 * Once the scan is done: the calls of `kind` the merged partial kept aside (call-spill.ts) put
 * back, in the order they came. Each kind is put back just before it is judged (stateful.ts).
 */
export function settleCalls(into: FindingsPartial, kind: CallKind): void {
  if (!into.calls) return;
  const own = ownSubjects();
  for (const call of into.calls.drain(kind)) {
    if (call.denied !== undefined) addDenied(into, call.denied, own(call.subject));
    else addAttachment(into, own(call.subject), call.sets!);
  }
}

function addDenied(into: FindingsPartial, key: string, s: Subject): void {
  const mine = into.denied.get(key);
  if (mine) mine.push(s);
  else into.denied.set(key, [s]);
}

const addAttachment = (into: FindingsPartial, subject: Subject, sets: readonly string[]) => into.attachments.push({ subject, sets: sets.map(intern) });

/**
 * This thread's copy of a worker's subjects, made once per subject (one may be shared within a
 * partial: a denied call that is also a first use). The copy is a literal of one shape with its
 * repeated texts shared (cases/shared-texts.ts): a subject as the structured clone made it keeps
 * half its fields in a separate property array. First uses are held so; denied and attachment
 * calls too where the merged partial keeps no call spill (call-spill.ts), and when it is settled.
 * On the 2,000-file dense corpus, denied and attachment calls held so took 23 MB of the main heap
 * at the end of the scan, 25 MB as the clone made them (heap snapshots).
 */
function ownSubjects(): (s: Subject) => Subject {
  const made = new Map<Subject, Subject>();
  return (s) => {
    let mine = made.get(s);
    if (!mine) {
      mine = {
        principal: intern(s.principal),
        principalKey: intern(s.principalKey),
        account: intern(s.account),
        eventID: s.eventID,
        eventTime: s.eventTime,
        at: s.at,
        caseIds: s.caseIds.map(intern),
        file: intern(s.file),
      };
      made.set(s, mine);
    }
    return mine;
  };
}

function internGroup(g: MatchGroup): MatchGroup {
  return {
    ...g,
    principal: intern(g.principal),
    principalKey: intern(g.principalKey),
    account: intern(g.account),
    caseIds: internSet(g.caseIds),
    files: internSet(g.files),
  };
}

const internSet = (values: Set<string>) => new Set([...values].map(intern));
