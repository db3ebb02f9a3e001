/**
 * Row keys (what duplicate detection reads of a Support row) packed in columns, for the report's
 * job to hand a file's keys to the main thread. As one `RowKey` object per row, each with its own
 * copies of the path, entry and shape texts (structured cloning does not share strings) and a
 * 64-character hex fingerprint, the 2,297,904 rows of a 48-entry zip of 31 MiB Support documents
 * took about 1 GB across the two threads (report peaked at 1129 MB, bench/RESULTS.md "Hostile
 * inputs"). Packed: 16 bytes of UUID words, 4 of index, 8 of print and 8 of place and notes, 36
 * bytes a row, with the few distinct texts interned.
 */
import { printOf } from './first-seen.ts';
import { uuidText, uuidWords } from './uuid-words.ts';
import type { SupportRow } from '../types.ts';

/** What duplicate detection reads of a row: its id and where and how it was read. */
export type RowKey = Pick<SupportRow, 'eventID' | 'file' | 'archivePath' | 'index' | 'inputShape' | 'partial'>;

/** How a row's eventID is held: as UUID words, in `otherIds`, or absent. */
const UUID = 0, OTHER = 1, NONE = 2;

/** The keys of a file's rows, in row order; plain data that crosses threads (typed arrays and strings). */
export interface PackedKeys {
  readonly length: number;
  /** Four words a row: the eventID as read by {@link uuidWords}; for any other id, its place in `otherIds`, then zeros. */
  readonly ids: Uint32Array;
  /** Each row's record index in its file or entry. */
  readonly indexes: Int32Array;
  /** Each row's fingerprint as its 52-bit {@link printOf} (0 when none was given): all the merger compares. */
  readonly prints: Float64Array;
  /** Each row's place: an ordinal into `files` and `archivePaths`. */
  readonly places: Int32Array;
  /** Each row's shape ordinal (into `shapes`) * 8 + partial * 4 + how its id is held (UUID, OTHER, NONE). */
  readonly notes: Int32Array;
  readonly files: readonly string[];
  readonly archivePaths: readonly (string | null)[];
  readonly shapes: readonly string[];
  /** The eventIDs that are not lowercase UUIDs, in row order (a list: a Map by row took ~2x the memory). */
  readonly otherIds: readonly string[];
}

/** Builds a {@link PackedKeys}, row by row. */
export class KeyPacker {
  private size = 0;
  private ids = new Uint32Array(4 * 256);
  private indexes = new Int32Array(256);
  private prints = new Float64Array(256);
  private places = new Int32Array(256);
  private notes = new Int32Array(256);
  private readonly files: string[] = [];
  private readonly archivePaths: (string | null)[] = [];
  private readonly shapes: string[] = [];
  private readonly otherIds: string[] = [];

  /** Adds rows with their hex fingerprints (none: prints of 0, for rows no one compares). */
  addAll(rows: readonly RowKey[], fingerprints?: readonly string[]): void {
    for (let i = 0; i < rows.length; i++) this.add(rows[i], fingerprints?.[i]);
  }

  add(row: RowKey, fingerprint?: string): void {
    const at = this.size++;
    if (at === this.indexes.length) this.grow();
    let held = NONE;
    if (row.eventID !== null) {
      held = uuidWords(row.eventID, SCRATCH) ? UUID : OTHER;
      if (held === UUID) this.ids.set(SCRATCH, at * 4);
      else this.ids[at * 4] = this.otherIds.push(row.eventID) - 1;
    }
    this.indexes[at] = row.index;
    this.prints[at] = fingerprint === undefined ? 0 : printOf(fingerprint);
    this.places[at] = this.placeOf(row.file, row.archivePath);
    let shape = this.shapes.indexOf(row.inputShape);
    if (shape < 0) shape = this.shapes.push(row.inputShape) - 1;
    this.notes[at] = shape * 8 + (row.partial ? 4 : 0) + held;
  }

