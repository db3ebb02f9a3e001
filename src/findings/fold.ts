/**
 * Findings as a mergeable partial, folded where records are read (on the workers, inside the
 * report's fold) and merged in file order: per rule, principal and account, the set of matching
 * eventIDs, the cases and files they name, and the first and last time. Besides the Sigma
 * matches it keeps what the stateful findings need (stateful.ts): denied calls, attachment calls,
 * the first case-touching use of each source IP and user agent, the first call per case and
 * account. It grows with the matching events (their ids are the finding) and with distinct
 * principals, values and cases, never with the Support events as a whole. Plain data: it crosses
 * threads.
 */
import { caseIdOf, principalOf } from '../rows/support-row.ts';
import { callerAccountOf, principalKeyOf } from '../rows/identity.ts';
import { DENIAL_CODE } from '../rows/denial.ts';
import { keepsRow, type RowFilter } from '../rows/filter.ts';
import { obj, str } from '../rows/record-fields.ts';
import { eventInstant } from '../rows/time-order.ts';
import { toCaseEvent } from '../cases/case-events.ts';
import { type AccountFirst, addAccountFirsts } from '../cases/case-facts.ts';
import type { CloudTrailRecord, LogFile, SupportRow } from '../types.ts';
import { type CompiledRule, compileRule } from './sigma-compile.ts';
import { addId, type IdSet, newIdSet } from './id-set.ts';
import type { SigmaRule } from './sigma-rule.ts';

/** Who and what one matching event is, as a finding groups it. */
export interface Subject {
  readonly principal: string;
  readonly principalKey: string;
  readonly account: string;
  readonly eventID: string;
  readonly eventTime: string;
  readonly at: number;
  readonly caseIds: readonly string[];
  readonly file: string;
}

/** One finding in the making. */
export interface MatchGroup {
  readonly ruleId: string;
  readonly principal: string;
  readonly principalKey: string;
  readonly account: string;
  /** What else tells findings of one rule and principal apart (a case, an IP); '' for Sigma rules. */
  readonly groupKey: string;
  /** The matching events' ids (id-set.ts: compact, as a finding may name every record). */
  readonly eventIDs: IdSet;
  readonly caseIds: Set<string>;
  readonly files: Set<string>;
  first: { at: number; time: string };
  last: { at: number; time: string };
}

/** The first case-touching use of a value (source IP or user agent) by a principal. */
export interface FirstCaseUse {
  readonly kind: 'ip' | 'agent';
  readonly value: string | null;
  readonly subject: Subject;
}

export interface FindingsPartial {
  readonly groups: Map<string, MatchGroup>;
  /** Denied Support calls by principal key and account. */
  readonly denied: Map<string, Subject[]>;
  /** Successful calls that add attachments, with the attachment sets and cases they name. */
  readonly attachments: { subject: Subject; sets: string[] }[];
  readonly firstUses: Map<string, FirstCaseUse>;
  /** Per case, the first call from each account (sent with the case lines instead, when they are packed: cases/case-lines.ts). */
  readonly caseAccounts: Map<string, AccountFirst[]>;
  /** Records parsed only because a rule needs them (not rows of the selected Support sources). */
  recordsForRules: number;
  /** Where the merged partial keeps its denied and attachment calls until the scan is done (main thread only: call-spill.ts). */
  calls?: CallsAside;
}

/** Denied and attachment calls kept aside, given back in the order they came (call-spill.ts). */
export interface CallsAside {
  denied(key: string, s: Subject): void;
  attachment(s: Subject, sets: readonly string[]): void;
  drain(kind: CallKind): Iterable<SpilledCall>;
}

/** Which calls: each kind is kept and given back on its own, so each is held only while it is judged. */
export type CallKind = 'denied' | 'attachments';

/** A call given back: a denied call of the principal key `denied`, or an attachment call to `sets`. */
export interface SpilledCall {
  readonly denied?: string;
  readonly sets?: string[];
  readonly subject: Subject;
}

export const emptyFindings = (): FindingsPartial => ({
  groups: new Map(),
  denied: new Map(),
  attachments: [],
  firstUses: new Map(),
  caseAccounts: new Map(),
  recordsForRules: 0,
});

const compiled = new WeakMap<readonly SigmaRule[], CompiledRule[]>();
/** The rules compiled once per thread (the same array object comes with every file's options). */
export function compiledRules(rules: readonly SigmaRule[]): CompiledRule[] {
  let c = compiled.get(rules);
  if (!c) compiled.set(rules, c = rules.map(compileRule));
  return c;
}

const earlier = (a: Subject, b: Subject) => a.at < b.at || (a.at === b.at && a.eventID < b.eventID);
const splitCases = (ids: string | null) => (ids === null ? [] : ids.split(',').filter((id) => id !== ''));

/** The subject of a Support row. Events without an eventID are named by where they were read. */
export function subjectOfRow(row: SupportRow): Subject {
  return {
    principal: row.principal,
    principalKey: principalKeyOf(row),
    account: row.account ?? '',
    eventID: row.eventID ?? `${row.file}${row.archivePath === null ? '' : `!/${row.archivePath}`}#${row.index}`,
    eventTime: row.eventTime,
    at: eventInstant(row.eventTime),
    caseIds: splitCases(row.caseId),
    file: row.file,
  };
}

