/**
 * One case's lifecycle facts, folded event by event in any order and merged: what a case keeps
 * instead of its events. Every fact is an order-free aggregate (a count, a set, the earliest or
 * latest event by time order), so a case folded file by file on the workers and merged is the
 * case summarized from all its events at once (tested against the events-at-once summary).
 */
import { principalKeyOf } from '../rows/identity.ts';
import { compareRows, eventInstant } from '../rows/time-order.ts';
import type { CaseEvent, CaseRowFacts } from './case-events.ts';
import { intern } from './shared-texts.ts';

/** A successful CreateCase: the case's opener, with the language of the request. */
export interface Opening {
  readonly row: CaseRowFacts;
  readonly language: string | null;
}

/** The first time a principal used a source IP (or user agent) on this case, for novelty. */
export interface FirstUse {
  readonly principalKey: string;
  readonly principal: string;
  readonly value: string | null;
  at: number;
}

/**
 * A case's first call from one account, for the findings (a case touched from several accounts):
 * kept per case and account, from the calls the findings read. A tuple: on the 2,000-file dense
 * corpus (123,072 cases) they were ~70 MB of the main heap as a Map of subjects per case, and
 * they go to disk with the case lines (case-lines.ts).
 */
export type AccountFirst = readonly [account: string, at: number, eventID: string, eventTime: string, principal: string, file: string];

const firstEarlier = (a: AccountFirst, b: AccountFirst) => a[1] < b[1] || (a[1] === b[1] && a[2] < b[2]);

/** Keeps `first` in `firsts` as its account's first call, if it is earlier than the one kept (in place). */
export function addAccountFirst(firsts: AccountFirst[], first: AccountFirst): void {
  const i = firsts.findIndex((f) => f[0] === first[0]);
  if (i < 0) firsts.push(first);
  else if (firstEarlier(first, firsts[i])) firsts[i] = first;
}

/** Keeps each of `firsts` as case `id`'s first call from its account, if earlier than the one kept (`all` takes the array when it has none for the case). */
export function addAccountFirsts(all: Map<string, AccountFirst[]>, id: string, firsts: AccountFirst[]): void {
  const mine = all.get(id);
  if (!mine) return void all.set(id, firsts);
  for (const first of firsts) addAccountFirst(mine, first);
}

/** Where an event stands in time order (rows/time-order.ts), and the account its case may fall back on. */
export type Moment = Pick<CaseRowFacts, 'eventTime' | 'eventID' | 'file' | 'archivePath' | 'index' | 'account'>;

/** The resolving event: when, and by whom. */
export type Resolution = Moment & Pick<CaseRowFacts, 'principal' | 'identityType'>;

// A case keeps the few fields each of its events is kept for, not whole rows.
const momentOf = (r: Moment): Moment => ({
  eventTime: r.eventTime,
  eventID: r.eventID,
  file: intern(r.file),
  archivePath: intern(r.archivePath),
  index: r.index,
  account: intern(r.account),
});
const resolutionOf = (r: Resolution): Resolution => ({ ...momentOf(r), principal: intern(r.principal), identityType: intern(r.identityType) });
const openingOf = (o: Opening): Opening => {
  const r = o.row;
  const row: CaseRowFacts = {
    ...r,
    ...momentOf(r),
    eventName: intern(r.eventName),
    principal: intern(r.principal),
    identityType: intern(r.identityType),
    callerAccount: intern(r.callerAccount),
    region: intern(r.region),
    credentialClass: intern(r.credentialClass),
    sourceIPAddress: intern(r.sourceIPAddress),
    userAgent: intern(r.userAgent),
  };
  return { row, language: intern(o.language) };
};

