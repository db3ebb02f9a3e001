/**
 * Hive-partitioned datasets: `account=…/region=…/date=YYYY-MM-DD/part-N.parquet`, the layout that
 * DuckDB (`hive_partitioning=true`), Spark, Athena and Trino read as partition columns. Rows
 * arrive in discovery order; the AWSLogs layout clusters them by account, region and day, but an
 * Event history export, lookup-events output or a multi-region capture interleaves them row by
 * row. So rows wait per partition (one shared memory budget) and go out a row group at a time.
 * A part file stays open while its partition keeps getting rows; it is completed when the
 * partition got none for a whole budget round, when more than 64 are open (least recently written
 * first) or when the open files hold too many row groups (most first). A partition that comes back
 * after its file was completed gets the next part number: at most one new part per round it has
 * rows in, or per full row group. Part names and bytes depend only on the rows in order, so the
 * same archive gives the same files.
 */
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { RunError } from '../errors.ts';
import { type ColumnSpec, epochMs, EXPORT_COLUMNS } from './columns.ts';
import { HIVE_NULL, hiveValue } from './hive.ts';
import { approxBytes, type BatchLimits, DEFAULT_BATCH_LIMITS, type ExportRow, type RowSink } from './row-sink.ts';

export { HIVE_NULL, hiveValue };

export const PARTITION_KEYS = ['account', 'region', 'date'] as const;
export type PartitionKey = (typeof PARTITION_KEYS)[number];

/**
 * Parses `--partition-by account,region,date` (comma-separated, repeatable); order is kept. No
 * values means no partitioning; a value with no key in it (`--partition-by ''`) is a usage error.
 */
export function parsePartitionBy(values: readonly string[]): PartitionKey[] {
  const lists = values.map((v) => v.split(',').map((k) => k.trim()).filter(Boolean));
  if (lists.some((list) => list.length === 0)) throw new RunError(`--partition-by needs at least one key: ${PARTITION_KEYS.join(', ')} (comma-separated)`);
  const keys = lists.flat();
  for (const key of keys) {
    if (!(PARTITION_KEYS as readonly string[]).includes(key)) {
      throw new RunError(`--partition-by ${JSON.stringify(key)} is not one of ${PARTITION_KEYS.join(', ')}`);
    }
  }
  if (new Set(keys).size !== keys.length) throw new RunError(`--partition-by lists a key twice: ${keys.join(',')}`);
  return keys as PartitionKey[];
}

/** The partition value of a row: `date` is the UTC day of eventTime. */
function valueOf(row: ExportRow, key: PartitionKey): string | null {
  if (key !== 'date') return (row[key] as string | null) ?? null;
  const ms = epochMs(row.eventTime);
  return ms === null ? null : new Date(ms).toISOString().slice(0, 10);
}

/** The folder of a row, e.g. `account=111122223333/region=us-east-1/date=2026-01-05`. */
export function partitionDir(row: ExportRow, keys: readonly PartitionKey[]): string {
  return keys.map((key) => `${key}=${hiveValue(valueOf(row, key))}`).join('/');
}

/** The columns written inside partition files: the partition keys live in the path only (Spark rejects duplicates). */
export function partitionFileColumns(keys: readonly PartitionKey[]): ColumnSpec[] {
  return EXPORT_COLUMNS.filter((c) => !(keys as readonly string[]).includes(c.name));
}

/** Refuses a dataset folder that already has files: new parts would mix with a previous export. */
export async function assertFreshDir(dir: string): Promise<void> {
  const entries = await readdir(dir).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? [] : Promise.reject(err)));
  if (entries.length > 0) throw new RunError(`cannot write ${dir}: the folder is not empty (a partitioned export needs a new or empty folder)`);
}

export interface PartitionOptions {
  /**
   * Part files kept open at once (default 64). A partition's part file stays open between its row
   * groups; beyond this many, the least recently written one is closed and that partition goes on
   * in its next part file. An open file costs a file handle and its footer's metadata (Parquet
   * files share one encoding buffer), not a row group's buffer.
   */
  readonly maxOpen?: number;
  /**
   * Row groups (record batches) the open part files may hold together (default 512). A Parquet
   * writer keeps each row group's metadata, ~33 KB, until its footer is written; at the cap the
   * open file with the most row groups is closed, so this is ~17 MB at most.
   */
  readonly maxRowGroups?: number;
  /**
   * Approximate bytes of the rows waiting in all partitions together (default 8 MiB, one row
   * group's worth: with 64 MiB the 1M-record bench peaked at 389 MB). Over it, every partition
   * with rows waiting writes them as one row group: at most one row group per partition per
   * budget's worth of rows. (Writing only the fullest left partitions that no longer got rows
   * holding the budget and cut the current one small: 2,442 row groups instead of 382 on a
   * 400k-row bench archive.)
   */
  readonly budgetBytes?: number;
  /** One row group / record batch (default DEFAULT_BATCH_LIMITS): a partition with this much waiting is written. */
  readonly limits?: BatchLimits;
}

/** A part file writer: rows in, then `flush` writes them as one row group (record batch). */
export type PartSink = RowSink & { flush(): Promise<void> };

interface Partition {
  readonly dir: string;
  /** Rows waiting, in arrival order, and their approximate bytes. */
  rows: ExportRow[];
  bytes: number;
  /** Part files opened so far: the next one is `part-${parts}`. */
  parts: number;
  sink: PartSink | undefined;
  /** Row groups in the open part file. */
  groups: number;
  /** The budget round of its last row group. */
  round: number;
}

