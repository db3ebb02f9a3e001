/** Hive's rules for partition folder names, which DuckDB, Spark, Athena and Trino read back. */

/** Hive's name for a null partition value; DuckDB, Spark and Athena read it back as NULL. */
export const HIVE_NULL = '__HIVE_DEFAULT_PARTITION__';

// Hive's escaped characters (FileUtils.escapePathName): these would break a path or a key=value.
const UNSAFE = /[\u0000-\u001f"#%'*/:=?\\\u007f{[\]^]/g;

/** One partition value as a path segment: Hive escaping, so a value can never leave its folder. */
export function hiveValue(value: string | null): string {
  if (value === null || value === '') return HIVE_NULL;
  return value.replace(UNSAFE, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
