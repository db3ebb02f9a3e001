/**
 * A set of eventIDs as plain data (it crosses threads in a findings partial), compact for the
 * lowercase UUIDs CloudTrail gives: 16 bytes of words each, appended as they come, sorted and made
 * distinct once, when the finding is finished; any other id goes to a Set. A finding that matches
 * every record holds every eventID: as a Set of texts the 851,676 of a zip of six 31 MiB
 * minimal-record entries were ~75 MB a finding on each thread. With a hash table beside the words
 * (4 bytes a slot, kept half full) the 2,297,904 ids of a 48-entry zip took 100 MB; appended they
 * take 37-55 MB, and the merger has already dropped repeated events, so the table found none.
 *
 * Most sets are small: a rule grouped by case or by new IP makes one per story (16,932 sets of
 * two ids on the 2,000-file dense corpus). So a set starts with room for one id (a 16-byte array,
 * which V8 keeps on its heap), and its set of other ids is made only when one comes. Made with
 * room for 16 ids (a 256-byte buffer outside the heap: ~810 bytes of RSS each, measured 100,000 at
 * a time) and an empty Set (~150 bytes of heap), those sets took ~16 MB there.
 */
import { uuidText, uuidWords } from '../scan/uuid-words.ts';

export interface IdSet {
  /** How many UUIDs `words` holds (four words each, in the order added; one may repeat until sorted). */
  size: number;
  words: Uint32Array;
  /** The ids that are not lowercase UUIDs, once there is one. */
  others?: Set<string>;
}

export const newIdSet = (): IdSet => ({ size: 0, words: new Uint32Array(4) });

const SCRATCH = new Uint32Array(4);

/** Adds `id`. */
export function addId(set: IdSet, id: string): void {
  if (!uuidWords(id, SCRATCH)) return void (set.others ??= new Set()).add(id);
  reserve(set, 1);
  set.words.set(SCRATCH, set.size++ * 4);
}

/** Adds every id of `from` to `into`. */
export function addIds(into: IdSet, from: IdSet): void {
  reserve(into, from.size);
  into.words.set(from.words.subarray(0, from.size * 4), into.size * 4);
  into.size += from.size;
  if (from.others) { for (const id of from.others) (into.others ??= new Set()).add(id); }
}

/** Room for `more` UUIDs; grown by half (doubling left up to half the words unused at 2.3M ids). */
function reserve(set: IdSet, more: number): void {
  const need = (set.size + more) * 4;
  if (need <= set.words.length) return;
  const grown = new Uint32Array(Math.max(need, Math.ceil(set.words.length * 1.5 / 4) * 4));
  grown.set(set.words.subarray(0, set.size * 4));
  set.words = grown;
}

/** How many distinct ids the set holds. */
export const idCount = (set: IdSet): number => sortedIds(set).length;

/** A bit set in a pick: the id is one of the texts that are not UUIDs. */
const OTHER = 2 ** 31;

/**
 * The distinct ids of a set, in string order (UUID words compare as their lowercase hex text
 * does), read as texts only when asked for: a finding can name millions of events, and as an
 * array of texts the 2.3M of one finding took 150 MB (56 bytes a text, 8 a slot, plus the sort's
 * order), more than the rest of the report. `JSON.stringify` writes it as an array.
 */
export class SortedIds implements Iterable<string> {
  /** How many distinct ids. */
  readonly length: number;

  /** `pick[i]`: the UUID at `words[pick[i] * 4]`, or `others[pick[i] - OTHER]`. */
  private constructor(private readonly words: Uint32Array, private readonly pick: Uint32Array, private readonly others: readonly string[]) {
    this.length = pick.length;
  }

  /** The ids of `set`, sorted and distinct (the set's words are shared, not copied). */
  static of(set: IdSet): SortedIds {
    const w = set.words;
    const order = new Uint32Array(set.size);
    for (let i = 0; i < order.length; i++) order[i] = i;
    order.sort((a, b) => {
      for (let k = 0; k < 4; k++) if (w[a * 4 + k] !== w[b * 4 + k]) return w[a * 4 + k] - w[b * 4 + k];
      return 0;
    });
    const others = [...(set.others ?? [])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const pick = new Uint32Array(order.length + others.length);
    let n = 0;
    let o = 0;
    for (let i = 0; i < order.length; i++) {
      if (i > 0 && sameWords(w, order[i] * 4, order[i - 1] * 4)) continue;
      if (o < others.length) {
        const id = uuidText(w, order[i] * 4);
        while (o < others.length && others[o] < id) pick[n++] = OTHER + o++;
      }
      pick[n++] = order[i];
    }
    while (o < others.length) pick[n++] = OTHER + o++;
    return new SortedIds(w, pick.slice(0, n), others);
  }

  /** The id at position `i` (0 <= i < length). */
  at(i: number): string {
    const p = this.pick[i];
    return p >= OTHER ? this.others[p - OTHER] : uuidText(this.words, p * 4);
  }

  /** The ids from `from` to `to` (exclusive) as texts, as `Array.prototype.slice` takes them. */
  slice(from = 0, to = this.length): string[] {
    const [a, b] = [bound(from, this.length), bound(to, this.length)];
    const out: string[] = [];
    for (let i = a; i < b; i++) out.push(this.at(i));
    return out;
  }

  *[Symbol.iterator](): Iterator<string> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  /** Every id, as `JSON.stringify` writes the list (render/json.ts writes a long one in slices). */
  toJSON(): string[] {
    return this.slice();
  }
}

/** Every distinct id of `set`, in string order. */
export const sortedIds = (set: IdSet): SortedIds => SortedIds.of(set);

const bound = (i: number, length: number) => (i < 0 ? Math.max(length + i, 0) : Math.min(i, length));

const sameWords = (w: Uint32Array, a: number, b: number) => w[a] === w[b] && w[a + 1] === w[b + 1] && w[a + 2] === w[b + 2] && w[a + 3] === w[b + 3];