export interface CaseFacts {
  /** A call of the case passed the filters: the case is shown (its facts come from every call, shown or not). */
  shown: boolean;
  /** The earliest successful CreateCase. */
  opened: Opening | undefined;
  communications: number;
  communicatedBy: readonly string[];
  /** The latest instant of a successful AddCommunicationToCase (a reply after the resolve reopens the case). */
  lastCommunicationAt: number;
  /** The latest successful ResolveCase. */
  resolved: Resolution | undefined;
  resolvedByRoot: boolean;
  /** A successful resolve by root or an IAM user without MFA recorded as true (see withoutMfa). */
  resolvedWithoutMfa: boolean;
  /** A successful resolve by a temporary-credentials session whose MFA is not recorded as true (see mfaNotRecorded). */
  resolvedMfaNotRecorded: boolean;
  /** Root answered the case: a successful AddCommunicationToCase or AddAttachmentsToSet of it. */
  answeredByRoot: boolean;
  /** Root read the case: a successful Describe* call that names it. */
  readByRoot: boolean;
  attachments: number;
  reads: number;
  principalKeys: readonly string[];
  touchedBy: readonly string[];
  accounts: readonly string[];
  regions: readonly string[];
  first: Moment;
  last: Moment;
  errors: number;
  errorCodes: readonly string[];
  ips: readonly FirstUse[];
  agents: readonly FirstUse[];
}

/**
 * Root or an IAM user acting without MFA: their own credentials, so `mfaAuthenticated` not "true"
 * means no MFA was used. Only these two: for other identities CloudTrail cannot say.
 */
export const withoutMfa = (row: Pick<CaseRowFacts, 'identityType' | 'mfa'>) =>
  (row.identityType === 'Root' || row.identityType === 'IAMUser') && row.mfa !== true;

/**
 * A temporary-credentials session (assumed role, Identity Center `AWSReservedSSO_*`, SAML, web
 * identity, federated user) whose `mfaAuthenticated` is not "true": CloudTrail records "false" for
 * an Identity Center or SAML session even when the identity provider did MFA, so this says only
 * that MFA is not recorded, never that it was not done. Services and other accounts carry no MFA
 * context of their own and get neither flag.
 */
export const mfaNotRecorded = (row: Pick<CaseRowFacts, 'identityType' | 'credentialClass' | 'mfa'>) =>
  row.credentialClass === 'temporary-credentials' && row.mfa !== true;

const earlier = (a: Moment, b: Moment) => compareRows(a, b) < 0;
// Lists, not Sets: a case has a handful of principals, accounts, regions and codes, and an empty
// Set costs ~200 bytes; over 24k cases (the dense bench) the Sets and Maps were most of the state.
// And exact-size lists, made anew on each addition (concat), not grown by push: a pushed array
// keeps room for 17 items, and the eight lists took 1,350 B of a case's 2.9 KB on that bench.
type ListName = 'communicatedBy' | 'principalKeys' | 'touchedBy' | 'accounts' | 'regions' | 'errorCodes';
const addValue = (facts: CaseFacts, list: ListName, value: string | null) => {
  const values = facts[list];
  if (value !== null && value !== '' && !values.includes(value)) facts[list] = values.concat(intern(value));
};

const withFirstUse = (uses: readonly FirstUse[], principalKey: string, principal: string, value: string | null, at: number): readonly FirstUse[] => {
  const use = uses.find((u) => u.principalKey === principalKey && u.value === value);
  if (!use) return uses.concat({ principalKey: intern(principalKey), principal: intern(principal), value: intern(value), at });
  if (at < use.at) use.at = at;
  return uses;
};

export function emptyCaseFacts(row: CaseRowFacts): CaseFacts {
  const first = momentOf(row);
  return {
    shown: false,
    opened: undefined,
    communications: 0,
    communicatedBy: [],
    lastCommunicationAt: -Infinity,
    resolved: undefined,
    resolvedByRoot: false,
    resolvedWithoutMfa: false,
    resolvedMfaNotRecorded: false,
    answeredByRoot: false,
    readByRoot: false,
    attachments: 0,
    reads: 0,
    principalKeys: [],
    touchedBy: [],
    accounts: [],
    regions: [],
    first,
    last: first,
    errors: 0,
    errorCodes: [],
    ips: [],
    agents: [],
  };
}

