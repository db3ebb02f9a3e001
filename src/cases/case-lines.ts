/**
 * The case state's lines (case-spill.ts): how cases are written as text and read back. Pure; packed
 * cases are plain data, made on the workers.
 */
import { decodeFacts, encodeFacts, TextTable } from './case-codec.ts';
import { type CaseFacts, mergeCaseFacts } from './case-facts.ts';

/** Files a spill is split into; a partition file too large to read whole is split again the same way (case-spill.ts). */
export const PARTITIONS = 32;

/** FNV-1a over the id's UTF-16 code units, seeded by the depth so each split spreads differently. */
export function partitionOf(id: string, depth: number): number {
  let h = (0x811c9dc5 ^ Math.imul(depth, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) % PARTITIONS;
}

export const byPartition = (): string[][] => Array.from({ length: PARTITIONS }, () => []);

/** One case's line (without its newline), its repeated texts numbered in `texts`. */
export const caseLine = (id: string, f: CaseFacts, texts: TextTable): string => `${JSON.stringify(id)}\t${JSON.stringify(encodeFacts(f, texts))}`;

export const idOfLine = (line: string): string => JSON.parse(line.slice(0, line.indexOf('\t')));

/** The case of a line: its id and facts, as they were written. */
export function parseCaseLine(line: string, texts: TextTable): [string, CaseFacts] {
  const tab = line.indexOf('\t');
  return [JSON.parse(line.slice(0, tab)), decodeFacts(JSON.parse(line.slice(tab + 1)), texts)];
}

export const TABLE = '#';
const tableLine = (texts: TextTable) => `${TABLE}${JSON.stringify(texts.list)}\n`;

/** Cases as chunks of lines by partition ('' for none): plain data, it crosses threads. */
export interface PackedCases {
  readonly chunks: readonly string[];
  readonly lines: number;
}

/** The cases as one chunk per partition, each with its own text table (see the module comment). Pure. */
export function packCases(cases: ReadonlyMap<string, CaseFacts>): PackedCases {
  const lines = byPartition();
  const tables = Array.from({ length: PARTITIONS }, () => new TextTable());
  for (const [id, facts] of cases) {
    const p = partitionOf(id, 0);
    lines[p].push(`${caseLine(id, facts, tables[p])}\n`);
  }
  return { chunks: lines.map((l, p) => (l.length === 0 ? '' : tableLine(tables[p]) + l.join(''))), lines: cases.size };
}

/** Merges the case lines of `text` (chunks of one partition) into `cases`; a line of an id not in `only` is skipped before it is read. */
export function mergeLines(cases: Map<string, CaseFacts>, text: string, only: ReadonlySet<string> | undefined): void {
  let texts: TextTable | undefined;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith(TABLE)) {
      texts = TextTable.of(JSON.parse(line.slice(TABLE.length)));
      continue;
    }
    if (only && !only.has(idOfLine(line))) continue;
    if (!texts) throw new Error('the case state has a case line before any text table');
    const [id, facts] = parseCaseLine(line, texts);
    const mine = cases.get(id);
    if (mine) mergeCaseFacts(mine, facts);
    else cases.set(id, facts);
  }
}
