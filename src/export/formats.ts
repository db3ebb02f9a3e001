/** The export formats, apart from their writers so the CLI can list them without loading Parquet. */
export const EXPORT_FORMATS = ['csv', 'ndjson', 'json', 'parquet', 'arrow'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