  /** The keys added, in columns of their exact length (a view would clone its whole buffer). */
  pack(): PackedKeys {
    const n = this.size;
    return {
      length: n,
      ids: this.ids.slice(0, n * 4),
      indexes: this.indexes.slice(0, n),
      prints: this.prints.slice(0, n),
      places: this.places.slice(0, n),
      notes: this.notes.slice(0, n),
      files: this.files,
      archivePaths: this.archivePaths,
      shapes: this.shapes,
      otherIds: this.otherIds,
    };
  }

  private placeOf(file: string, archivePath: string | null): number {
    // Rows come document by document, so the place is almost always the last one.
    const last = this.files.length - 1;
    if (last >= 0 && this.files[last] === file && this.archivePaths[last] === archivePath) return last;
    for (let i = 0; i < last; i++) if (this.files[i] === file && this.archivePaths[i] === archivePath) return i;
    this.files.push(file);
    return this.archivePaths.push(archivePath) - 1;
  }

  /** By half again, not double: the columns are copied once more to their exact length when packed. */
  private grow(): void {
    const n = Math.ceil(this.indexes.length * 1.5);
    const grow = <T extends Uint32Array | Int32Array | Float64Array>(a: T, length: number): T => {
      const b = new (a.constructor as new (n: number) => T)(length);
      b.set(a);
      return b;
    };
    this.ids = grow(this.ids, n * 4);
    this.indexes = grow(this.indexes, n);
    this.prints = grow(this.prints, n);
    this.places = grow(this.places, n);
    this.notes = grow(this.notes, n);
  }
}

const SCRATCH = new Uint32Array(4);

/** No keys. */
export const noKeys = (): PackedKeys => new KeyPacker().pack();

/** How row `i`'s eventID is held: as UUID words at `ids[4 * i]`, as another text, or not at all (null). */
export function idHeldAt(keys: PackedKeys, i: number): 'uuid' | 'none' | { readonly other: string } {
  const held = keys.notes[i] & 3;
  return held === UUID ? 'uuid' : held === NONE ? 'none' : { other: keys.otherIds[keys.ids[i * 4]] };
}

/** The eventID of row `i`, as read. */
export function eventIdAt(keys: PackedKeys, i: number): string | null {
  const held = keys.notes[i] & 3;
  return held === NONE ? null : held === OTHER ? keys.otherIds[keys.ids[i * 4]] : uuidText(keys.ids, i * 4);
}

/** The archive entry of row `i` (null for a file that is not an archive). */
export const archivePathAt = (keys: PackedKeys, i: number): string | null => keys.archivePaths[keys.places[i]];

/** Row `i` as a {@link RowKey} object but its eventID (whose text is made only when asked for). */
export function placedKeyAt(keys: PackedKeys, i: number): Omit<RowKey, 'eventID'> {
  const note = keys.notes[i];
  return {
    file: keys.files[keys.places[i]],
    archivePath: archivePathAt(keys, i),
    index: keys.indexes[i],
    inputShape: keys.shapes[note >> 3] as RowKey['inputShape'],
    partial: (note & 4) !== 0,
  };
}

/** Row `i` as a {@link RowKey} object. */
export const keyAt = (keys: PackedKeys, i: number): RowKey => ({ eventID: eventIdAt(keys, i), ...placedKeyAt(keys, i) });

/**
 * A set of row places (archive entry, record index), one bit a record: the rows a file's report
 * is folded again without. As `entry\0index` texts in a Set, the 2.25M repeats of a zip holding
 * one 31 MiB entry under 48 names took ~150 MB.
 */
export class RowPlaces {
  private readonly bits = new Map<string | null, Uint8Array>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(archivePath: string | null, index: number): void {
    let bits = this.bits.get(archivePath);
    if (!bits || bits.length <= index >> 3) {
      const grown = new Uint8Array(Math.max(64, (index >> 3) + 1, (bits?.length ?? 0) * 2));
      if (bits) grown.set(bits);
      this.bits.set(archivePath, bits = grown);
    }
    if ((bits[index >> 3] & (1 << (index & 7))) === 0) this.count++;
    bits[index >> 3] |= 1 << (index & 7);
  }

  has(archivePath: string | null, index: number): boolean {
    const bits = this.bits.get(archivePath);
    return bits !== undefined && index >> 3 < bits.length && (bits[index >> 3] & (1 << (index & 7))) !== 0;
  }
}
