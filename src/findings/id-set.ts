/**
 * A set of eventIDs as plain data (it crosses threads in a findings partial), compact for the
 * lowercase UUIDs CloudTrail gives: 16 bytes of words each, found through an open-addressing
 * table; any other id goes to a Set. A finding that matches every record holds every eventID: as a
 * Set of texts the 851,676 of a zip of six 31 MiB minimal-record entries were ~75 MB a finding on
 * each thread, and `report` peaked at 553 MB (two such findings; 2.3M ids in a 48-entry zip).
 */
import { uuidText, uuidWords } from '../scan/first-seen.ts';

export interface IdSet {
  /** How many UUIDs `words` holds (four words each, in the order added). */
  size: number;
  words: Uint32Array;
  /** Open addressing over UUID numbers + 1 (0 = empty); kept at most half full. */
  table: Int32Array;
  readonly others: Set<string>;
}

export const newIdSet = (): IdSet => ({ size: 0, words: new Uint32Array(4 * 64), table: new Int32Array(128), others: new Set() });

const SCRATCH = new Uint32Array(4);

/** Adds `id` (once). */
export function addId(set: IdSet, id: string): void {
  if (!uuidWords(id, SCRATCH)) return void set.others.add(id);
  addWords(set, SCRATCH, 0);
}

/** Adds every id of `from` to `into`. */
export function addIds(into: IdSet, from: IdSet): void {
  for (let i = 0; i < from.size; i++) addWords(into, from.words, i * 4);
  for (const id of from.others) into.others.add(id);
}

/** How many ids the set holds. */
export const idCount = (set: IdSet): number => set.size + set.others.size;

/** Every id, in string order (UUID words compare as their lowercase hex text does). */
export function sortedIds(set: IdSet): string[] {
  const order = Array.from({ length: set.size }, (_, i) => i);
  const w = set.words;
  order.sort((a, b) => {
    for (let k = 0; k < 4; k++) if (w[a * 4 + k] !== w[b * 4 + k]) return w[a * 4 + k] - w[b * 4 + k];
    return 0;
  });
  const others = [...set.others].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: string[] = [];
  let o = 0;
  for (const i of order) {
    const id = uuidText(w, i * 4);
    while (o < others.length && others[o] < id) out.push(others[o++]);
    out.push(id);
  }
  while (o < others.length) out.push(others[o++]);
  return out;
}

function addWords(set: IdSet, key: Uint32Array, at: number): void {
  const slot = find(set, key, at);
  if (set.table[slot] !== 0) return;
  const n = set.size++;
  if (n * 4 === set.words.length) {
    const grown = new Uint32Array(set.words.length * 2);
    grown.set(set.words);
    set.words = grown;
  }
  set.words.set(key.subarray(at, at + 4), n * 4);
  set.table[slot] = n + 1;
  if (set.size * 2 > set.table.length) rehash(set);
}

/** The slot of the key at `key[at]`: where it is, or the empty one where it would go. */
function find(set: IdSet, key: Uint32Array, at: number): number {
  const { table, words } = set;
  const mask = table.length - 1;
  const k0 = key[at], k1 = key[at + 1], k2 = key[at + 2], k3 = key[at + 3];
  let slot = Math.imul(k0 ^ k1 ^ k2 ^ k3, 0x9e3779b1) >>> 0 & mask;
  for (;;) {
    const stored = table[slot];
    if (stored === 0) return slot;
    const id = (stored - 1) * 4;
    if (words[id] === k0 && words[id + 1] === k1 && words[id + 2] === k2 && words[id + 3] === k3) return slot;
    slot = (slot + 1) & mask;
  }
}

function rehash(set: IdSet): void {
  set.table = new Int32Array(set.table.length * 2);
  for (let n = 0; n < set.size; n++) set.table[find(set, set.words, n * 4)] = n + 1;
}
