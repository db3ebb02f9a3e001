/**
 * The first occurrence of each eventID, for duplicate detection over millions of rows in little
 * memory (the export streams rows away, but this index stays for the whole run). CloudTrail
 * eventIDs are lowercase UUIDs: they are kept as 128-bit keys in typed arrays, found through an
 * open-addressing hash table, 27 bytes per id and 5-10 of table; any other id goes to a Map. A Map of
 * `{ path, index, fingerprint }` objects took ~220 bytes per id: 180 MB at 800k Support rows,
 * most of the 300 MB budget of the 1M-record export benchmark (bench/RESULTS.md). Places (file,
 * archive entry) and shapes are interned: rows come file by file.
 */

import { uuidText, uuidWords } from './uuid-words.ts';

/** Where an eventID was first seen (place: file, or file!/entry), how it was read, and a 52-bit prefix of its fingerprint. */
export interface FirstSeenEntry {
  readonly place: string;
  readonly index: number;
  readonly print: number;
  readonly shape: string;
  readonly partial: boolean;
}

/** What {@link FirstSeen.add} records about the first occurrence. */
export type FirstSeenInput = Omit<FirstSeenEntry, 'print'> & { readonly fingerprint: string };

/** The first 52 bits of a hex fingerprint as an exact integer: enough to tell payloads apart. */
export const printOf = (hex: string): number => parseInt(hex.slice(0, 13), 16);

/**
 * Entries live in blocks of 2^16 that are never moved: grown by copying into arrays half as large
 * again, the entries of the 800,000-event dense export stood at 43 MB for 29 MB used, and each
 * growth left the old arrays (up to 25 MB) as garbage until a full collection.
 */
const BLOCK_BITS = 16;
const BLOCK = 1 << BLOCK_BITS;
const IN_BLOCK = BLOCK - 1;

/**
 * An entry's place is not stored with it: entries come place by place, so each run of entries from
 * one place is one item of `places` and `placeStarts`. With notes in a byte, that took the index
 * from 36 to 29 bytes an entry (39 -> 33 MB for the 800,000 Support events of the 2,000-file dense corpus),
 * and two-byte record indexes with the table kept 4/5 full took the index to 26 MB (31.6 MB at
 * half full with four-byte indexes, measured adding 800,000 random UUIDs).
 */
interface Block {
  readonly ids: Uint32Array;
  /** The record's index in its place, or {@link INDEX_ELSEWHERE}. */
  readonly indexes: Uint16Array;
  readonly prints: Float64Array;
  /** Shape ordinal * 4 + (id not a UUID) * 2 + partial. */
  readonly notes: Uint8Array;
}

/**
 * A record index that is in `bigIndexes` instead: a delivery file holds a few thousand records,
 * so two bytes hold nearly every index (an Event history export can hold more).
 */
const INDEX_ELSEWHERE = 0xffff;

/** Shapes a note's byte can name (there are far fewer: types.ts InputShape). */
const MAX_SHAPES = 64;

const newBlock = (): Block => ({
  ids: new Uint32Array(4 * BLOCK),
  indexes: new Uint16Array(BLOCK),
  prints: new Float64Array(BLOCK),
  notes: new Uint8Array(BLOCK),
});

export class FirstSeen {
  private size = 0;
  private readonly blocks: Block[] = [];
  /**
   * Open addressing over entry numbers + 1 (0 = empty), kept at most 4/5 full: at half full, the
   * 800,000 Support events of the 2,000-file dense corpus took 2^21 slots (8 MiB), at 4/5 2^20 (4
   * MiB), for 6% more time adding and finding 800,000 random UUIDs (2.37 against 2.24-2.31 s, with
   * the object per call that the merge does not make).
   */
  private table = new Int32Array(4096);
  private readonly others = new Map<string, number>();
  /** Record indexes of {@link INDEX_ELSEWHERE} or more, by entry. */
  private readonly bigIndexes = new Map<number, number>();
  /**
   * The ids that are not UUIDs by entry, for the ledger's lines. Kept as they come, not made when
   * first asked for: results that compare equal must not differ by what was read of them.
   */
  private readonly otherIds = new Map<number, string>();
  /** The place of each run of entries, and the entry it starts at. */
  private readonly places: string[] = [];
  private readonly placeStarts: number[] = [];
  private readonly shapes: string[] = [];
  private released = false;

  /**
   * Drops every entry, for a run whose scan is done and whose ledger names none (no repeats): the
   * index is the one structure that grows with the archive (~33 bytes an event, 26 MB for the
   * 2,000-file dense corpus's 800,000 Support events), and what comes after the scan (the cases
   * read back from disk, the reports, the output) no longer needs it. Any use after is an error.
   */
  release(): void {
    this.released = true;
    this.blocks.length = 0;
    this.table = new Int32Array(0);
    this.others.clear();
    this.otherIds.clear();
    this.bigIndexes.clear();
  }

  private checkHeld(): void {
    if (this.released) throw new Error('the first-seen index was released when the scan was done');
  }

  /** The first occurrence of `id`, if any. */
  get(id: string): FirstSeenEntry | undefined {
    const entry = this.entryOf(id);
    return entry < 0 ? undefined : this.entry(entry);
  }