/**
 * Writes each row into its partition's part file. Rows are gathered per partition (arrival order
 * kept within a partition) in one shared budget and written a row group at a time, so rows that
 * alternate between partitions still make one row group per partition, not one per row. Every
 * decision depends only on the rows in order, not on how they are cut into `write` calls.
 */
export class PartitionedSink implements RowSink {
  private readonly partitions = new Map<string, Partition>();
  /** Partitions with rows waiting, in the order their first waiting row came. */
  private readonly waiting = new Set<Partition>();
  /** Partitions with an open part file, least recently written first. */
  private readonly open = new Set<Partition>();
  private waitingBytes = 0;
  /** Row groups in all open part files. */
  private openGroups = 0;
  /** Budget rounds so far: each ends when the waiting rows pass the budget and are written. */
  private round = 0;
  private readonly limits: BatchLimits;
  private readonly budget: number;
  private readonly maxOpen: number;
  private readonly maxGroups: number;

  constructor(
    private readonly root: string,
    private readonly keys: readonly PartitionKey[],
    /** Opens the part file at a path (`part-N` plus the format's extension is added here). */
    private readonly openPart: (path: string) => Promise<PartSink>,
    private readonly extension: string,
    options: PartitionOptions = {},
  ) {
    this.limits = options.limits ?? DEFAULT_BATCH_LIMITS;
    this.budget = options.budgetBytes ?? 8 * 1024 * 1024;
    this.maxOpen = Math.max(1, options.maxOpen ?? 64);
    this.maxGroups = Math.max(1, options.maxRowGroups ?? 512);
  }

  async write(rows: readonly ExportRow[]): Promise<void> {
    for (const row of rows) {
      const dir = partitionDir(row, this.keys);
      let partition = this.partitions.get(dir);
      if (!partition) this.partitions.set(dir, partition = { dir, rows: [], bytes: 0, parts: 0, sink: undefined, groups: 0, round: 0 });
      const bytes = approxBytes(row);
      partition.rows.push(row);
      partition.bytes += bytes;
      this.waitingBytes += bytes;
      this.waiting.add(partition);
      if (partition.rows.length >= this.limits.rows || partition.bytes >= this.limits.bytes) await this.writeOut(partition);
      else if (this.waitingBytes > this.budget) await this.endRound();
    }
  }

  /** Writes every partition's waiting rows, one row group each, in the order they began waiting. */
  private async writeAll(): Promise<void> {
    for (const partition of [...this.waiting]) await this.writeOut(partition);
  }

  /**
   * The waiting rows passed the budget: all are written, and the part files of partitions that got
   * no row in this round are completed (their partition is likely done: the AWSLogs layout moves on
   * to the next day, account or region), so only partitions still getting rows keep a file open.
   */
  private async endRound(): Promise<void> {
    await this.writeAll();
    for (const partition of [...this.open]) if (partition.round < this.round) await this.closePart(partition);
    this.round++;
  }

  /** Writes a partition's waiting rows as one row group into its part file. */
  private async writeOut(partition: Partition): Promise<void> {
    const rows = partition.rows;
    this.waitingBytes -= partition.bytes;
    partition.rows = [];
    partition.bytes = 0;
    this.waiting.delete(partition);
    if (this.openGroups >= this.maxGroups) await this.closePart(this.mostGroups());
    const sink = await this.sinkOf(partition);
    await sink.write(rows);
    await sink.flush();
    partition.groups++;
    partition.round = this.round;
    this.openGroups++;
  }

  private async sinkOf(partition: Partition): Promise<PartSink> {
    if (partition.sink) {
      this.open.delete(partition); // re-insert: Set order is the recency order
      this.open.add(partition);
      return partition.sink;
    }
    if (this.open.size >= this.maxOpen) await this.closePart(this.open.values().next().value as Partition);
    const sink = await this.openPart(join(this.root, partition.dir, `part-${partition.parts}.${this.extension}`));
    partition.parts++;
    partition.sink = sink;
    this.open.add(partition);
    return sink;
  }

  /** The open part file with the most row groups (the least recently written one on a tie). */
  private mostGroups(): Partition {
    let most: Partition | undefined;
    for (const partition of this.open) if (!most || partition.groups > most.groups) most = partition;
    return most as Partition;
  }

  /** Completes a partition's part file: its next rows go to the next part. */
  private async closePart(partition: Partition): Promise<void> {
    const sink = partition.sink as PartSink;
    this.open.delete(partition);
    this.openGroups -= partition.groups;
    partition.sink = undefined;
    partition.groups = 0;
    await sink.close();
  }

  /** Writes what is waiting, completes every open part file, and makes sure the folder exists (an empty dataset is an empty folder). */
  async close(): Promise<void> {
    await this.writeAll();
    for (const partition of [...this.open]) await this.closePart(partition);
    try {
      await mkdir(this.root, { recursive: true });
    } catch (err) {
      throw new RunError(`cannot write ${this.root}: ${(err as Error).message}`);
    }
  }

  /** Removes the temp files of open parts; parts already closed are complete files and stay. */
  async abort(): Promise<void> {
    for (const partition of this.open) await partition.sink?.abort();
    for (const partition of this.open) partition.sink = undefined;
    this.open.clear();
    this.waiting.clear();
  }
}
