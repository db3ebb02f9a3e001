/**
 * A case's facts (case-facts.ts) as a compact JSON array, for the case state on disk
 * (case-spill.ts): fields by position, not name, and each text that repeats across cases (file
 * paths, principals, user agents, IPs, accounts, codes) as its number in a table written before
 * the lines that use it. As objects, the 2,000-file dense corpus's lines averaged 2.7 KB (551 MB for 205,642
 * lines), most of it the same paths and user agents again. Times and eventIDs, unique to an
 * event, are written as they are. Non-finite instants (an unreadable time is Infinity; no
 * communication is -Infinity) are written as strings: JSON has no Infinity.
 */
import type { AccountFirst, CaseFacts, FirstUse, Moment, Opening, Resolution } from './case-facts.ts';
import type { CaseEvent, CaseRowFacts } from './case-events.ts';

/** Repeated texts by number, shared by the lines of one chunk (case-spill.ts). */
export class TextTable {
  private readonly numbers = new Map<string, number>();
  private readonly texts: string[] = [];

  /** A table to read lines by, from its {@link list}. */
  static of(list: readonly string[]): TextTable {
    const table = new TextTable();
    for (const text of list) table.texts.push(text);
    return table;
  }

  /** The texts by number, as written. */
  get list(): readonly string[] {
    return this.texts;
  }

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

/**
 * How a field is written: as it is, as a text's number, a list of them, an instant, or a nested
 * part (a moment, the resolution, the opening, first uses). Each part's fields are listed once, in
 * their written order, for both directions; a Record type makes the compiler ask for every field.
 */
type Kind = 'value' | 'text' | 'texts' | 'instant' | 'moment' | 'resolution' | 'opening' | 'uses';

const MOMENT_KINDS: Record<keyof Moment, Kind> = { eventTime: 'value', eventID: 'value', file: 'text', archivePath: 'text', index: 'value', account: 'text' };
const RESOLUTION_KINDS: Record<keyof Resolution, Kind> = { ...MOMENT_KINDS, principal: 'text', identityType: 'text' };
const ROW_KINDS: Record<keyof CaseRowFacts, Kind> = {
  eventTime: 'value',
  eventName: 'text',
  principal: 'text',
  identityType: 'text',
  callerAccount: 'text',
  account: 'text',
  region: 'text',
  credentialClass: 'text',
  mfa: 'value',
  sourceIPAddress: 'text',
  userAgent: 'text',
  errorCode: 'text',
  severityCode: 'text',
  serviceCode: 'text',
  categoryCode: 'text',
  issueType: 'text',
  eventID: 'value',
  file: 'text',
  archivePath: 'text',
  index: 'value',
};
const USE_KINDS: Record<keyof FirstUse, Kind> = { principalKey: 'text', principal: 'text', value: 'text', at: 'instant' };
const FACTS_KINDS: Record<keyof CaseFacts, Kind> = {
  shown: 'value',
  opened: 'opening',
  communications: 'value',
  communicatedBy: 'texts',
  lastCommunicationAt: 'instant',
  resolved: 'resolution',
  resolvedByRoot: 'value',
  resolvedWithoutMfa: 'value',
  resolvedMfaNotRecorded: 'value',
  answeredByRoot: 'value',
  readByRoot: 'value',
  attachments: 'value',
  reads: 'value',
  principalKeys: 'texts',
  touchedBy: 'texts',
  accounts: 'texts',
  regions: 'texts',
  first: 'moment',
  last: 'moment',
  errors: 'value',
  errorCodes: 'texts',
  ips: 'uses',
  agents: 'uses',
};

/** A part's fields in written order, listed once (not made per call: the spill writes ~215,000 lines). */
interface Fields {
  readonly kinds: Readonly<Record<string, Kind>>;
  readonly list: readonly (readonly [string, Kind])[];
}
const fieldsOf = (kinds: Record<string, Kind>): Fields => ({ kinds, list: Object.entries(kinds) });
const MOMENT = fieldsOf(MOMENT_KINDS);
const RESOLUTION = fieldsOf(RESOLUTION_KINDS);
const ROW = fieldsOf(ROW_KINDS);
const USE = fieldsOf(USE_KINDS);
const FACTS = fieldsOf(FACTS_KINDS);

/** How each kind is written and read back: both directions side by side, so they cannot drift apart. */
const CODECS: Record<Kind, { encode(v: unknown, t: TextTable): unknown; decode(c: unknown, t: TextTable): unknown }> = {
  value: { encode: (v) => v, decode: (c) => c },
  text: { encode: (v, t) => t.ref(v as string | null), decode: (c, t) => t.text(c as number | null) },
  texts: { encode: (v, t) => (v as string[]).map((text) => t.ref(text)), decode: (c, t) => (c as number[]).map((n) => t.text(n)) },
  // JSON has no Infinity: a non-finite instant is written as its string.
  instant: { encode: (v) => (Number.isFinite(v) ? v : String(v)), decode: (c) => (typeof c === 'number' ? c : Number(c)) },
  moment: { encode: (v, t) => encodePart(MOMENT, v as Moment, t), decode: (c, t) => decodePart<Moment>(MOMENT, c as unknown[], t) },
  resolution: {
    encode: (v, t) => (v === undefined ? null : encodePart(RESOLUTION, v as Resolution, t)),
    decode: (c, t) => (c === null ? undefined : decodePart<Resolution>(RESOLUTION, c as unknown[], t)),
  },
  opening: {
    encode: (v, t) => (v === undefined ? null : [encodePart(ROW, (v as Opening).row, t), t.ref((v as Opening).language)]),
    decode: (c, t) => {
      if (c === null) return undefined;
      const [row, language] = c as [unknown[], number | null];
      return { row: decodePart<CaseRowFacts>(ROW, row, t), language: t.text(language) };
    },
  },
  uses: {
    encode: (v, t) => (v as FirstUse[]).map((use) => encodePart(USE, use, t)),
    decode: (c, t) => (c as unknown[][]).map((use) => decodePart<FirstUse>(USE, use, t)),
  },
};

/** A part's fields as an array, in the order `fields` lists them. */
function encodePart(fields: Fields, part: object, t: TextTable): unknown[] {
  const values = part as Record<string, unknown>;
  return fields.list.map(([name, kind]) => CODECS[kind].encode(values[name], t));
}

/**
 * The part of {@link encodePart}'s array. It starts as a copy of the kinds record, so it has every
 * property from the start and its values are only replaced: the 23 facts added one by one to `{}`
 * made a dictionary-mode object (V8's %HasFastProperties false), and `cases` on the 2,000-file dense
 * corpus ran 2.5-6.7 s slower.
 */
function decodePart<T>(fields: Fields, code: readonly unknown[], t: TextTable): T {
  const part: Record<string, unknown> = { ...fields.kinds };
  for (let i = 0; i < fields.list.length; i++) part[fields.list[i][0]] = CODECS[fields.list[i][1]].decode(code[i], t);
  return part as T;
}

/** The facts as an array for JSON.stringify, their repeated texts numbered in `t`. */
export const encodeFacts = (f: CaseFacts, t: TextTable): unknown[] => encodePart(FACTS, f, t);

/** The facts of {@link encodeFacts}' array, their texts from `t`. */
export const decodeFacts = (c: readonly unknown[], t: TextTable): CaseFacts => decodePart<CaseFacts>(FACTS, c, t);

/** An {@link AccountFirst}'s kinds, by position: account, at, eventID, eventTime, principal, file. */
const FIRST_KINDS: readonly Kind[] = ['text', 'instant', 'value', 'value', 'text', 'text'];

/** A case's first calls per account as arrays for JSON.stringify, their repeated texts numbered in `t`. */
export const encodeFirsts = (firsts: readonly AccountFirst[], t: TextTable): unknown[] =>
  firsts.map((first) => first.map((v, i) => CODECS[FIRST_KINDS[i]].encode(v, t)));

/** The first calls of {@link encodeFirsts}' arrays, their texts from `t`. */
export const decodeFirsts = (c: readonly unknown[][], t: TextTable): AccountFirst[] =>
  c.map((code) => FIRST_KINDS.map((kind, i) => CODECS[kind].decode(code[i], t)) as unknown as AccountFirst);

/** A call as {@link encodeEvent} writes it: row, action, ok, case ids, attachment set ids, language, hidden (1 or 0). */
type EventCode = [unknown[], CaseEvent['action'], boolean, readonly string[], readonly string[], number | null, 0 | 1];

/** A call (case-events.ts) as an array for JSON.stringify, its row's repeated texts numbered in `t`. */
export function encodeEvent(e: CaseEvent, t: TextTable): EventCode {
  return [encodePart(ROW, e.row, t), e.action, e.ok, e.caseIds, e.attachmentSetIds, t.ref(e.language), e.hidden ? 1 : 0];
}

/** The call of {@link encodeEvent}'s array, its texts from `t`; `hidden` only when set, as toCaseEvent makes it. */
export function decodeEvent(c: readonly unknown[], t: TextTable): CaseEvent {
  const [row, action, ok, caseIds, attachmentSetIds, language, hidden] = c as EventCode;
  const event: CaseEvent = { row: decodePart<CaseRowFacts>(ROW, row, t), action, ok, caseIds, attachmentSetIds, language: t.text(language) };
  return hidden === 1 ? { ...event, hidden: true } : event;
}