/** Adds one matching event to the group of (rule, principal, account, groupKey). */
export function addMatch(partial: FindingsPartial, ruleId: string, s: Subject, groupKey = '', principal = s.principal, principalKey = s.principalKey): void {
  const key = JSON.stringify([ruleId, principalKey, s.account, groupKey]);
  let g = partial.groups.get(key);
  if (!g) {
    const moment = { at: s.at, time: s.eventTime };
    g = {
      ruleId,
      principal,
      principalKey,
      account: s.account,
      groupKey,
      eventIDs: newIdSet(),
      caseIds: new Set(),
      files: new Set(),
      first: moment,
      last: moment,
    };
    partial.groups.set(key, g);
  }
  addId(g.eventIDs, s.eventID);
  for (const id of s.caseIds) g.caseIds.add(id);
  g.files.add(s.file);
  if (s.at < g.first.at || (s.at === g.first.at && s.eventTime < g.first.time)) g.first = { at: s.at, time: s.eventTime };
  if (s.at > g.last.at || (s.at === g.last.at && s.eventTime > g.last.time)) g.last = { at: s.at, time: s.eventTime };
}

export function noteFirstUse(partial: FindingsPartial, kind: 'ip' | 'agent', value: string | null, s: Subject): void {
  const key = JSON.stringify([s.principalKey, kind, value]);
  const known = partial.firstUses.get(key);
  if (!known || earlier(s, known.subject)) partial.firstUses.set(key, { kind, value, subject: s });
}

/** Keeps `first` as its case's first call from its account, if it is earlier than the one kept. */
export function noteCaseAccount(partial: FindingsPartial, caseId: string, first: AccountFirst): void {
  addAccountFirsts(partial.caseAccounts, caseId, [first]);
}

/** Folds Support rows: every rule on each row's record, and the stateful facts. */
export function foldFindingRows(
  partial: FindingsPartial,
  rules: readonly SigmaRule[],
  rows: readonly SupportRow[],
  recordOf?: (row: SupportRow) => CloudTrailRecord | undefined,
): void {
  const compiledSet = compiledRules(rules);
  for (const row of rows) {
    const record = recordOf?.(row) ?? (JSON.parse(row.raw) as CloudTrailRecord);
    const s = subjectOfRow(row);
    for (const c of compiledSet) if (c.matches(record)) addMatch(partial, c.rule.id, s);
    if (row.errorCode !== null && DENIAL_CODE.test(row.errorCode)) {
      const key = JSON.stringify([s.principalKey, s.account]);
      const list = partial.denied.get(key);
      if (list) list.push(s);
      else partial.denied.set(key, [s]);
    }
    if (s.caseIds.length > 0 || row.eventName === 'AddAttachmentsToSet') foldCaseCall(partial, row, record, s);
  }
}

function foldCaseCall(partial: FindingsPartial, row: SupportRow, record: CloudTrailRecord, s: Subject): void {
  if (s.caseIds.length > 0) {
    noteFirstUse(partial, 'ip', row.sourceIPAddress, s);
    noteFirstUse(partial, 'agent', row.userAgent, s);
    const first: AccountFirst = [row.callerAccount ?? row.account ?? '', s.at, s.eventID, s.eventTime, s.principal, s.file];
    for (const id of s.caseIds) noteCaseAccount(partial, id, first);
  }
  const adds = row.eventName === 'AddAttachmentsToSet' || (row.eventName === 'AddCommunicationToCase' && obj(record.requestParameters)?.attachmentSetId);
  if (!adds || row.errorCode !== null) return;
  const event = toCaseEvent(row, record);
  if (event) partial.attachments.push({ subject: { ...s, caseIds: event.caseIds }, sets: [...event.attachmentSetIds] });
}

/**
 * Folds one record that is not a row of the selected Support sources but was parsed because a
 * rule may match it (its eventSource is one a rule names, or a rule can match any record). The
 * run's filters (--since, --account, ...) apply to it as to a row.
 */
export function foldRuleRecord(
  partial: FindingsPartial,
  rules: readonly SigmaRule[],
  record: CloudTrailRecord,
  file: LogFile,
  index: number,
  archivePath: string | null,
  filter: RowFilter,
): void {
  partial.recordsForRules++;
  let s: Subject | undefined;
  for (const c of compiledRules(rules)) {
    if (!c.matches(record)) continue;
    s ??= subjectOfRecord(record, file, index, archivePath);
    if (
      !keepsRow(
        filter,
        { ...s, eventName: str(record.eventName) ?? '', region: str(record.awsRegion), arn: str(obj(record.userIdentity)?.arn) } as unknown as SupportRow,
      )
    ) return;
    addMatch(partial, c.rule.id, s);
  }
}

function subjectOfRecord(record: CloudTrailRecord, file: LogFile, index: number, archivePath: string | null): Subject {
  const identity = obj(record.userIdentity);
  const principal = principalOf(record);
  const eventTime = str(record.eventTime) ?? '';
  return {
    principal,
    principalKey: principalKeyOf({ callerAccount: callerAccountOf(record), identityType: str(identity?.type), principal }),
    account: str(record.recipientAccountId) ?? str(identity?.accountId) ?? file.account ?? '',
    eventID: str(record.eventID) ?? `${file.path}${archivePath === null ? '' : `!/${archivePath}`}#${index}`,
    eventTime,
    at: eventInstant(eventTime),
    caseIds: splitCases(caseIdOf(record)),
    file: file.path,
  };
}
