/**
 * Opens the writer of an export: a text stream, a Parquet or Arrow file, or a Hive-partitioned
 * dataset of them. Every file goes through the atomic writer.
 */
import { RunError } from '../errors.ts';
import { ARROW_BATCH_LIMITS, ArrowSink } from './arrow.ts';
import { openAtomic } from './atomic.ts';
import { SharedBuffer } from './parquet-file.ts';
import { ParquetSink } from './parquet.ts';
import { PartitionedSink, partitionFileColumns, type PartitionKey, type PartitionOptions } from './partition.ts';
import { type BatchLimits, type ByteOut, DEFAULT_BATCH_LIMITS, type RowSink } from './row-sink.ts';
import { type TextRowFormat, textRowSink } from './text-rows.ts';

export { EXPORT_FORMATS, type ExportFormat } from './formats.ts';
import type { ExportFormat } from './formats.ts';

const isColumnar = (format: ExportFormat): format is 'parquet' | 'arrow' => format === 'parquet' || format === 'arrow';

export interface ExportTarget {
  readonly format: ExportFormat;
  /** Output file; with `partitionBy`, the dataset folder. Text formats go to `stdout` without it. */
  readonly out?: string;
  readonly partitionBy?: readonly PartitionKey[];
  /** Row group / record batch limits (defaults: DEFAULT_BATCH_LIMITS for Parquet, ARROW_BATCH_LIMITS for Arrow). */
  readonly limits?: BatchLimits;
  readonly partitions?: PartitionOptions;
}

/** Checks a target's flags without touching anything (run before the archive is read). */
export function checkTarget(target: ExportTarget, hasStdout: boolean): void {
  const partitioned = (target.partitionBy?.length ?? 0) > 0;
  if (partitioned && !isColumnar(target.format)) throw new RunError(`--partition-by needs --format parquet or arrow, not ${target.format}`);
  if (!target.out && (partitioned || isColumnar(target.format) || !hasStdout)) {
    throw new RunError(`--format ${target.format}${partitioned ? ' --partition-by' : ''} needs --out ${partitioned ? 'DIR' : 'FILE'}`);
  }
}

/** Opens the sink of a target; text without `out` goes to `stdout`. */
export async function openExport(target: ExportTarget, stdout?: ByteOut): Promise<RowSink> {
  checkTarget(target, stdout !== undefined);
  const { format, out, limits } = target;
  if (isColumnar(format)) {
    const keys = target.partitionBy ?? [];
    const batch = limits ?? (format === 'parquet' ? DEFAULT_BATCH_LIMITS : ARROW_BATCH_LIMITS);
    // The part files of a dataset are written one at a time: they share one encoding buffer.
    const shared = keys.length > 0 ? new SharedBuffer() : undefined;
    const columns = partitionFileColumns(keys);
    const open = async (path: string) =>
      format === 'parquet' ? new ParquetSink(await openAtomic(path), columns, batch, shared) : new ArrowSink(await openAtomic(path), columns, batch);
    if (keys.length > 0) return new PartitionedSink(out as string, keys, open, format, { limits: batch, ...target.partitions });
    return open(out as string);
  }
  return textRowSink(out ? await openAtomic(out) : (stdout as ByteOut), format as TextRowFormat);
}