/** Adds one event of the case (in any order). */
export function addCaseEvent(facts: CaseFacts, e: CaseEvent): void {
  const row = e.row;
  if (!e.hidden) facts.shown = true;
  const at = eventInstant(row.eventTime);
  if (e.ok && e.action === 'create' && (!facts.opened || earlier(row, facts.opened.row))) facts.opened = openingOf({ row, language: e.language });
  if (e.ok && e.action === 'communicate') {
    facts.communications++;
    addValue(facts, 'communicatedBy', row.principal);
    if (at > facts.lastCommunicationAt) facts.lastCommunicationAt = at;
  }
  if (e.ok && e.action === 'resolve') {
    if (!facts.resolved || earlier(facts.resolved, row)) facts.resolved = resolutionOf(row);
    facts.resolvedByRoot ||= row.identityType === 'Root';
    facts.resolvedWithoutMfa ||= withoutMfa(row);
    facts.resolvedMfaNotRecorded ||= mfaNotRecorded(row);
  }
  if (e.ok && e.action === 'attach') facts.attachments++;
  if (e.ok && e.action === 'read') facts.reads++;
  const byRoot = e.ok && row.identityType === 'Root';
  facts.answeredByRoot ||= byRoot && (e.action === 'communicate' || e.action === 'attach');
  facts.readByRoot ||= byRoot && e.action === 'read';
  const principalKey = principalKeyOf(row);
  addValue(facts, 'principalKeys', principalKey);
  addValue(facts, 'touchedBy', row.principal);
  addValue(facts, 'accounts', row.callerAccount ?? row.account);
  addValue(facts, 'regions', row.region);
  if (earlier(row, facts.first)) facts.first = momentOf(row);
  if (earlier(facts.last, row)) facts.last = momentOf(row);
  if (row.errorCode !== null) {
    facts.errors++;
    addValue(facts, 'errorCodes', row.errorCode);
  }
  facts.ips = withFirstUse(facts.ips, principalKey, row.principal, row.sourceIPAddress, at);
  facts.agents = withFirstUse(facts.agents, principalKey, row.principal, row.userAgent, at);
}

/** Merges the facts of the same case folded elsewhere into `into`. */
export function mergeCaseFacts(into: CaseFacts, from: CaseFacts): void {
  into.shown ||= from.shown;
  if (from.opened && (!into.opened || earlier(from.opened.row, into.opened.row))) into.opened = openingOf(from.opened);
  into.communications += from.communications;
  for (const v of from.communicatedBy) addValue(into, 'communicatedBy', v);
  into.lastCommunicationAt = Math.max(into.lastCommunicationAt, from.lastCommunicationAt);
  if (from.resolved && (!into.resolved || earlier(into.resolved, from.resolved))) into.resolved = resolutionOf(from.resolved);
  into.resolvedByRoot ||= from.resolvedByRoot;
  into.resolvedWithoutMfa ||= from.resolvedWithoutMfa;
  into.resolvedMfaNotRecorded ||= from.resolvedMfaNotRecorded;
  into.answeredByRoot ||= from.answeredByRoot;
  into.readByRoot ||= from.readByRoot;
  into.attachments += from.attachments;
  into.reads += from.reads;
  for (const list of ['principalKeys', 'touchedBy', 'accounts', 'regions', 'errorCodes'] as const) for (const v of from[list]) addValue(into, list, v);
  if (earlier(from.first, into.first)) into.first = momentOf(from.first);
  if (earlier(into.last, from.last)) into.last = momentOf(from.last);
  into.errors += from.errors;
  for (const use of from.ips) into.ips = withFirstUse(into.ips, use.principalKey, use.principal, use.value, use.at);
  for (const use of from.agents) into.agents = withFirstUse(into.agents, use.principalKey, use.principal, use.value, use.at);
}
