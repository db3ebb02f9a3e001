/**
 * Our Hive dataset (`export --format parquet --partition-by account,region,date`) as an external
 * table of each engine: the export's columns (export/columns.ts) less the partition keys, which
 * live in the folder names only, then the keys as partition columns. Pure.
 */
import { type ColumnKind, EXPORT_COLUMNS } from '../export/columns.ts';
import type { Dialect, Engine } from './dialect.ts';

const PARTITIONS = ['account', 'region', 'date'];

const HIVE_TYPE: Record<ColumnKind, string> = {
  timestamp: 'TIMESTAMP',
  date: 'DATE',
  string: 'STRING',
  boolean: 'BOOLEAN',
  int32: 'INT',
  int64: 'BIGINT',
  double: 'DOUBLE',
  'string-list': 'ARRAY<STRING>',
};
const TRINO_TYPE: Record<ColumnKind, string> = {
  ...HIVE_TYPE,
  timestamp: 'TIMESTAMP(3)',
  string: 'VARCHAR',
  int32: 'INTEGER',
  'string-list': 'ARRAY(VARCHAR)',
};

// Column names that are reserved words somewhere (index, date): always quoted.
const hiveId = (name: string) => `\`${name.toLowerCase()}\``;

const dataColumns = () => EXPORT_COLUMNS.filter((c) => !PARTITIONS.includes(c.name));

/** The DDL (and partition discovery) of the dataset at `location` as table `table`; DuckDB reads the folder itself and needs none. */
export function datasetDdl(d: Dialect, engine: Engine, table: string, location: string): string {
  const base = `${location.replace(/\/+$/, '')}/`;
  if (engine === 'duckdb') return '';
  if (engine === 'trino') {
    const columns = [...dataColumns().map((c) => `"${c.name.toLowerCase()}" ${TRINO_TYPE[c.kind]}`), ...PARTITIONS.map((p) => `"${p}" VARCHAR`)];
    return `CREATE TABLE ${table} (\n  ${columns.join(',\n  ')}\n)\nWITH (\n  format = 'PARQUET',\n  external_location = ${d.str(base)},\n` +
      `  partitioned_by = ARRAY[${PARTITIONS.map((p) => d.str(p)).join(', ')}]\n);\n` +
      `CALL system.sync_partition_metadata(${d.str(table.includes('.') ? table.split('.').at(-2)! : 'default')}, ${d.str(table.split('.').at(-1)!)}, 'ADD');\n`;
  }
  const columns = dataColumns().map((c) => `${hiveId(c.name)} ${HIVE_TYPE[c.kind]}`);
  const partitions = PARTITIONS.map((p) => `${hiveId(p)} STRING`).join(', ');
  return `CREATE EXTERNAL TABLE ${table} (\n  ${columns.join(',\n  ')}\n)\nPARTITIONED BY (${partitions})\nSTORED AS PARQUET\n` +
    `LOCATION ${d.str(base)};\nMSCK REPAIR TABLE ${table};\n`;
}
