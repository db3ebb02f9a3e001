/**
 * The case state's lines (case-spill.ts): how cases are written as text and read back. Pure; packed
 * cases are plain data, made on the workers.
 */
import { decodeFacts, decodeFirsts, encodeFacts, encodeFirsts, TextTable } from './case-codec.ts';
import { type AccountFirst, addAccountFirsts, type CaseFacts, mergeCaseFacts } from './case-facts.ts';

/** Files a spill is split into; a partition file too large to read whole is split again the same way (case-spill.ts). */
export const PARTITIONS = 32;

/** FNV-1a over the id's UTF-16 code units, seeded by the depth so each split spreads differently. */
export function partitionOf(id: string, depth: number): number {
  let h = (0x811c9dc5 ^ Math.imul(depth, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) % PARTITIONS;
}

export const byPartition = (): string[][] => Array.from({ length: PARTITIONS }, () => []);

/**
 * One case's line (without its newline): its facts (`null` for none) and, when given, its first
 * calls per account, their repeated texts numbered in `texts`.
 */
export function caseLine(id: string, facts: CaseFacts | undefined, texts: TextTable, firsts?: readonly AccountFirst[]): string {
  const rest = firsts ? `\t${JSON.stringify(encodeFirsts(firsts, texts))}` : '';
  return `${JSON.stringify(id)}\t${facts ? JSON.stringify(encodeFacts(facts, texts)) : 'null'}${rest}`;
}

export const idOfLine = (line: string): string => JSON.parse(line.slice(0, line.indexOf('\t')));

/** The case of a line with facts ({@link caseLine}): its id and facts, as {@link mergeLines} reads them. */
export function parseCaseLine(line: string, texts: TextTable): [string, CaseFacts] {
  const read = emptyPartition();
  mergeLines(read, line, undefined, 'facts', texts);
  return [...read.cases][0];
}

export const TABLE = '#';
const tableLine = (texts: TextTable) => `${TABLE}${JSON.stringify(texts.list)}\n`;

/** Cases as chunks of lines by partition ('' for none): plain data, it crosses threads. */
export interface PackedCases {
  readonly chunks: readonly string[];
  readonly lines: number;
}

/** The cases of one partition read back: their facts, and the first call per account the findings noted. */
export interface Partition {
  readonly cases: Map<string, CaseFacts>;
  readonly firsts: Map<string, AccountFirst[]>;
}

export const emptyPartition = (): Partition => ({ cases: new Map(), firsts: new Map() });

/**
 * The cases as one chunk per partition, each with its own text table (see the module comment),
 * with the first calls per account of `firsts` (a case there may have no facts: its line says
 * `null`). Pure.
 */
export function packCases(cases: ReadonlyMap<string, CaseFacts>, firsts: ReadonlyMap<string, readonly AccountFirst[]> = new Map()): PackedCases {
  const lines = byPartition();
  const tables = Array.from({ length: PARTITIONS }, () => new TextTable());
  const line = (id: string, facts: CaseFacts | undefined) => {
    const p = partitionOf(id, 0);
    lines[p].push(`${caseLine(id, facts, tables[p], firsts.get(id))}\n`);
  };
  for (const [id, facts] of cases) line(id, facts);
  let count = cases.size;
  for (const id of firsts.keys()) if (!cases.has(id)) line(id, undefined), count++;
  return { chunks: lines.map((l, p) => (l.length === 0 ? '' : tableLine(tables[p]) + l.join(''))), lines: count };
}

/** What is read of a case line: its facts, the first calls, or both. */
export type LineParts = 'facts' | 'firsts' | 'both';

/**
 * Merges the case lines of `text` (chunks of one partition) into `into`, the `parts` asked for; a
 * line of an id not in `only` is skipped before it is read. Lines before any table line are read
 * with `texts`.
 */
export function mergeLines(into: Partition, text: string, only: ReadonlySet<string> | undefined, parts: LineParts = 'both', texts?: TextTable): void {
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith(TABLE)) {
      texts = TextTable.of(JSON.parse(line.slice(TABLE.length)));
      continue;
    }
    const tab = line.indexOf('\t');
    const tab2 = line.indexOf('\t', tab + 1);
    // Only the first calls asked for: a line without them is skipped before anything is parsed.
    if (parts === 'firsts' && tab2 < 0) continue;
    const id: string = JSON.parse(line.slice(0, tab));
    if (only && !only.has(id)) continue;
    if (!texts) throw new Error('the case state has a case line before any text table');
    if (parts !== 'firsts') {
      const code = JSON.parse(tab2 < 0 ? line.slice(tab + 1) : line.slice(tab + 1, tab2));
      if (code !== null) mergeFacts(into.cases, id, decodeFacts(code, texts));
    }
    if (parts !== 'facts' && tab2 >= 0) addAccountFirsts(into.firsts, id, decodeFirsts(JSON.parse(line.slice(tab2 + 1)), texts));
  }
}

function mergeFacts(cases: Map<string, CaseFacts>, id: string, facts: CaseFacts): void {
  const mine = cases.get(id);
  if (mine) mergeCaseFacts(mine, facts);
  else cases.set(id, facts);
}
