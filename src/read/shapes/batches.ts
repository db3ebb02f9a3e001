/**
 * The collector every shape reader writes into: records grouped by shape, each with its index in
 * the file (or archive entry), and the records that could not be unwrapped. Indexes count every
 * candidate record, kept or rejected, so they stay the position a reader can look up.
 */
import type { InputShape, RecordBatch } from '../../types.ts';

/** A record that could not be taken out of its wrapper (a bad line, a lookup-events mismatch). */
export interface ShapeReject {
  readonly index: number;
  readonly stage: 'parse' | 'validate';
  readonly reason: string;
  /** JSON pointer into the record (or the wrapper) that the reason is about. */
  readonly pointer?: string;
}

interface OpenBatch {
  shape: InputShape;
  partial: boolean;
  records: unknown[];
  indexes: number[];
}

/** Collects the records of one file or archive entry, in order. */
export class BatchBuilder {
  private readonly open = new Map<string, OpenBatch>();
  private readonly whole: RecordBatch[] = [];
  readonly rejects: ShapeReject[] = [];
  /** The index the next candidate record gets. */
  private next = 0;

  constructor(readonly archivePath: string | null = null) {}

  /** Reserves the next index (one per candidate record, kept or not). */
  take(): number {
    return this.next++;
  }

  /** Adds one record at an index from {@link take}. */
  add(shape: InputShape, record: unknown, index: number, partial = false): void {
    const key = partial ? `${shape}+partial` : shape;
    let batch = this.open.get(key);
    if (!batch) this.open.set(key, batch = { shape, partial, records: [], indexes: [] });
    batch.records.push(record);
    batch.indexes.push(index);
  }

  /** Adds a whole array as one batch without copying it (the delivery-file fast path). */
  addArray(shape: InputShape, records: unknown[]): void {
    if (this.next === 0 && this.open.size === 0) {
      this.whole.push({ shape, archivePath: this.archivePath, partial: false, records, indexes: null });
      this.next = records.length;
      return;
    }
    for (const record of records) this.add(shape, record, this.take());
  }

  reject(index: number, stage: ShapeReject['stage'], reason: string, pointer?: string): void {
    this.rejects.push(pointer === undefined ? { index, stage, reason } : { index, stage, reason, pointer });
  }

  /** Number of candidate records so far (kept + rejected). */
  get count(): number {
    return this.next;
  }

  batches(): RecordBatch[] {
    const built = [...this.open.values()].map((b) => ({
      shape: b.shape,
      archivePath: this.archivePath,
      partial: b.partial,
      records: b.records,
      indexes: b.indexes,
    }));
    return [...this.whole, ...built];
  }
}
