/**
 * The first occurrence of each eventID, for duplicate detection over millions of rows in little
 * memory (the export streams rows away, but this index stays for the whole run). CloudTrail
 * eventIDs are lowercase UUIDs: they are kept as 128-bit keys in typed arrays, found through an
 * open-addressing hash table, about 45 bytes per id; any other id goes to a Map. A Map of
 * `{ path, index, fingerprint }` objects took ~220 bytes per id: 180 MB at 800k Support rows,
 * most of the 300 MB budget of the 1M-record export benchmark (bench/RESULTS.md). Places (file,
 * archive entry) and shapes are interned: rows come file by file.
 */

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

export class FirstSeen {
  private size = 0;
  private ids = new Uint32Array(4 * 1024);
  private files = new Int32Array(1024);
  private indexes = new Int32Array(1024);
  private prints = new Float64Array(1024);
  /** Shape ordinal * 2 + partial. */
  private notes = new Int32Array(1024);
  /** Open addressing over entry numbers + 1 (0 = empty); kept at most half full. */
  private table = new Int32Array(4096);
  private readonly others = new Map<string, number>();
  private readonly places: string[] = [];
  private readonly shapes: string[] = [];

  get(id: string): FirstSeenEntry | undefined {
    const entry = uuidWords(id, SCRATCH) ? this.find(SCRATCH).entry : this.others.get(id);
    if (entry === undefined) return undefined;
    const note = this.notes[entry];
    return {
      place: this.places[this.files[entry]],
      index: this.indexes[entry],
      print: this.prints[entry],
      shape: this.shapes[note >> 1],
      partial: (note & 1) === 1,
    };
  }

  /** Records the first occurrence of `id` (call only after `get` found none). */
  add(id: string, first: FirstSeenInput): void {
    const entry = this.size++;
    if (entry === this.files.length) this.growEntries();
    // Rows come file by file, so the place is almost always the last one.
    if (this.places[this.places.length - 1] !== first.place) this.places.push(first.place);
    this.files[entry] = this.places.length - 1;
    this.indexes[entry] = first.index;
    this.prints[entry] = printOf(first.fingerprint);
    let shape = this.shapes.indexOf(first.shape);
    if (shape < 0) shape = this.shapes.push(first.shape) - 1;
    this.notes[entry] = shape * 2 + (first.partial ? 1 : 0);
    if (!uuidWords(id, SCRATCH)) {
      this.others.set(id, entry);
      return;
    }
    this.ids.set(SCRATCH, entry * 4);
    this.table[this.find(SCRATCH).slot] = entry + 1;
    if (this.size * 2 > this.table.length) this.rehash();
  }

  private find(key: Uint32Array): { slot: number; entry: number | undefined } {
    const mask = this.table.length - 1;
    // UUID bits are random (v4) or time-based (v1): mixing the words spreads both.
    let slot = Math.imul(key[0] ^ key[1] ^ key[2] ^ key[3], 0x9e3779b1) >>> 0 & mask;
    for (;;) {
      const stored = this.table[slot];
      if (stored === 0) return { slot, entry: undefined };
      const at = (stored - 1) * 4;
      if (this.ids[at] === key[0] && this.ids[at + 1] === key[1] && this.ids[at + 2] === key[2] && this.ids[at + 3] === key[3]) {
        return { slot, entry: stored - 1 };
      }
      slot = (slot + 1) & mask;
    }
  }

  private growEntries(): void {
    const grow = <T extends Uint32Array | Int32Array | Float64Array>(a: T, n: number): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    const n = Math.ceil(this.files.length * 1.5);
    this.ids = grow(this.ids, n * 4);
    this.files = grow(this.files, n);
    this.indexes = grow(this.indexes, n);
    this.prints = grow(this.prints, n);
    this.notes = grow(this.notes, n);
  }

  private rehash(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    for (const stored of old) {
      if (stored !== 0) this.table[this.find(this.ids.subarray((stored - 1) * 4, stored * 4)).slot] = stored;
    }
  }
}

const SCRATCH = new Uint32Array(4);

/**
 * Reads a lowercase UUID into four 32-bit words (`into`); false for any other text. One pass over
 * the characters, nothing allocated: the regular expression test and the slicing and parseInt it
 * replaces took 0.55 s of the main thread's 15 s on the 200-file dense report (two calls a row).
 */
export function uuidWords(id: string, into: Uint32Array): boolean {
  if (id.length !== 36) return false;
  let word = 0;
  let digits = 0;
  for (let i = 0; i < 36; i++) {
    const c = id.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false;
      continue;
    }
    const nibble = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (nibble < 0) return false;
    word = (word << 4) | nibble;
    if (++digits % 8 === 0) {
      into[digits / 8 - 1] = word >>> 0;
      word = 0;
    }
  }
  return true;
}
