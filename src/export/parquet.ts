/**
 * Parquet through hyparquet-writer: the schema and column data of a batch of rows (pure), and a
 * streaming sink that writes one row group per batch, so memory is bounded by the batch size.
 */
import { type ColumnSource, parquetWriteBuffer, ParquetWriter, type SchemaElement } from 'hyparquet-writer';
import { type ColumnKind, type ColumnSpec, epochDay, epochMs, EXPORT_COLUMNS, stringCell, stringListCell } from './columns.ts';
import { ParquetFileWriter, type SharedBuffer } from './parquet-file.ts';
import { BatchedSink, type BatchLimits, type ByteOut, type ExportRow } from './row-sink.ts';

const CREATED_BY = 'cloudtrail-support (hyparquet-writer)';

const UTF8 = { type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } } as const;

/**
 * The Parquet elements of each column kind: logical types that DuckDB, Spark and Athena all read.
 * A list is the three-level LIST structure of the Parquet spec (group / repeated `list` /
 * `element`), which every reader maps to LIST<VARCHAR>.
 */
function elements(name: string, kind: ColumnKind, nullable: boolean): SchemaElement[] {
  const repetition_type = nullable ? 'OPTIONAL' : 'REQUIRED';
  if (kind !== 'string-list') return [element(name, kind, repetition_type)];
  return [
    { name, repetition_type, num_children: 1, converted_type: 'LIST', logical_type: { type: 'LIST' } },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    { name: 'element', repetition_type: 'REQUIRED', ...UTF8 },
  ];
}

function element(name: string, kind: Exclude<ColumnKind, 'string-list'>, repetition_type: 'OPTIONAL' | 'REQUIRED'): SchemaElement {
  switch (kind) {
    case 'timestamp':
      // UTC instants: isAdjustedToUTC. The converted type is kept for older readers (Athena engine 2).
      return {
        name,
        repetition_type,
        type: 'INT64',
        converted_type: 'TIMESTAMP_MILLIS',
        logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' },
      };
    case 'date':
      return { name, repetition_type, type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } };
    case 'boolean':
      return { name, repetition_type, type: 'BOOLEAN' };
    case 'int32':
      return { name, repetition_type, type: 'INT32' };
    case 'int64':
      return { name, repetition_type, type: 'INT64' };
    case 'double':
      return { name, repetition_type, type: 'DOUBLE' };
    case 'string':
      return { name, repetition_type, ...UTF8 };
  }
}

/** The Parquet schema of the columns (a flat message). */
export function parquetSchema(columns: readonly ColumnSpec[] = EXPORT_COLUMNS): SchemaElement[] {
  return [{ name: 'root', num_children: columns.length }, ...columns.flatMap((c) => elements(c.name, c.kind, c.nullable))];
}

/** A cell as the writer takes it: epoch ms for timestamps, days for dates, bigint for int64. */
function cell(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (kind === 'string') return stringCell(value);
  if (kind === 'string-list') return stringListCell(value);
  if (kind === 'timestamp') return epochMs(value);
  if (kind === 'date') return epochDay(value);
  if (kind === 'int64') return BigInt(value as number);
  return value;
}

/** Column data of a batch of rows, in column order. */
export function toColumnData(rows: readonly ExportRow[], columns: readonly ColumnSpec[] = EXPORT_COLUMNS): ColumnSource[] {
  return columns.map(({ name, kind }) => ({
    name,
    data: rows.map((row) => cell(kind, row[name])),
    // Every raw record is distinct: skip the dictionary trial and the min/max, neither pays off.
    ...(name === 'raw' ? { encoding: 'PLAIN' as const, statistics: false } : {}),
  }));
}

/** A whole (small) table as Parquet bytes, e.g. one report. Snappy-compressed. */
export function toParquet(rows: readonly ExportRow[], columns: readonly ColumnSpec[]): Uint8Array {
  const buffer = parquetWriteBuffer({ columnData: toColumnData(rows, columns), schema: parquetSchema(columns), codec: 'SNAPPY', createdBy: CREATED_BY });
  return new Uint8Array(buffer);
}

/**
 * A streaming Parquet export: one snappy-compressed row group per batch, then the footer. With
 * a `shared` buffer (the part files of a dataset) the encoding buffer is borrowed per row group.
 */
export class ParquetSink extends BatchedSink {
  private readonly file: ParquetFileWriter;
  private readonly writer: ParquetWriter;

  constructor(private readonly out: ByteOut, private readonly columns: readonly ColumnSpec[] = EXPORT_COLUMNS, limits?: BatchLimits, shared?: SharedBuffer) {
    super(limits);
    this.file = new ParquetFileWriter(out, shared);
    this.writer = new ParquetWriter({ writer: this.file, schema: parquetSchema(columns), codec: 'SNAPPY', createdBy: CREATED_BY });
  }

  protected async writeBatch(rows: readonly ExportRow[]): Promise<void> {
    // One row group per batch: rowGroupSize covers the whole batch; the file writer flushes it.
    this.file.borrow();
    await this.writer.write({ columnData: toColumnData(rows, this.columns), rowGroupSize: rows.length });
  }

  protected async finish(): Promise<void> {
    this.file.borrow();
    await this.writer.finish();
    await this.out.commit();
  }

  abort(): Promise<void> {
    return this.out.abort();
  }
}
