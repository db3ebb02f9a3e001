/**
 * A case's facts (case-facts.ts) as a compact JSON array, for the case state on disk
 * (case-spill.ts): fields by position, not name, and each text that repeats across cases (file
 * paths, principals, user agents, IPs, accounts, codes) as its number in a table the spill keeps
 * in memory. As objects, the 2,000-file dense corpus's lines averaged 2.7 KB (551 MB for 205,642
 * lines), most of it the same paths and user agents again. Times and eventIDs, unique to an
 * event, are written as they are. Non-finite instants (an unreadable time is Infinity; no
 * communication is -Infinity) are written as strings: JSON has no Infinity.
 */
import type { CaseFacts, FirstUse, Moment, Opening, Resolution } from './case-facts.ts';
import type { CaseRowFacts } from './case-events.ts';

/** Repeated texts by number, shared by every line of one spill. */
export class TextTable {
  private readonly numbers = new Map<string, number>();
  private readonly texts: string[] = [];

  /** The number of `text` (null stays null). */
  ref(text: string | null): number | null {
    if (text === null || text === undefined) return null;
    let n = this.numbers.get(text);
    if (n === undefined) this.numbers.set(text, n = this.texts.push(text) - 1);
    return n;
  }

  /** The text of a number from {@link ref}. */
  text(n: number | null): string | null {
    if (n === null) return null;
    const text = this.texts[n];
    if (text === undefined) throw new Error(`the case state on disk names text ${n}, which it never wrote`);
    return text;
  }
}

type Ref = number | null;
type Instant = number | string;
type MomentCode = [string, string | null, Ref, Ref, number, Ref];
type ResolutionCode = [...MomentCode, Ref, Ref];
type RowCode = [string, Ref, Ref, Ref, Ref, Ref, Ref, Ref, boolean | null, Ref, Ref, Ref, Ref, Ref, Ref, Ref, string | null, Ref, Ref, number];
type UseCode = [Ref, Ref, Ref, Instant];
/** The facts' fields in CaseFacts order; booleans as they are. */
export type FactsCode = [
  boolean,
  [RowCode, Ref] | null,
  number,
  Ref[],
  Instant,
  ResolutionCode | null,
  boolean,
  boolean,
  boolean,
  boolean,
  boolean,
  number,
  number,
  Ref[],
  Ref[],
  Ref[],
  Ref[],
  MomentCode,
  MomentCode,
  number,
  Ref[],
  UseCode[],
  UseCode[],
];

const instantOut = (at: number): Instant => Number.isFinite(at) ? at : String(at);
const instantIn = (at: Instant): number => typeof at === 'number' ? at : Number(at);

/** The facts as an array for JSON.stringify, their repeated texts numbered in `t`. */
export function encodeFacts(f: CaseFacts, t: TextTable): FactsCode {
  const r = (text: string | null) => t.ref(text);
  const list = (texts: readonly string[]) => texts.map(r);
  const moment = (m: Moment): MomentCode => [m.eventTime, m.eventID, r(m.file), r(m.archivePath), m.index, r(m.account)];
  const uses = (u: readonly FirstUse[]): UseCode[] => u.map((use) => [r(use.principalKey), r(use.principal), r(use.value), instantOut(use.at)]);
  const o = f.opened?.row;
  const opened: [RowCode, Ref] | null = o
    ? [[
      o.eventTime,
      r(o.eventName),
      r(o.principal),
      r(o.identityType),
      r(o.callerAccount),
      r(o.account),
      r(o.region),
      r(o.credentialClass),
      o.mfa,
      r(o.sourceIPAddress),
      r(o.userAgent),
      r(o.errorCode),
      r(o.severityCode),
      r(o.serviceCode),
      r(o.categoryCode),
      r(o.issueType),
      o.eventID,
      r(o.file),
      r(o.archivePath),
      o.index,
    ], r(f.opened!.language)]
    : null;
  const resolved: ResolutionCode | null = f.resolved ? [...moment(f.resolved), r(f.resolved.principal), r(f.resolved.identityType)] : null;
  return [
    f.shown,
    opened,
    f.communications,
    list(f.communicatedBy),
    instantOut(f.lastCommunicationAt),
    resolved,
    f.resolvedByRoot,
    f.resolvedWithoutMfa,
    f.resolvedMfaNotRecorded,
    f.answeredByRoot,
    f.readByRoot,
    f.attachments,
    f.reads,
    list(f.principalKeys),
    list(f.touchedBy),
    list(f.accounts),
    list(f.regions),
    moment(f.first),
    moment(f.last),
    f.errors,
    list(f.errorCodes),
    uses(f.ips),
    uses(f.agents),
  ];
}

/** The facts of {@link encodeFacts}' array, their texts from `t`. */
export function decodeFacts(c: FactsCode, t: TextTable): CaseFacts {
  // s: a text that is never null (a null there was written from a null, and comes back as one).
  const s = (ref: Ref) => t.text(ref)!;
  const n = (ref: Ref) => t.text(ref);
  const list = (refs: readonly Ref[]) => refs.map(s);
  const moment = (m: MomentCode): Moment => ({ eventTime: m[0], eventID: m[1], file: s(m[2]), archivePath: n(m[3]), index: m[4], account: n(m[5]) });
  const uses = (u: readonly UseCode[]): FirstUse[] =>
    u.map((use) => ({ principalKey: s(use[0]), principal: s(use[1]), value: n(use[2]), at: instantIn(use[3]) }));
  const opened = (code: [RowCode, Ref] | null): Opening | undefined => {
    if (!code) return undefined;
    const o = code[0];
    const row: CaseRowFacts = {
      eventTime: o[0],
      eventName: s(o[1]),
      principal: s(o[2]),
      identityType: n(o[3]),
      callerAccount: n(o[4]),
      account: n(o[5]),
      region: n(o[6]),
      credentialClass: s(o[7]),
      mfa: o[8],
      sourceIPAddress: n(o[9]),
      userAgent: n(o[10]),
      errorCode: n(o[11]),
      severityCode: n(o[12]),
      serviceCode: n(o[13]),
      categoryCode: n(o[14]),
      issueType: n(o[15]),
      eventID: o[16],
      file: s(o[17]),
      archivePath: n(o[18]),
      index: o[19],
    };
    return { row, language: n(code[1]) };
  };
  const resolved = (m: ResolutionCode | null): Resolution | undefined =>
    m ? { ...moment(m.slice(0, 6) as MomentCode), principal: s(m[6]), identityType: n(m[7]) } : undefined;
  return {
    shown: c[0],
    opened: opened(c[1]),
    communications: c[2],
    communicatedBy: list(c[3]),
    lastCommunicationAt: instantIn(c[4]),
    resolved: resolved(c[5]),
    resolvedByRoot: c[6],
    resolvedWithoutMfa: c[7],
    resolvedMfaNotRecorded: c[8],
    answeredByRoot: c[9],
    readByRoot: c[10],
    attachments: c[11],
    reads: c[12],
    principalKeys: list(c[13]),
    touchedBy: list(c[14]),
    accounts: list(c[15]),
    regions: list(c[16]),
    first: moment(c[17]),
    last: moment(c[18]),
    errors: c[19],
    errorCodes: list(c[20]),
    ips: uses(c[21]),
    agents: uses(c[22]),
  };
}
