/** Reading exports back: DuckDB (native, @duckdb/node-api), hyparquet and apache-arrow (pure JS). */
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { RecordBatchFileReader, tableFromIPC } from 'apache-arrow';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './helpers.ts';

let connection: Promise<DuckDBConnection> | undefined;

/** Runs SQL in a shared in-memory DuckDB (UTC session); rows as JSON-friendly objects. */
export async function duck(sql: string): Promise<Record<string, unknown>[]> {
  connection ??= DuckDBInstance.create(':memory:').then(async (db) => {
    const c = await db.connect();
    await c.run("SET TimeZone = 'UTC'");
    return c;
  });
  const reader = await (await connection).runAndReadAll(sql);
  return reader.getRowObjectsJson() as Record<string, unknown>[];
}

/** Column name -> DuckDB type of a query's result. */
export async function duckTypes(from: string): Promise<Record<string, string>> {
  const rows = await duck(`DESCRIBE SELECT * FROM ${from}`);
  return Object.fromEntries(rows.map((r) => [r.column_name as string, r.column_type as string]));
}

const arrayBuffer = (path: string): ArrayBuffer => {
  const b = readFileSync(path);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

/** A Parquet file through hyparquet: rows, row group count, codecs and the schema elements. */
export async function hyparquetRead(path: string) {
  const file = arrayBuffer(path);
  const meta = parquetMetadata(file);
  return {
    rows: (await parquetReadObjects({ file })) as Record<string, unknown>[],
    rowGroups: meta.row_groups.length,
    codecs: [...new Set(meta.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec)))],
    schema: meta.schema,
  };
}

/** An Arrow IPC file through apache-arrow (the reference JS implementation): is it the file format, its batches, fields and rows. */
export function arrowRead(path: string) {
  const bytes = readFileSync(path);
  const reader = RecordBatchFileReader.from(bytes);
  reader.open();
  const table = tableFromIPC(bytes);
  return {
    isFile: reader.isFile(),
    batches: reader.numRecordBatches,
    fields: Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)])),
    rows: table.toArray().map((row) => row.toJSON() as Record<string, unknown>),
  };
}

const CLI = join(ROOT, 'dist/src/cli.js');

/** Runs the built CLI. */
export function cli(args: string[]) {
  const out = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}