  /** The entry number of `id`'s first occurrence, or -1. */
  entryOf(id: string): number {
    this.checkHeld();
    return uuidWords(id, SCRATCH) ? this.entryOfWords(SCRATCH, 0) : this.others.get(id) ?? -1;
  }

  /** The entry number of the UUID held as four words at `words[at]` (see {@link uuidWords}), or -1. */
  entryOfWords(words: Uint32Array, at: number): number {
    return this.find(words, at).entry ?? -1;
  }

  /** What entry `entry` (from {@link entryOf}) holds. */
  entry(entry: number): FirstSeenEntry {
    const block = this.blocks[entry >>> BLOCK_BITS];
    const at = entry & IN_BLOCK;
    const note = block.notes[at];
    return {
      place: this.places[this.runOf(entry)],
      index: block.indexes[at] === INDEX_ELSEWHERE ? this.bigIndexes.get(entry)! : block.indexes[at],
      print: block.prints[at],
      shape: this.shapes[note >> 2],
      partial: (note & 1) === 1,
    };
  }

  /** The eventID of entry `entry`, as it was added. */
  idOf(entry: number): string {
    const block = this.blocks[entry >>> BLOCK_BITS];
    const at = entry & IN_BLOCK;
    return (block.notes[at] & 2) === 0 ? uuidText(block.ids, at * 4) : this.otherIds.get(entry)!;
  }

  /** Records the first occurrence of `id` (call only after `get` found none). */
  add(id: string, first: FirstSeenInput): void {
    const { fingerprint, ...rest } = first;
    const entry = { ...rest, print: printOf(fingerprint) };
    if (uuidWords(id, SCRATCH)) this.addWords(SCRATCH, 0, entry);
    else this.addOther(id, entry);
  }

  /** Records the first occurrence of the UUID held as four words at `words[at]` (call only after none was found). */
  addWords(words: Uint32Array, at: number, first: FirstSeenEntry): void {
    const entry = this.addEntry(first);
    this.blocks[entry >>> BLOCK_BITS].ids.set(words.subarray(at, at + 4), (entry & IN_BLOCK) * 4);
    this.table[this.find(words, at).slot] = entry + 1;
    if (this.size * 5 > this.table.length * 4) this.rehash();
  }

  /** Records the first occurrence of an id that is not a lowercase UUID (call only after none was found). */
  addOther(id: string, first: FirstSeenEntry): void {
    const entry = this.addEntry(first);
    this.blocks[entry >>> BLOCK_BITS].notes[entry & IN_BLOCK] |= 2;
    this.others.set(id, entry);
    this.otherIds.set(entry, id);
  }

  private addEntry(first: FirstSeenEntry): number {
    const entry = this.size++;
    if (entry >>> BLOCK_BITS === this.blocks.length) this.blocks.push(newBlock());
    const block = this.blocks[entry >>> BLOCK_BITS];
    const at = entry & IN_BLOCK;
    if (this.places[this.places.length - 1] !== first.place) {
      this.places.push(first.place);
      this.placeStarts.push(entry);
    }
    if (first.index >= 0 && first.index < INDEX_ELSEWHERE) block.indexes[at] = first.index;
    else {
      block.indexes[at] = INDEX_ELSEWHERE;
      this.bigIndexes.set(entry, first.index);
    }
    block.prints[at] = first.print;
    let shape = this.shapes.indexOf(first.shape);
    if (shape < 0) shape = this.shapes.push(first.shape) - 1;
    if (shape >= MAX_SHAPES) throw new Error(`more than ${MAX_SHAPES} input shapes`);
    block.notes[at] = shape * 4 + (first.partial ? 1 : 0);
    return entry;
  }

  /** The run of places that holds `entry`: the last that starts at or before it. */
  private runOf(entry: number): number {
    let low = 0, high = this.placeStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (this.placeStarts[mid] <= entry) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  private find(key: Uint32Array, at: number): { slot: number; entry: number | undefined } {
    this.checkHeld();
    const mask = this.table.length - 1;
    const k0 = key[at], k1 = key[at + 1], k2 = key[at + 2], k3 = key[at + 3];
    // UUID bits are random (v4) or time-based (v1): mixing the words spreads both.
    let slot = Math.imul(k0 ^ k1 ^ k2 ^ k3, 0x9e3779b1) >>> 0 & mask;
    for (;;) {
      const stored = this.table[slot];
      if (stored === 0) return { slot, entry: undefined };
      const ids = this.blocks[(stored - 1) >>> BLOCK_BITS].ids;
      const id = ((stored - 1) & IN_BLOCK) * 4;
      if (ids[id] === k0 && ids[id + 1] === k1 && ids[id + 2] === k2 && ids[id + 3] === k3) {
        return { slot, entry: stored - 1 };
      }
      slot = (slot + 1) & mask;
    }
  }

  private rehash(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    for (const stored of old) {
      if (stored !== 0) this.table[this.find(this.blocks[(stored - 1) >>> BLOCK_BITS].ids, ((stored - 1) & IN_BLOCK) * 4).slot] = stored;
    }
  }
}

const SCRATCH = new Uint32Array(4);
